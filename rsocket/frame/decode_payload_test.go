package frame

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// DecodePayload agrees with Parse on PAYLOAD frames, fails where Parse
// fails, rejects other types, and does not allocate.
func TestDecodePayload(t *testing.T) {
	cases := []struct {
		name string
		wire []byte
		ok   bool
	}{
		{"next", (&PayloadFrame{Stream: 1, Next: true, Data: []byte("d")}).Append(nil), true},
		{"complete with metadata", (&PayloadFrame{Stream: 3, Complete: true, HasMetadata: true, Metadata: []byte("m"), Data: []byte("d")}).Append(nil), true},
		{"follows", (&PayloadFrame{Stream: 5, Next: true, Follows: true, Data: []byte("x")}).Append(nil), true},
		{"neither N nor C", (&PayloadFrame{Stream: 1}).Append(nil), false},
		{"stream 0", (&PayloadFrame{Stream: 0, Next: true}).Append(nil), false},
		{"short metadata", append((&PayloadFrame{Stream: 1, Next: true}).Append(nil)[:4], 0x29, 0x20, 0x00), false},
		{"short header", []byte{0, 0, 0, 1, 0x28}, false},
		{"request_n", (&RequestNFrame{Stream: 1, RequestN: 2}).Append(nil), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := PayloadFrame{Stream: 99, Data: []byte("stale")}
			err := DecodePayload(c.wire, &f)
			if !c.ok {
				require.ErrorIs(t, err, ErrMalformed)
				require.Equal(t, PayloadFrame{}, f)
				return
			}
			require.NoError(t, err)
			want, err := Parse(c.wire)
			require.NoError(t, err)
			require.Equal(t, want, &f)
		})
	}
	wire := benchFrames[0].f.Append(nil)
	var f PayloadFrame
	require.Zero(t, testing.AllocsPerRun(100, func() { _ = DecodePayload(wire, &f) }))
}
