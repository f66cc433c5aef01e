package frame

// Frame is one decoded or to-be-encoded RSocket frame. The concrete types are
// pointers to the XxxFrame structs of this package.
type Frame interface {
	// StreamID returns the frame's stream id (0 for connection frames).
	StreamID() uint32
	// Type returns the frame type.
	Type() FrameType
	// Flags returns the header flags that the fields imply.
	Flags() Flags
	// Length returns the encoded size in bytes: header and body, without
	// any transport length prefix.
	Length() int
	// Append appends the encoded frame to b and returns the extended slice.
	// It does not validate; call Validate first for frames built from
	// untrusted values. It allocates only if b lacks capacity.
	Append(b []byte) []byte
	// Validate reports whether the fields form a frame that Parse would
	// accept (stream id rule, value ranges, size ≤ MaxFrameLength).
	Validate() error
}

// Fragmentable is implemented by the frames that may be split into fragments
// with the FOLLOWS flag: REQUEST_RESPONSE, REQUEST_FNF, REQUEST_STREAM,
// REQUEST_CHANNEL and PAYLOAD.
type Fragmentable interface {
	Frame
	// HasFollows reports whether the F flag is set (more fragments follow).
	HasFollows() bool
	// SetFollows sets or clears the F flag.
	SetFollows(follows bool)
	// MetadataAndData returns the frame's metadata (and whether it is
	// present) and data.
	MetadataAndData() (metadata []byte, hasMetadata bool, data []byte)
}

// Clone returns a deep copy of f that shares no memory with the buffer f was
// parsed from. It returns nil for a nil f.
func Clone(f Frame) Frame {
	switch f := f.(type) {
	case *SetupFrame:
		return f.Clone()
	case *LeaseFrame:
		return f.Clone()
	case *KeepaliveFrame:
		return f.Clone()
	case *RequestResponseFrame:
		return f.Clone()
	case *RequestFNFFrame:
		return f.Clone()
	case *RequestStreamFrame:
		return f.Clone()
	case *RequestChannelFrame:
		return f.Clone()
	case *RequestNFrame:
		return f.Clone()
	case *CancelFrame:
		return f.Clone()
	case *PayloadFrame:
		return f.Clone()
	case *ErrorFrame:
		return f.Clone()
	case *MetadataPushFrame:
		return f.Clone()
	case *ResumeFrame:
		return f.Clone()
	case *ResumeOKFrame:
		return f.Clone()
	case *ExtFrame:
		return f.Clone()
	case *UnknownFrame:
		return f.Clone()
	}
	return nil
}

// cloneBytes copies b, keeping nil as nil and empty as empty.
func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
