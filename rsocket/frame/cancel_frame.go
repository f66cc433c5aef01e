package frame

import "strconv"

// A CancelFrame (type 0x09, stream > 0) cancels a stream. It is the header
// alone.
type CancelFrame struct {
	// Stream is the stream id (1..2^31-1).
	Stream uint32
}

func parseCancelFrame(h Header, b []byte) (*CancelFrame, error) {
	if len(b) > 0 {
		return nil, formatError(h, ErrTrailingBytes, strconv.Itoa(len(b))+" bytes after header")
	}
	return &CancelFrame{Stream: h.StreamID}, nil
}

// StreamID returns f.Stream.
func (f *CancelFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeCancel.
func (f *CancelFrame) Type() FrameType { return TypeCancel }

// Flags returns 0: CANCEL defines no flags.
func (f *CancelFrame) Flags() Flags { return 0 }

// Length returns the encoded size (always 6).
func (f *CancelFrame) Length() int { return HeaderLength }

// Append appends the encoded frame to b.
func (f *CancelFrame) Append(b []byte) []byte { return appendHeader(b, f.Stream, TypeCancel, 0) }

// Validate checks the stream id.
func (f *CancelFrame) Validate() error {
	return checkStreamID(Header{StreamID: f.Stream, Type: TypeCancel})
}

// Clone returns a copy of f.
func (f *CancelFrame) Clone() *CancelFrame {
	c := *f
	return &c
}
