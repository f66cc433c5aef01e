package tracing_test

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/composite"
	"github.com/sluicego/sluice/rsocket/extension/internal/vectortest"
	"github.com/sluicego/sluice/rsocket/extension/tracing"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func u64(t *testing.T, fields map[string]any, key string) uint64 {
	t.Helper()
	s, ok := fields[key].(string)
	if !ok {
		return 0
	}
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	switch len(b) {
	case 8:
		return binary.BigEndian.Uint64(b)
	case 16:
		return binary.BigEndian.Uint64(b[8:])
	}
	t.Fatalf("%s: %d bytes", key, len(b))
	return 0
}

// fromFields builds the Metadata a vector's fields describe.
func fromFields(t *testing.T, f map[string]any) tracing.Metadata {
	m := tracing.Metadata{
		Debug: f["debug"].(bool), Sampled: f["sampled"].(bool), NotSampled: f["not_sampled"].(bool),
		HasIDs: f["ids_set"].(bool), TraceID128: f["trace_id_128"].(bool), HasParent: f["has_parent"].(bool),
		TraceID: u64(t, f, "trace_id_hex"), SpanID: u64(t, f, "span_id_hex"), ParentSpanID: u64(t, f, "parent_span_id_hex"),
	}
	if m.TraceID128 {
		b, err := hex.DecodeString(f["trace_id_hex"].(string))
		require.NoError(t, err)
		m.TraceIDHigh = binary.BigEndian.Uint64(b[:8])
	}
	return m
}

func TestVectors(t *testing.T) {
	vs := vectortest.Load(t, tracing.Format)
	require.Len(t, vs, 3)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			want := fromFields(t, v.Fields)
			got, err := tracing.Parse(v.Bytes(t))
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Equal(t, len(v.Bytes(t)), got.Len())
			enc, err := tracing.Append(nil, got)
			require.NoError(t, err)
			assert.Equal(t, v.Bytes(t), enc)
		})
	}
}

// TestCompositeVector decodes the tracing entry of the
// composite_zipkin_and_routing vector.
func TestCompositeVector(t *testing.T) {
	for _, v := range vectortest.Load(t, composite.Format) {
		if v.Name != "composite_zipkin_and_routing" {
			continue
		}
		entry := v.Fields["entries"].([]any)[0].(map[string]any)
		content, err := hex.DecodeString(entry["content_hex"].(string))
		require.NoError(t, err)
		got, err := tracing.Parse(content)
		require.NoError(t, err)
		assert.Equal(t, fromFields(t, entry["decoded"].(map[string]any)), got)
		return
	}
	t.Fatal("vector composite_zipkin_and_routing not found")
}

func TestMalformed(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":             nil,
		"reserved bits":     {0x01},
		"T without I":       {0x08},
		"P without I":       {0x04},
		"ids missing":       {0x80},
		"short span id":     append([]byte{0x80}, make([]byte, 15)...),
		"trailing byte":     {0x10, 0},
		"parent missing":    append([]byte{0x84}, make([]byte, 16)...),
		"128-bit truncated": append([]byte{0x88}, make([]byte, 17)...),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tracing.Parse(in)
			require.ErrorIs(t, err, extension.ErrMalformed)
		})
	}
}

func TestAppendInvalid(t *testing.T) {
	_, err := tracing.Append(nil, tracing.Metadata{HasParent: true})
	require.ErrorIs(t, err, extension.ErrInvalid)
	_, err = tracing.Append(nil, tracing.Metadata{TraceID128: true})
	require.ErrorIs(t, err, extension.ErrInvalid)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"10", "c0aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb", "ac0102030405060708111213141516171821222324252627283132333435363738"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := tracing.Parse(b)
		if err != nil {
			return
		}
		enc, err := tracing.Append(nil, m)
		if err != nil {
			t.Fatalf("re-encode %+v: %v", m, err)
		}
		if string(enc) != string(b) {
			t.Fatalf("round trip %x -> %x", b, enc)
		}
	})
}

func Example() {
	md, _ := tracing.Append(nil, tracing.Metadata{HasIDs: true, Sampled: true, TraceID: 1, SpanID: 2})
	m, _ := tracing.Parse(md)
	fmt.Printf("%x\nsampled=%v trace=%d span=%d\n", md, m.Sampled, m.TraceID, m.SpanID)
	// Output:
	// a000000000000000010000000000000002
	// sampled=true trace=1 span=2
}
