// Package vectortest loads the shared RSocket test vectors for the tests of
// the extension packages. It is for tests only.
package vectortest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// Vector is one metadata vector of vectors.json.
type Vector struct {
	Name     string         `json:"name"`
	Kind     string         `json:"kind"`
	MIMEType string         `json:"mime_type"`
	Hex      string         `json:"hex"`
	Fields   map[string]any `json:"fields"`
}

// Bytes returns the decoded hex of v.
func (v Vector) Bytes(t testing.TB) []byte {
	t.Helper()
	b, err := hex.DecodeString(v.Hex)
	require.NoError(t, err)
	return b
}

// path is rsocket/frame/testdata/vectors.json, found from this file.
func path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "frame", "testdata", "vectors.json")
}

// Load returns the vectors whose kind is "metadata" or "metadata_divergent"
// and whose mime_type is mimeType.
func Load(t testing.TB, mimeType string) []Vector {
	t.Helper()
	raw, err := os.ReadFile(path())
	require.NoError(t, err)
	var file struct {
		Vectors []Vector `json:"vectors"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	require.NoError(t, dec.Decode(&file))
	var out []Vector
	for _, v := range file.Vectors {
		if (v.Kind == "metadata" || v.Kind == "metadata_divergent") && v.MIMEType == mimeType {
			out = append(out, v)
		}
	}
	require.NotEmpty(t, out, "no vectors for %s", mimeType)
	return out
}
