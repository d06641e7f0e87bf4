package vtfake

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// loadFixtures reads every *.json in dir: real v3 objects, keyed by
// "<collection>/<id>" and, for files, by their md5, sha1 and sha256.
func loadFixtures(dir string) (map[string][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("vtfake: fixtures: %w", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("vtfake: fixtures: %w", err)
		}
		var env struct {
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(b, &env) == nil && len(env.Data) > 0 {
			b = env.Data
		}
		var o struct {
			Type       string `json:"type"`
			ID         string `json:"id"`
			Attributes struct {
				MD5    string `json:"md5"`
				SHA1   string `json:"sha1"`
				SHA256 string `json:"sha256"`
			} `json:"attributes"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return nil, fmt.Errorf("vtfake: fixture %s: %w", p, err)
		}
		coll := ""
		for c, t := range objectTypes {
			if t == o.Type {
				coll = c
			}
		}
		if coll == "" || o.ID == "" {
			return nil, fmt.Errorf("vtfake: fixture %s: not a v3 object (type %q, id %q)", p, o.Type, o.ID)
		}
		for _, k := range []string{o.ID, o.Attributes.MD5, o.Attributes.SHA1, o.Attributes.SHA256} {
			if k != "" {
				out[coll+"/"+strings.ToLower(k)] = b
			}
		}
	}
	return out, nil
}
