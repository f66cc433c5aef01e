package fragment_test

import (
	"bytes"
	"testing"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func fill(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i) + seed
	}
	return b
}

func TestSplitAndReassemble(t *testing.T) {
	cases := []struct {
		name string
		m    fragment.Message
		mtu  int
	}{
		{"payload N|C, metadata and data", fragment.Message{Type: frame.TypePayload, Stream: 3, Next: true, Complete: true,
			Metadata: fill(300, 1), HasMetadata: true, Data: fill(1000, 2)}, 64},
		{"payload N only data", fragment.Message{Type: frame.TypePayload, Stream: 3, Next: true, Data: fill(5000, 3)}, 128},
		{"request stream", fragment.Message{Type: frame.TypeRequestStream, Stream: 5, InitialRequestN: 9,
			Metadata: fill(70, 4), HasMetadata: true, Data: fill(200, 5)}, 64},
		{"request channel with C", fragment.Message{Type: frame.TypeRequestChannel, Stream: 7, InitialRequestN: 1, Complete: true,
			Data: fill(200, 6)}, 64},
		{"request response, empty metadata", fragment.Message{Type: frame.TypeRequestResponse, Stream: 9,
			Metadata: []byte{}, HasMetadata: true, Data: fill(500, 7)}, 100},
		{"fnf fits", fragment.Message{Type: frame.TypeRequestFNF, Stream: 11, Data: fill(10, 8)}, 64},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var frames []frame.Frame
			fragment.Split(&tc.m, tc.mtu, func(f frame.Frame) {
				// Encode and parse, as the wire would.
				b := f.Append(nil)
				require.LessOrEqual(t, len(b), tc.mtu)
				p, err := frame.Parse(b)
				require.NoError(t, err)
				frames = append(frames, p)
			})
			require.NotEmpty(t, frames)
			assert.Equal(t, tc.m.Type, frames[0].Type())
			for i, f := range frames {
				last := i == len(frames)-1
				fr := f.(frame.Fragmentable)
				assert.Equal(t, !last, fr.HasFollows(), "F on all but the last")
				if i > 0 {
					p := f.(*frame.PayloadFrame)
					assert.True(t, p.Next, "N on continuations")
					assert.Equal(t, last && tc.m.Complete, p.Complete, "C only on the last")
				}
			}
			if len(frames) == 1 {
				return
			}
			a, err := fragment.Begin(frames[0].(frame.Fragmentable), 0)
			require.NoError(t, err)
			var whole frame.Fragmentable
			for _, f := range frames[1:] {
				whole, err = a.Add(f.(*frame.PayloadFrame))
				require.NoError(t, err)
			}
			require.NotNil(t, whole)
			got := fragment.FromFrame(whole)
			assert.Equal(t, tc.m.Type, got.Type)
			assert.Equal(t, tc.m.InitialRequestN, got.InitialRequestN)
			assert.Equal(t, tc.m.Complete, got.Complete)
			assert.Equal(t, tc.m.HasMetadata, got.HasMetadata)
			assert.True(t, bytes.Equal(tc.m.Metadata, got.Metadata))
			assert.True(t, bytes.Equal(tc.m.Data, got.Data))
			assert.False(t, whole.HasFollows())
		})
	}
}

func TestReassemblyLimit(t *testing.T) {
	m := fragment.Message{Type: frame.TypePayload, Stream: 1, Next: true, Data: fill(1000, 0)}
	var frames []frame.Frame
	fragment.Split(&m, 200, func(f frame.Frame) { frames = append(frames, frame.Clone(f)) })
	a, err := fragment.Begin(frames[0].(frame.Fragmentable), 500)
	require.NoError(t, err)
	var failed error
	for _, f := range frames[1:] {
		if _, err := a.Add(f.(*frame.PayloadFrame)); err != nil {
			failed = err
			break
		}
	}
	require.ErrorIs(t, failed, fragment.ErrTooLarge)
	assert.LessOrEqual(t, a.Size(), 500)
}

func TestAssemblyOwnsItsBytes(t *testing.T) {
	first := &frame.PayloadFrame{Stream: 1, Next: true, Follows: true, Data: []byte("abc")}
	a, err := fragment.Begin(first, 0)
	require.NoError(t, err)
	copy(first.Data, "XXX")
	whole, err := a.Add(&frame.PayloadFrame{Stream: 1, Next: true, Data: []byte("def")})
	require.NoError(t, err)
	_, _, data := whole.MetadataAndData()
	assert.Equal(t, "abcdef", string(data))
}
