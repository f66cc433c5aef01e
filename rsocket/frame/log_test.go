package frame

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		f    Frame
		want string
	}{
		{
			"request stream with metadata", "sending",
			&RequestStreamFrame{Stream: 1, InitialRequestN: 5, HasMetadata: true, Metadata: []byte("route"), Data: []byte("Hello, RSocket world!\x00\x01")},
			"sending ->\n" +
				"Frame => Stream ID: 1 Type: REQUEST_STREAM Flags: 0b100000000 (M) Length: 41 InitialRequestN: 5\n" +
				"Metadata:\n" +
				"         +-------------------------------------------------+\n" +
				"         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |\n" +
				"+--------+-------------------------------------------------+----------------+\n" +
				"|00000000| 72 6f 75 74 65                                  |route           |\n" +
				"+--------+-------------------------------------------------+----------------+\n" +
				"Data:\n" +
				"         +-------------------------------------------------+\n" +
				"         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |\n" +
				"+--------+-------------------------------------------------+----------------+\n" +
				"|00000000| 48 65 6c 6c 6f 2c 20 52 53 6f 63 6b 65 74 20 77 |Hello, RSocket w|\n" +
				"|00000010| 6f 72 6c 64 21 00 01                            |orld!..         |\n" +
				"+--------+-------------------------------------------------+----------------+\n",
		},
		{
			"cancel", "",
			&CancelFrame{Stream: 7},
			"Frame => Stream ID: 7 Type: CANCEL Flags: 0b0 Length: 6\nData:\n\n",
		},
		{
			"error", "receiving",
			&ErrorFrame{Stream: 3, Code: ErrorCodeRejected, Data: []byte("no")},
			"receiving ->\n" +
				"Frame => Stream ID: 3 Type: ERROR Flags: 0b0 Length: 12 Code: REJECTED (0x202)\n" +
				"Data:\n" +
				"         +-------------------------------------------------+\n" +
				"         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |\n" +
				"+--------+-------------------------------------------------+----------------+\n" +
				"|00000000| 6e 6f                                           |no              |\n" +
				"+--------+-------------------------------------------------+----------------+\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Format(&buf, tt.dir, tt.f))
			assert.Equal(t, tt.want, buf.String())
		})
	}
}

func TestFormatEveryVectorFrame(t *testing.T) {
	for _, v := range loadVectors(t) {
		if v.Kind != "frame" {
			continue
		}
		f, err := Parse(mustHex(t, v.Hex))
		require.NoError(t, err)
		s := FormatString("receiving", f)
		assert.Contains(t, s, "Type: "+f.Type().String(), v.Name)
	}
}
