package frame

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

func addVectorSeeds(f *testing.F) {
	for _, v := range loadVectors(f) {
		if b, err := hex.DecodeString(v.Hex); err == nil && v.Kind != "tcp_stream" {
			f.Add(b)
		}
		for _, vf := range v.Frames {
			if b, err := hex.DecodeString(vf.Hex); err == nil {
				f.Add(b)
			}
		}
	}
}

// FuzzParse: Parse never panics; a frame it accepts validates, re-encodes
// to Length bytes, and the encoding parses back to the same encoding.
func FuzzParse(f *testing.F) {
	addVectorSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := Parse(b)
		if err != nil {
			require.Nil(t, fr)
			require.ErrorIs(t, err, ErrMalformed)
			_ = err.Error()
			return
		}
		require.NoError(t, fr.Validate())
		enc := fr.Append(nil)
		require.Len(t, enc, fr.Length())
		require.LessOrEqual(t, len(enc), len(b))
		again, err := Parse(enc)
		require.NoError(t, err)
		require.Equal(t, enc, again.Append(nil))
		require.Equal(t, fieldsOf(fr), fieldsOf(again))
		require.Equal(t, enc, Clone(fr).Append(nil))
		require.NotEmpty(t, FormatString("receiving", fr))
	})
}

// FuzzReadFrame: the length-prefixed reader never panics and returns
// exactly the announced number of bytes.
func FuzzReadFrame(f *testing.F) {
	f.Add([]byte{0, 0, 6, 0, 0, 0, 1, 0x24, 0})
	f.Add([]byte{0, 0, 1})
	f.Add([]byte{0xff, 0xff, 0xff, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ReadFrame(bytes.NewReader(b), nil, 1<<16)
		if err != nil {
			return
		}
		n, err := ReadLengthPrefix(b, 1<<16)
		require.NoError(t, err)
		require.Equal(t, b[LengthPrefixSize:LengthPrefixSize+n], got)
	})
}
