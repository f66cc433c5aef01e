package frame

import (
	"errors"
	"io"
	"strconv"
)

// LengthPrefixSize is the size of the 24-bit big-endian frame length that
// byte-stream transports (TCP, QUIC) put before every frame.
const LengthPrefixSize = 3

// ErrFrameLength is returned (wrapped in a *LengthError) when a length prefix
// announces a frame shorter than the header or longer than the allowed maximum.
var ErrFrameLength = errors.New("invalid frame length prefix")

// LengthError reports a length prefix out of range. It matches
// ErrFrameLength and ErrMalformed with errors.Is.
type LengthError struct {
	// Length is the announced frame length.
	Length int
	// Max is the limit that applied.
	Max int
}

// Error implements error.
func (e *LengthError) Error() string {
	return "rsocket/frame: invalid frame length prefix " + strconv.Itoa(e.Length) +
		" (must be " + strconv.Itoa(HeaderLength) + ".." + strconv.Itoa(e.Max) + ")"
}

// Unwrap returns ErrFrameLength and ErrMalformed.
func (e *LengthError) Unwrap() []error { return []error{ErrFrameLength, ErrMalformed} }

func checkFrameLength(n, limit int) error {
	if limit <= 0 || limit > MaxFrameLength {
		limit = MaxFrameLength
	}
	if n < HeaderLength || n > limit {
		return &LengthError{Length: n, Max: limit}
	}
	return nil
}

// AppendLengthPrefix appends the 3-byte length prefix for a frame of n bytes.
// It fails if n is not in HeaderLength..MaxFrameLength.
func AppendLengthPrefix(b []byte, n int) ([]byte, error) {
	if err := checkFrameLength(n, MaxFrameLength); err != nil {
		return b, err
	}
	return appendUint24(b, n), nil
}

// AppendWithLengthPrefix appends the length prefix and the encoded frame f,
// ready for a byte-stream transport. It fails if f is larger than
// MaxFrameLength; it does not otherwise validate f.
func AppendWithLengthPrefix(b []byte, f Frame) ([]byte, error) {
	b, err := AppendLengthPrefix(b, f.Length())
	if err != nil {
		return b, err
	}
	return f.Append(b), nil
}

// ReadLengthPrefix decodes the length prefix at the start of p (which must
// hold at least LengthPrefixSize bytes) and checks it against
// HeaderLength..maxFrameLength (maxFrameLength <= 0 means MaxFrameLength).
func ReadLengthPrefix(p []byte, maxFrameLength int) (int, error) {
	if len(p) < LengthPrefixSize {
		return 0, &FormatError{Kind: ErrShortFrame, Reason: "length prefix needs 3 bytes"}
	}
	n := readUint24(p)
	if err := checkFrameLength(n, maxFrameLength); err != nil {
		return n, err
	}
	return n, nil
}

// ReadFrame reads one length-prefixed frame from r and returns its bytes
// (without the prefix), ready for Parse. It reuses buf when it is large
// enough, so the result is only valid until the next call with the same buf.
// maxFrameLength <= 0 means MaxFrameLength. At a clean end of stream before
// any prefix byte it returns io.EOF; a stream that ends inside a frame gives
// io.ErrUnexpectedEOF.
func ReadFrame(r io.Reader, buf []byte, maxFrameLength int) ([]byte, error) {
	var prefix [LengthPrefixSize]byte
	if _, err := io.ReadFull(r, prefix[:]); err != nil {
		return nil, err
	}
	n, err := ReadLengthPrefix(prefix[:], maxFrameLength)
	if err != nil {
		return nil, err
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return buf, nil
}
