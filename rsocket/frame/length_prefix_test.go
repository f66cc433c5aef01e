package frame

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendLengthPrefix(t *testing.T) {
	tests := []struct {
		n    int
		want []byte
		err  bool
	}{
		{6, []byte{0, 0, 6}, false},
		{0x123456, []byte{0x12, 0x34, 0x56}, false},
		{MaxFrameLength, []byte{0xff, 0xff, 0xff}, false},
		{5, nil, true},
		{0, nil, true},
		{MaxFrameLength + 1, nil, true},
	}
	for _, tt := range tests {
		got, err := AppendLengthPrefix(nil, tt.n)
		if tt.err {
			require.ErrorIs(t, err, ErrFrameLength)
			require.ErrorIs(t, err, ErrMalformed)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
		n, err := ReadLengthPrefix(got, 0)
		require.NoError(t, err)
		assert.Equal(t, tt.n, n)
	}
}

func TestReadLengthPrefix(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		max  int
		want int
		kind error
	}{
		{"ok", []byte{0, 0, 10}, 0, 10, nil},
		{"short input", []byte{0, 0}, 0, 0, ErrShortFrame},
		{"zero", []byte{0, 0, 0}, 0, 0, ErrFrameLength},
		{"below header", []byte{0, 0, 5}, 0, 0, ErrFrameLength},
		{"above max", []byte{0, 1, 0}, 255, 0, ErrFrameLength},
		{"at max", []byte{0, 0, 255}, 255, 255, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ReadLengthPrefix(tt.in, tt.max)
			if tt.kind != nil {
				require.ErrorIs(t, err, tt.kind)
				require.ErrorIs(t, err, ErrMalformed)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, n)
		})
	}
}

func TestReadFrame(t *testing.T) {
	var stream []byte
	var err error
	frames := []Frame{&CancelFrame{Stream: 1}, &RequestNFrame{Stream: 1, RequestN: 5}, &PayloadFrame{Stream: 1, Next: true, Data: []byte("x")}}
	for _, f := range frames {
		stream, err = AppendWithLengthPrefix(stream, f)
		require.NoError(t, err)
	}
	r := bytes.NewReader(stream)
	buf := make([]byte, 0, 64)
	for _, want := range frames {
		got, err := ReadFrame(r, buf, 0)
		require.NoError(t, err)
		assert.Equal(t, want.Append(nil), got)
	}
	_, err = ReadFrame(r, buf, 0)
	require.ErrorIs(t, err, io.EOF)

	_, err = ReadFrame(bytes.NewReader(stream[:5]), nil, 0)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	_, err = ReadFrame(bytes.NewReader([]byte{0, 0, 1}), nil, 0)
	require.ErrorIs(t, err, ErrFrameLength)
	_, err = AppendWithLengthPrefix(nil, &MetadataPushFrame{Metadata: make([]byte, MaxFrameLength)})
	require.ErrorIs(t, err, ErrFrameLength)
}
