package vtclient

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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
//  1. the first line of keyFile (--api-key-file), with a warning when group
//     or others may read the file, as ssh warns of a private key file;
//  2. flagKey (--api-key), with a warning, since the process list shows it;
//  3. getenv(APIKeyEnv);
//  4. getenv(VTCLIKeyEnv), vt-cli's variable;
//  5. apikey = "..." in $HOME/.vt.toml, vt-cli's configuration.
//
// A key shorter than MinKeyLength is refused: it is not a VirusTotal key,
// and it could not be redacted from messages. No error or warning ever
// holds the key.
func LoadAPIKey(getenv func(string) string, keyFile, flagKey string) (key, warning string, err error) {
	key, from, warning, err := findKey(getenv, keyFile, flagKey)
	if err != nil {
		return "", "", err
	}
	if err := checkKey(key, from); err != nil {
		return "", "", err
	}
	return key, warning, nil
}

// findKey is LoadAPIKey before the key is checked; from names where the
// key was found, for messages.
func findKey(getenv func(string) string, keyFile, flagKey string) (key, from, warning string, err error) {
	switch {
	case keyFile != "":
		key, warning, err = readKeyFile(keyFile)
		return key, "in " + keyFile, warning, err
	case flagKey != "":
		return strings.TrimSpace(flagKey), "given with --api-key",
			"warning: --api-key shows the key to every user of this machine in the process list; prefer " + APIKeyEnv + " or --api-key-file", nil
	}
	for _, env := range []string{APIKeyEnv, VTCLIKeyEnv} {
		if key = strings.TrimSpace(getenv(env)); key != "" {
			return key, "in $" + env, "", nil
		}
	}
	if home := getenv("HOME"); home != "" {
		path := filepath.Join(home, VTCLIConfigRel)
		if key, err = vtcliConfigKey(path); err != nil || key != "" {
			return key, "in " + path, "", err
		}
	}
	return "", "", "", errNoKey
}

// readKeyFile reads the key from the first line of path, warning when the
// file is readable by group or others.
func readKeyFile(path string) (key, warning string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", fmt.Errorf("reading the API key file: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		warning = fmt.Sprintf("warning: the API key file %s can be read by other users (mode %04o); make it private with chmod 600 %s",
			path, st.Mode().Perm(), path)
	}
	sc := bufio.NewScanner(f)
	if sc.Scan() {
		key = strings.TrimSpace(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return "", "", fmt.Errorf("reading the API key file %s: %w", path, err)
	}
	if key == "" {
		return "", "", fmt.Errorf("the API key file %s is empty", path)
	}
	return key, warning, nil
}

// checkKey refuses a key too short to be one: a VirusTotal key has 64 hex
// characters, and a key shorter than MinKeyLength could not be redacted.
// Any longer key is taken, so that the fake VirusTotal's and the tests'
// keys work.
func checkKey(key, from string) error {
	if len(key) >= MinKeyLength {
		return nil
	}
	return fmt.Errorf("the API key %s has %d characters: that is not a VirusTotal API key (those have 64 hexadecimal characters), and a key shorter than %d could not be kept out of messages",
		from, len(key), MinKeyLength)
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
