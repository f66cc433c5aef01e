package auth_test

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/auth"
	"github.com/sluicego/sluice/rsocket/extension/internal/vectortest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestVectors(t *testing.T) {
	for _, v := range vectortest.Load(t, auth.Format) {
		t.Run(v.Name, func(t *testing.T) {
			in := v.Bytes(t)
			got, err := auth.Parse(in)
			require.NoError(t, err)
			f := v.Fields
			if v.Kind == "metadata_divergent" {
				// The canonical (length−1) reading is the java/js one.
				f = f["java_js_reading"].(map[string]any)
				assert.Equal(t, f["auth_type"], got.Type.Name)
				assert.Equal(t, f["auth_payload_utf8"], string(got.Payload))
				return
			}
			assert.Equal(t, f["well_known"], got.Type.WellKnown)
			assert.Equal(t, f["auth_type"], got.Type.Name)
			assert.Equal(t, f["auth_payload_hex"], hex.EncodeToString(got.Payload))
			var enc []byte
			switch f["auth_type"] {
			case "simple":
				assert.Equal(t, f["auth_type_id"], float64(got.Type.ID))
				user, pass, err := got.Simple()
				require.NoError(t, err)
				assert.Equal(t, f["username"], user)
				assert.Equal(t, f["password"], pass)
				enc, err = auth.AppendSimple(nil, user, pass)
				require.NoError(t, err)
			case "bearer":
				token, err := got.Bearer()
				require.NoError(t, err)
				assert.Equal(t, f["token"], token)
				enc = auth.AppendBearer(nil, token)
			default:
				enc, err = auth.AppendCustom(nil, got.Type.Name, got.Payload)
				require.NoError(t, err)
			}
			assert.Equal(t, in, enc)
		})
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		simple bool
		bearer bool
	}{
		{"empty", nil, false, false},
		{"custom overrun", []byte{0x05, 'a'}, false, false},
		{"custom not ascii", []byte{0x00, 0xFF}, false, false},
		{"simple no length", []byte{0x80, 0x00}, true, false},
		{"simple username overrun", []byte{0x80, 0x00, 0x05, 'a'}, true, false},
		{"simple on bearer", []byte{0x81, 't'}, true, false},
		{"bearer on simple", []byte{0x80, 0, 0}, false, true},
		{"bearer on custom", []byte{0x00, 'x'}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := auth.Parse(tt.in)
			switch {
			case tt.simple:
				require.NoError(t, err)
				_, _, err = m.Simple()
			case tt.bearer:
				require.NoError(t, err)
				_, err = m.Bearer()
			}
			require.ErrorIs(t, err, extension.ErrMalformed)
		})
	}
}

func TestAppendInvalid(t *testing.T) {
	_, err := auth.AppendSimple(nil, strings.Repeat("u", 1<<16), "")
	require.ErrorIs(t, err, extension.ErrInvalid)
	for _, typ := range []string{"", strings.Repeat("t", 129), "bad\ntype"} {
		_, err = auth.AppendCustom(nil, typ, nil)
		require.ErrorIs(t, err, extension.ErrInvalid)
	}
	_, err = auth.AppendWellKnown(nil, 0x80, nil)
	require.ErrorIs(t, err, extension.ErrInvalid)
	b, err := auth.AppendWellKnown(nil, 0x05, []byte("p"))
	require.NoError(t, err)
	m, err := auth.Parse(b)
	require.NoError(t, err)
	assert.Equal(t, auth.Type{WellKnown: true, ID: 5}, m.Type)
	assert.Equal(t, "bearer", auth.Bearer.String())
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("\x80\x00\x04userpass"))
	f.Add([]byte("\x81abc.def.ghi"))
	f.Add([]byte("\x0acustom-authxyz"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := auth.Parse(b)
		if err != nil {
			require.ErrorIs(t, err, extension.ErrMalformed)
			return
		}
		var enc []byte
		if m.Type.WellKnown {
			enc, err = auth.AppendWellKnown(nil, m.Type.ID, m.Payload)
		} else {
			enc, err = auth.AppendCustom(nil, m.Type.Name, m.Payload)
		}
		require.NoError(t, err)
		require.Equal(t, b, enc)
		if user, pass, err := m.Simple(); err == nil {
			enc, err := auth.AppendSimple(nil, user, pass)
			require.NoError(t, err)
			require.Equal(t, b, enc)
		}
	})
}

func Example() {
	b, _ := auth.AppendSimple(nil, "user", "pass")
	m, _ := auth.Parse(b)
	user, pass, _ := m.Simple()
	fmt.Println(m.Type.Name, user, pass)
	// Output: simple user pass
}

func ExampleAppendBearer() {
	m, _ := auth.Parse(auth.AppendBearer(nil, "abc.def.ghi"))
	token, _ := m.Bearer()
	fmt.Println(m.Type.Name, token)
	// Output: bearer abc.def.ghi
}
