package composite_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/auth"
	"github.com/sluicego/sluice/rsocket/extension/composite"
	"github.com/sluicego/sluice/rsocket/extension/internal/vectortest"
	"github.com/sluicego/sluice/rsocket/extension/mime"
	"github.com/sluicego/sluice/rsocket/extension/routing"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestVectors(t *testing.T) {
	for _, v := range vectortest.Load(t, composite.Format) {
		t.Run(v.Name, func(t *testing.T) {
			in := v.Bytes(t)
			got, err := composite.Parse(in)
			require.NoError(t, err)
			want := v.Fields["entries"].([]any)
			require.Len(t, got, len(want))
			var enc []byte
			for i, w := range want {
				w := w.(map[string]any)
				e := got[i]
				assert.Equal(t, w["well_known"], e.MIMEType.WellKnown)
				assert.Equal(t, w["mime_type"], e.MIMEType.Name)
				if id, ok := w["mime_id"]; ok {
					assert.Equal(t, id, float64(e.MIMEType.ID))
				}
				assert.Equal(t, w["content_hex"], hex.EncodeToString(e.Content))
				checkDecoded(t, e, w["decoded"])
				if e.MIMEType.WellKnown {
					enc, err = composite.AppendWellKnown(enc, e.MIMEType.ID, e.Content)
				} else {
					enc, err = composite.Append(enc, e.MIMEType.Name, e.Content)
				}
				require.NoError(t, err)
			}
			assert.Equal(t, in, enc)
		})
	}
}

// checkDecoded checks the nested decoding of the entries this module can decode.
func checkDecoded(t *testing.T, e composite.Entry, decoded any) {
	switch e.MIMEType.Name {
	case routing.Format:
		tags, err := routing.Parse(e.Content)
		require.NoError(t, err)
		want := decoded.(map[string]any)["tags"].([]any)
		require.Len(t, tags, len(want))
		for i := range want {
			assert.Equal(t, want[i], tags[i])
		}
	case auth.Format:
		m, err := auth.Parse(e.Content)
		require.NoError(t, err)
		d := decoded.(map[string]any)
		assert.Equal(t, d["auth_type"], m.Type.Name)
		assert.Equal(t, d["auth_payload_hex"], hex.EncodeToString(m.Payload))
	case mime.FormatMIMEType, mime.FormatAcceptMIMETypes:
		types, err := mime.ParseAcceptMIMETypes(e.Content)
		require.NoError(t, err)
		want := decoded.([]any)
		require.Len(t, types, len(want))
		for i := range want {
			assert.Equal(t, want[i].(map[string]any)["mime_type"], types[i].Name)
		}
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"no length", []byte{0xFE, 0x00}},
		{"content overrun", []byte{0xFE, 0x00, 0x00, 0x05, 'a'}},
		{"custom mime overrun", []byte{0x10, 'a'}},
		{"second entry broken", []byte{0xFE, 0x00, 0x00, 0x00, 0x05}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := composite.Parse(tt.in)
			require.ErrorIs(t, err, extension.ErrMalformed)
			n := 0
			var last error
			for _, err := range composite.All(tt.in) {
				n++
				last = err
			}
			require.ErrorIs(t, last, extension.ErrMalformed)
			assert.GreaterOrEqual(t, n, 1)
		})
	}
	entries, err := composite.Parse(nil)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestAppendInvalid(t *testing.T) {
	big := make([]byte, composite.MaxContentLength+1)
	tests := []struct {
		name string
		f    func() ([]byte, error)
	}{
		{"empty mime", func() ([]byte, error) { return composite.Append([]byte{1}, "", nil) }},
		{"big content", func() ([]byte, error) { return composite.Append([]byte{1}, "text/plain", big) }},
		{"big well-known", func() ([]byte, error) { return composite.AppendWellKnown([]byte{1}, 1, big) }},
		{"bad id", func() ([]byte, error) { return composite.AppendWellKnown([]byte{1}, 0x80, nil) }},
		{"big custom", func() ([]byte, error) { return composite.AppendCustom([]byte{1}, "a/b", big) }},
		{"bad custom", func() ([]byte, error) { return composite.AppendCustom([]byte{1}, "", nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.f()
			require.ErrorIs(t, err, extension.ErrInvalid)
			assert.Equal(t, []byte{1}, b)
		})
	}
}

func TestFindAndAll(t *testing.T) {
	b, err := composite.Append(nil, "text/plain", []byte("x"))
	require.NoError(t, err)
	b, err = composite.AppendCustom(b, "application/x-capnp", []byte("y"))
	require.NoError(t, err)
	c, ok := composite.Find(b, "application/x-capnp")
	require.True(t, ok)
	assert.Equal(t, []byte("y"), c)
	_, ok = composite.Find(b, "text/html")
	assert.False(t, ok)
	n := 0
	for e, err := range composite.All(b) {
		require.NoError(t, err)
		n++
		if n == 1 {
			assert.Equal(t, mime.TextPlain, e.MIMEType.ID)
			break
		}
	}
	assert.Equal(t, 1, n)
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("\xfe\x00\x00\x0c\x0bhello.world"))
	f.Add([]byte("\x13application/x.custom\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := composite.Parse(b)
		if err != nil {
			require.ErrorIs(t, err, extension.ErrMalformed)
			return
		}
		var enc []byte
		for _, e := range entries {
			if e.MIMEType.WellKnown {
				enc, err = composite.AppendWellKnown(enc, e.MIMEType.ID, e.Content)
			} else {
				enc, err = composite.AppendCustom(enc, e.MIMEType.Name, e.Content)
			}
			require.NoError(t, err)
		}
		require.Equal(t, len(b), len(enc))
		if len(b) > 0 {
			require.Equal(t, b, enc)
		}
	})
}

func Example() {
	route, _ := routing.Append(nil, "orders.create")
	md, _ := composite.Append(nil, routing.Format, route)
	md, _ = composite.Append(md, auth.Format, auth.AppendBearer(nil, "token"))

	for e, err := range composite.All(md) {
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %q\n", e.MIMEType, e.Content)
	}
	// Output:
	// message/x.rsocket.routing.v0 "\rorders.create"
	// message/x.rsocket.authentication.v0 "\x81token"
}
