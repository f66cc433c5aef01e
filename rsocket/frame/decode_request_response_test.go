package frame

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// DecodeRequestResponse agrees with Parse on REQUEST_RESPONSE frames, fails
// where Parse fails, rejects other types, and does not allocate.
func TestDecodeRequestResponse(t *testing.T) {
	cases := []struct {
		name string
		wire []byte
		ok   bool
	}{
		{"data", (&RequestResponseFrame{Stream: 1, Data: []byte("d")}).Append(nil), true},
		{"metadata", (&RequestResponseFrame{Stream: 3, HasMetadata: true, Metadata: []byte("m"), Data: []byte("d")}).Append(nil), true},
		{"empty metadata", (&RequestResponseFrame{Stream: 3, HasMetadata: true}).Append(nil), true},
		{"follows", (&RequestResponseFrame{Stream: 5, Follows: true, Data: []byte("x")}).Append(nil), true},
		{"stream 0", (&RequestResponseFrame{Stream: 0}).Append(nil), false},
		{"short metadata", append((&RequestResponseFrame{Stream: 1}).Append(nil)[:4], 0x11, 0x00, 0x00), false},
		{"short header", []byte{0, 0, 0, 1, 0x10}, false},
		{"fnf", (&RequestFNFFrame{Stream: 1}).Append(nil), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := DecodeRequestResponse(c.wire)
			if !c.ok {
				require.ErrorIs(t, err, ErrMalformed)
				require.Equal(t, RequestResponseFrame{}, f)
				return
			}
			require.NoError(t, err)
			want, err := Parse(c.wire)
			require.NoError(t, err)
			require.Equal(t, want, &f)
		})
	}
	wire := (&RequestResponseFrame{Stream: 7, Data: []byte("0123456789abcdef")}).Append(nil)
	require.Zero(t, testing.AllocsPerRun(100, func() { _, _ = DecodeRequestResponse(wire) }))
}
