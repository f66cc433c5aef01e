package frame

// An UnknownFrame is a frame of an unassigned type that has the I flag set.
// Parse returns it so that the receiver can drop it deliberately (an unknown
// type without I is an ErrUnknownType error instead).
type UnknownFrame struct {
	// Stream is the stream id from the header.
	Stream uint32
	// FrameType is the unassigned type from the header.
	FrameType FrameType
	// HeaderFlags holds the received flag bits, including FlagIgnore.
	HeaderFlags Flags
	// Body is everything after the header, uninterpreted.
	Body []byte
}

func parseUnknownFrame(h Header, b []byte) (*UnknownFrame, error) {
	if h.Flags&FlagIgnore == 0 {
		return nil, formatError(h, ErrUnknownType, "I flag clear")
	}
	return &UnknownFrame{Stream: h.StreamID, FrameType: h.Type, HeaderFlags: h.Flags, Body: b}, nil
}

// StreamID returns f.Stream.
func (f *UnknownFrame) StreamID() uint32 { return f.Stream }

// Type returns f.FrameType.
func (f *UnknownFrame) Type() FrameType { return f.FrameType }

// Flags returns f.HeaderFlags.
func (f *UnknownFrame) Flags() Flags { return f.HeaderFlags & flagsMask }

// Length returns the encoded size.
func (f *UnknownFrame) Length() int { return HeaderLength + len(f.Body) }

// Append appends the frame, as received, to b.
func (f *UnknownFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, f.FrameType, f.Flags())
	return append(b, f.Body...)
}

// Validate checks that the type is really unassigned, that I is set and that
// the stream id fits in 31 bits.
func (f *UnknownFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: f.FrameType, Flags: f.Flags()}
	switch {
	case f.FrameType.Known() || f.FrameType > TypeExt:
		return formatError(h, ErrInvalidValue, "type is not an unassigned 6-bit type")
	case f.HeaderFlags&FlagIgnore == 0:
		return formatError(h, ErrUnknownType, "I flag clear")
	}
	if err := checkStreamID(h); err != nil {
		return err
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *UnknownFrame) Clone() *UnknownFrame {
	c := *f
	c.Body = cloneBytes(f.Body)
	return &c
}
