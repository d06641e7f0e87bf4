package vtclient

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Where the API key may come from besides the flags: vtenrich's variable,
// then vt-cli's variable and configuration file (README, "The API key").
const (
	APIKeyEnv      = "VT_API_KEY"
	VTCLIKeyEnv    = "VTCLI_APIKEY"
	VTCLIConfigRel = ".vt.toml" // in the home folder, as `vt init` writes it
)

// errNoKey is the error when no source holds a key.
var errNoKey = errors.New("no VirusTotal API key: set " + APIKeyEnv + " (or vt-cli's " + VTCLIKeyEnv +
	" or ~/" + VTCLIConfigRel + ") or use --api-key-file")

// LoadAPIKey finds the API key; the first source that has one wins:
//
//  1. the first line of keyFile (--api-key-file);
//  2. flagKey (--api-key), with a warning, since the process list shows it;
//  3. getenv(APIKeyEnv);
//  4. getenv(VTCLIKeyEnv), vt-cli's variable;
//  5. apikey = "..." in $HOME/.vt.toml, vt-cli's configuration.
//
// No error or warning ever holds the key.
func LoadAPIKey(getenv func(string) string, keyFile, flagKey string) (key, warning string, err error) {
	switch {
	case keyFile != "":
		key, err := firstLine(keyFile)
		return key, "", err
	case flagKey != "":
		return strings.TrimSpace(flagKey), "warning: --api-key shows the key to every user of this machine in the process list; prefer " + APIKeyEnv + " or --api-key-file", nil
	}
	for _, env := range []string{APIKeyEnv, VTCLIKeyEnv} {
		if key = strings.TrimSpace(getenv(env)); key != "" {
			return key, "", nil
		}
	}
	if home := getenv("HOME"); home != "" {
		if key, err = vtcliConfigKey(filepath.Join(home, VTCLIConfigRel)); err != nil || key != "" {
			return key, "", err
		}
	}
	return "", "", errNoKey
}

// firstLine reads the key from the first line of a key file.
func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading the API key file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var key string
	if sc.Scan() {
		key = strings.TrimSpace(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("reading the API key file %s: %w", path, err)
	}
	if key == "" {
		return "", fmt.Errorf("the API key file %s is empty", path)
	}
	return key, nil
}

// vtcliConfigKey reads the apikey of vt-cli's configuration file; "" when
// the file is absent or sets no key.
func vtcliConfigKey(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading vt-cli's configuration: %w", err)
	}
	key, err := tomlTopString(string(b), "apikey")
	if err != nil {
		return "", fmt.Errorf("reading vt-cli's configuration %s: %w", path, err)
	}
	return strings.TrimSpace(key), nil
}
