package routing_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/internal/vectortest"
	"github.com/sluicego/sluice/rsocket/extension/routing"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestVectors(t *testing.T) {
	for _, v := range vectortest.Load(t, routing.Format) {
		t.Run(v.Name, func(t *testing.T) {
			var want []string
			for _, tag := range v.Fields["tags"].([]any) {
				want = append(want, tag.(string))
			}
			got, err := routing.Parse(v.Bytes(t))
			require.NoError(t, err)
			assert.Equal(t, want, got)
			enc, err := routing.Append(nil, got...)
			require.NoError(t, err)
			assert.Equal(t, v.Bytes(t), enc)
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []string
		err  bool
	}{
		{"empty", nil, nil, false},
		{"one", []byte{1, 'a'}, []string{"a"}, false},
		{"zero length tag", []byte{1, 'a', 0}, nil, true},
		{"overrun", []byte{3, 'a', 'b'}, nil, true},
		{"second overruns", []byte{1, 'a', 2, 'b'}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := routing.Parse(tt.in)
			if tt.err {
				require.ErrorIs(t, err, extension.ErrMalformed)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAppendInvalid(t *testing.T) {
	for _, tags := range [][]string{{""}, {"ok", strings.Repeat("x", 256)}} {
		b, err := routing.Append([]byte{9}, tags...)
		require.ErrorIs(t, err, extension.ErrInvalid)
		assert.Equal(t, []byte{9}, b)
	}
	b, err := routing.Append(nil, strings.Repeat("x", 255))
	require.NoError(t, err)
	assert.Len(t, b, 256)
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("\x0bhello.world"))
	f.Add([]byte("\x09/person/1\x0aios-client"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tags, err := routing.Parse(b)
		if err != nil {
			require.ErrorIs(t, err, extension.ErrMalformed)
			return
		}
		enc, err := routing.Append(nil, tags...)
		require.NoError(t, err)
		require.Equal(t, len(b), len(enc))
		if len(b) > 0 {
			require.Equal(t, b, enc)
		}
	})
}

func Example() {
	b, _ := routing.Append(nil, "orders.create", "v2")
	tags, _ := routing.Parse(b)
	fmt.Printf("%q\n", tags)
	// Output: ["orders.create" "v2"]
}

func ExampleIterator() {
	it := routing.NewIterator([]byte("\x05route\x03tag"))
	for it.Next() {
		fmt.Println(string(it.Tag()))
	}
	fmt.Println(it.Err())
	// Output:
	// route
	// tag
	// <nil>
}
