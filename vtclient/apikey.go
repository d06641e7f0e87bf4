package vtclient

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// APIKeyEnv is the environment variable holding the API key.
const APIKeyEnv = "VT_API_KEY"

// LoadAPIKey finds the API key: the first line of keyFile (--api-key-file)
// when given, else flagKey (--api-key), else getenv(APIKeyEnv). A key from
// the command line comes with a warning, since the process list shows it,
// and so does a key file that group or others may read, as ssh warns of
// a private key file. A key shorter than MinKeyLength is refused: it is
// not a VirusTotal key, and it could not be redacted from messages. No
// error or warning ever holds the key.
func LoadAPIKey(getenv func(string) string, keyFile, flagKey string) (key, warning string, err error) {
	var from string
	switch {
	case keyFile != "":
		if key, warning, err = readKeyFile(keyFile); err != nil {
			return "", "", err
		}
		from = "in " + keyFile
	case flagKey != "":
		key, from = strings.TrimSpace(flagKey), "given with --api-key"
		warning = "warning: --api-key shows the key to every user of this machine in the process list; prefer " + APIKeyEnv + " or --api-key-file"
	default:
		if key = strings.TrimSpace(getenv(APIKeyEnv)); key == "" {
			return "", "", errors.New("no VirusTotal API key: set " + APIKeyEnv + " or use --api-key-file")
		}
		from = "in $" + APIKeyEnv
	}
	if err := checkKey(key, from); err != nil {
		return "", "", err
	}
	return key, warning, nil
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
