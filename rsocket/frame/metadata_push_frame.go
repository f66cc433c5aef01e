package frame

// A MetadataPushFrame (type 0x0C, stream 0, M always set) pushes
// connection-level metadata. The metadata has no length field.
type MetadataPushFrame struct {
	// Metadata runs to the end of the frame (may be empty).
	Metadata []byte
}

func parseMetadataPushFrame(h Header, b []byte) (*MetadataPushFrame, error) {
	if h.Flags&FlagMetadata == 0 {
		return nil, formatError(h, ErrInvalidValue, "METADATA_PUSH without the M flag")
	}
	return &MetadataPushFrame{Metadata: b}, nil
}

// StreamID returns 0: METADATA_PUSH belongs to the connection.
func (f *MetadataPushFrame) StreamID() uint32 { return 0 }

// Type returns TypeMetadataPush.
func (f *MetadataPushFrame) Type() FrameType { return TypeMetadataPush }

// Flags returns M, which METADATA_PUSH always carries.
func (f *MetadataPushFrame) Flags() Flags { return FlagMetadata }

// Length returns the encoded size.
func (f *MetadataPushFrame) Length() int { return HeaderLength + len(f.Metadata) }

// Append appends the encoded frame to b.
func (f *MetadataPushFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeMetadataPush, FlagMetadata)
	return append(b, f.Metadata...)
}

// Validate checks the frame size.
func (f *MetadataPushFrame) Validate() error { return checkSize(f) }

// Clone returns a deep copy of f.
func (f *MetadataPushFrame) Clone() *MetadataPushFrame {
	return &MetadataPushFrame{Metadata: cloneBytes(f.Metadata)}
}
