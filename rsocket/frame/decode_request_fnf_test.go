package frame

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// DecodeRequestFNF agrees with Parse on REQUEST_FNF frames, fails where
// Parse fails, rejects other types, and does not allocate.
func TestDecodeRequestFNF(t *testing.T) {
	cases := []struct {
		name string
		wire []byte
		ok   bool
	}{
		{"data", (&RequestFNFFrame{Stream: 1, Data: []byte("d")}).Append(nil), true},
		{"metadata", (&RequestFNFFrame{Stream: 3, HasMetadata: true, Metadata: []byte("m"), Data: []byte("d")}).Append(nil), true},
		{"empty metadata", (&RequestFNFFrame{Stream: 3, HasMetadata: true}).Append(nil), true},
		{"follows", (&RequestFNFFrame{Stream: 5, Follows: true, Data: []byte("x")}).Append(nil), true},
		{"stream 0", (&RequestFNFFrame{Stream: 0}).Append(nil), false},
		{"short metadata", append((&RequestFNFFrame{Stream: 1}).Append(nil)[:4], 0x15, 0x00, 0x00), false},
		{"short header", []byte{0, 0, 0, 1, 0x14}, false},
		{"payload", (&PayloadFrame{Stream: 1, Next: true}).Append(nil), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := DecodeRequestFNF(c.wire)
			if !c.ok {
				require.ErrorIs(t, err, ErrMalformed)
				require.Equal(t, RequestFNFFrame{}, f)
				return
			}
			require.NoError(t, err)
			want, err := Parse(c.wire)
			require.NoError(t, err)
			require.Equal(t, want, &f)
		})
	}
	wire := (&RequestFNFFrame{Stream: 7, Data: []byte("0123456789abcdef")}).Append(nil)
	require.Zero(t, testing.AllocsPerRun(100, func() { _, _ = DecodeRequestFNF(wire) }))
}
