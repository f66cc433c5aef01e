package mime_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/internal/vectortest"
	"github.com/sluicego/sluice/rsocket/extension/mime"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestTable(t *testing.T) {
	tests := []struct {
		id   mime.ID
		name string
	}{
		{mime.ApplicationAvro, "application/avro"},
		{mime.ApplicationJSON, "application/json"},
		{mime.VideoH264, "video/H264"},
		{mime.ApplicationFlatBuffers, "application/x-flatbuffers"},
		{mime.MessageMIMEType, "message/x.rsocket.mime-type.v0"},
		{mime.MessageCompositeMetadata, "message/x.rsocket.composite-metadata.v0"},
		{mime.MessageRouting, "message/x.rsocket.routing.v0"},
	}
	for _, tt := range tests {
		name, ok := mime.Lookup(tt.id)
		require.True(t, ok)
		assert.Equal(t, tt.name, name)
		id, ok := mime.IDOf(tt.name)
		require.True(t, ok)
		assert.Equal(t, tt.id, id)
	}
	assigned := 0
	for id := mime.ID(0); id <= mime.MaxID; id++ {
		if id.Assigned() {
			assigned++
		}
	}
	assert.Equal(t, 0x2B+6, assigned)
	_, ok := mime.Lookup(0x2B)
	assert.False(t, ok)
	assert.Equal(t, "", mime.ID(0x80).String())
	id, ok := mime.IDOf("VIDEO/h264")
	assert.True(t, ok)
	assert.Equal(t, mime.VideoH264, id)
	_, ok = mime.IDOf("application/x.custom")
	assert.False(t, ok)
}

func mimeTypesOf(fields map[string]any) []mime.Type {
	var out []mime.Type
	for _, e := range fields["mime_types"].([]any) {
		m := e.(map[string]any)
		t := mime.Type{WellKnown: m["well_known"].(bool), Name: m["mime_type"].(string)}
		if id, ok := m["mime_id"].(float64); ok {
			t.ID = mime.ID(id)
		}
		out = append(out, t)
	}
	return out
}

func TestVectors(t *testing.T) {
	for _, v := range vectortest.Load(t, mime.FormatMIMEType) {
		t.Run(v.Name, func(t *testing.T) {
			want := mimeTypesOf(v.Fields)
			require.Len(t, want, 1)
			got, err := mime.ParseMIMEType(v.Bytes(t))
			require.NoError(t, err)
			assert.Equal(t, want[0], got)
			enc, err := mime.AppendMIMEType(nil, got.Name)
			require.NoError(t, err)
			assert.Equal(t, v.Bytes(t), enc)
		})
	}
	for _, v := range vectortest.Load(t, mime.FormatAcceptMIMETypes) {
		t.Run(v.Name, func(t *testing.T) {
			want := mimeTypesOf(v.Fields)
			got, err := mime.ParseAcceptMIMETypes(v.Bytes(t))
			require.NoError(t, err)
			assert.Equal(t, want, got)
			var names []string
			for _, m := range got {
				names = append(names, m.Name)
			}
			enc, err := mime.AppendAcceptMIMETypes(nil, names...)
			require.NoError(t, err)
			assert.Equal(t, v.Bytes(t), enc)
		})
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		accept bool
	}{
		{"empty", nil, false},
		{"empty accept list", nil, true},
		{"custom overrun", []byte{0x05, 'a', 'b'}, false},
		{"custom overrun in list", []byte{0x85, 0x05, 'a'}, true},
		{"trailing", []byte{0x85, 0x81}, false},
		{"not ascii", []byte{0x01, 'a', 0xC3}, false},
		{"control char", []byte{0x00, '\n'}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.accept {
				_, err = mime.ParseAcceptMIMETypes(tt.in)
			} else {
				_, err = mime.ParseMIMEType(tt.in)
			}
			require.ErrorIs(t, err, extension.ErrMalformed)
		})
	}
}

func TestReservedID(t *testing.T) {
	got, err := mime.ParseMIMEType([]byte{0x80 | 0x50})
	require.NoError(t, err)
	assert.Equal(t, mime.Type{WellKnown: true, ID: 0x50}, got)
	assert.Equal(t, "reserved(0x50)", got.String())
}

func TestAppendInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"too long", strings.Repeat("a", mime.MaxCustomLength+1)},
		{"non ascii", "text/é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := mime.AppendMIMEType([]byte{1}, tt.in)
			require.ErrorIs(t, err, extension.ErrInvalid)
			assert.Equal(t, []byte{1}, b)
		})
	}
	_, err := mime.AppendAcceptMIMETypes(nil)
	require.ErrorIs(t, err, extension.ErrInvalid)
	_, err = mime.AppendWellKnown(nil, 0x80, mime.FormatMIMEType)
	require.ErrorIs(t, err, extension.ErrInvalid)
	b, err := mime.AppendCustomType(nil, "application/json", mime.FormatMIMEType)
	require.NoError(t, err)
	assert.Equal(t, append([]byte{15}, "application/json"...), b)
	_, err = mime.AppendAcceptMIMETypes(nil, "text/plain", "")
	require.ErrorIs(t, err, extension.ErrInvalid)
	ok := strings.Repeat("a", mime.MaxCustomLength)
	b, err = mime.AppendMIMEType(nil, ok)
	require.NoError(t, err)
	got, err := mime.ParseMIMEType(b)
	require.NoError(t, err)
	assert.Equal(t, ok, got.Name)
}

func FuzzParseAcceptMIMETypes(f *testing.F) {
	f.Add([]byte{0x85, 0x81, 0x09, 't', 'e', 'x', 't', '/', 'x', '-', 'f', 'o', 'o'})
	f.Add([]byte{0x05, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		types, err := mime.ParseAcceptMIMETypes(b)
		if err != nil {
			require.ErrorIs(t, err, extension.ErrMalformed)
			return
		}
		var enc []byte
		for _, m := range types {
			if m.WellKnown {
				enc, err = mime.AppendWellKnown(enc, m.ID, mime.FormatAcceptMIMETypes)
			} else {
				enc, err = mime.AppendCustomType(enc, m.Name, mime.FormatAcceptMIMETypes)
			}
			require.NoError(t, err)
		}
		require.Equal(t, b, enc)
		if len(types) == 1 {
			one, err := mime.ParseMIMEType(b)
			require.NoError(t, err)
			require.Equal(t, types[0], one)
		}
	})
}

func ExampleIDOf() {
	id, _ := mime.IDOf("application/json")
	fmt.Printf("0x%02x %s\n", uint8(id), mime.MessageRouting)
	// Output: 0x05 message/x.rsocket.routing.v0
}

func ExampleAppendMIMEType() {
	b, _ := mime.AppendMIMEType(nil, "application/cbor")
	t, _ := mime.ParseMIMEType(b)
	fmt.Printf("% x %s\n", b, t)
	// Output: 81 application/cbor
}
