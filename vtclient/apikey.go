package vtclient

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
)

// APIKeyEnv is the environment variable holding the API key.
const APIKeyEnv = "VT_API_KEY"

// LoadAPIKey finds the API key: the first line of keyFile (--api-key-file)
// when given, else flagKey (--api-key), else getenv(APIKeyEnv). A key from
// the command line comes with a warning, since the process list shows it.
// No error or warning ever holds the key.
func LoadAPIKey(getenv func(string) string, keyFile, flagKey string) (key, warning string, err error) {
	switch {
	case keyFile != "":
		f, err := os.Open(keyFile)
		if err != nil {
			return "", "", fmt.Errorf("reading the API key file: %w", err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		if sc.Scan() {
			key = strings.TrimSpace(sc.Text())
		}
		if err := sc.Err(); err != nil {
			return "", "", fmt.Errorf("reading the API key file %s: %w", keyFile, err)
		}
		if key == "" {
			return "", "", fmt.Errorf("the API key file %s is empty", keyFile)
		}
		return key, "", nil
	case flagKey != "":
		return strings.TrimSpace(flagKey), "warning: --api-key shows the key to every user of this machine in the process list; prefer " + APIKeyEnv + " or --api-key-file", nil
	}
	if key = strings.TrimSpace(getenv(APIKeyEnv)); key == "" {
		return "", "", errors.New("no VirusTotal API key: set " + APIKeyEnv + " or use --api-key-file")
	}
	return key, "", nil
}
