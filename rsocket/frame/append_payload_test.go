package frame_test

import (
	"testing"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// AppendPayload and PayloadLength encode exactly what PayloadFrame does.
func TestAppendPayloadMatchesPayloadFrame(t *testing.T) {
	cases := []frame.PayloadFrame{
		{Stream: 1, Next: true, Data: []byte("hello")},
		{Stream: 7, Complete: true},
		{Stream: 1<<31 - 1, Next: true, Complete: true, Metadata: []byte("md"), HasMetadata: true, Data: []byte{0, 1, 2}},
		{Stream: 3, Next: true, HasMetadata: true},
		{Stream: 9, Next: true, Metadata: []byte("ignored without the M flag"), Data: []byte("d")},
	}
	for _, f := range cases {
		prefix := []byte{0xAA}
		want := f.Append(append([]byte(nil), prefix...))
		got := frame.AppendPayload(append([]byte(nil), prefix...), f.Stream, f.Next, f.Complete, f.Metadata, f.HasMetadata, f.Data)
		require.Equal(t, want, got, "%+v", f)
		assert.Equal(t, f.Length(), frame.PayloadLength(f.Metadata, f.HasMetadata, f.Data), "%+v", f)
		parsed, err := frame.Parse(got[1:])
		require.NoError(t, err)
		assert.Equal(t, frame.TypePayload, parsed.Type())
	}
}
