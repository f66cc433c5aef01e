package frame

import "encoding/binary"

// An ErrorFrame (type 0x0B, any stream) terminates a stream (stream > 0) or
// the connection (stream 0).
type ErrorFrame struct {
	// Stream is the failed stream id, or 0 for the connection.
	Stream uint32
	// Code says what failed; never ErrorCodeReserved.
	Code ErrorCode
	// Data is the error message, UTF-8 (may be empty).
	Data []byte
}

const errorCodeLength = 4

func parseErrorFrame(h Header, b []byte) (*ErrorFrame, error) {
	if len(b) < errorCodeLength {
		return nil, shortError(h, "error code", errorCodeLength, len(b))
	}
	f := &ErrorFrame{Stream: h.StreamID, Code: ErrorCode(binary.BigEndian.Uint32(b)), Data: b[errorCodeLength:]}
	if f.Code == ErrorCodeReserved {
		return nil, formatError(h, ErrInvalidValue, "error code 0 is reserved")
	}
	return f, nil
}

// Message returns Data as a string.
func (f *ErrorFrame) Message() string { return string(f.Data) }

// StreamID returns f.Stream.
func (f *ErrorFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeError.
func (f *ErrorFrame) Type() FrameType { return TypeError }

// Flags returns 0: ERROR defines no flags.
func (f *ErrorFrame) Flags() Flags { return 0 }

// Length returns the encoded size.
func (f *ErrorFrame) Length() int { return HeaderLength + errorCodeLength + len(f.Data) }

// Append appends the encoded frame to b.
func (f *ErrorFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeError, 0)
	b = appendUint32(b, uint32(f.Code))
	return append(b, f.Data...)
}

// Validate checks the stream id, the code and the frame size.
func (f *ErrorFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypeError}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if f.Code == ErrorCodeReserved {
		return formatError(h, ErrInvalidValue, "error code 0 is reserved")
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *ErrorFrame) Clone() *ErrorFrame {
	c := *f
	c.Data = cloneBytes(f.Data)
	return &c
}
