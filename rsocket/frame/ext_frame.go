package frame

import "encoding/binary"

// An ExtFrame (type 0x3F, any stream) carries a protocol extension. The body
// after the extended type follows rsocket-java's layout: optional u24
// metadata length and metadata (M flag), then data.
type ExtFrame struct {
	// Stream is the stream id, 0 for the connection.
	Stream uint32
	// Ignore is the I flag: a receiver that does not understand
	// ExtendedType must drop the frame instead of closing the connection.
	Ignore bool
	// ExtendedType identifies the extension, 1..2^31-1.
	ExtendedType uint32
	// Metadata and HasMetadata (the M flag; metadata may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the extension data.
	Data []byte
}

const extendedTypeLength = 4

func parseExtFrame(h Header, b []byte) (*ExtFrame, error) {
	if len(b) < extendedTypeLength {
		return nil, shortError(h, "extended type", extendedTypeLength, len(b))
	}
	f := &ExtFrame{Stream: h.StreamID, Ignore: h.Flags&FlagIgnore != 0, ExtendedType: binary.BigEndian.Uint32(b)}
	if err := checkU31(h, "extended type", f.ExtendedType, true); err != nil {
		return nil, err
	}
	var err error
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b[extendedTypeLength:]); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns f.Stream.
func (f *ExtFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeExt.
func (f *ExtFrame) Type() FrameType { return TypeExt }

// Flags returns I and M as implied by the fields.
func (f *ExtFrame) Flags() Flags { return flagIf(f.Ignore, FlagIgnore) | metadataFlag(f.HasMetadata) }

// Length returns the encoded size.
func (f *ExtFrame) Length() int {
	return HeaderLength + extendedTypeLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *ExtFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeExt, f.Flags())
	b = appendUint32(b, f.ExtendedType)
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks the stream id, the extended type and the frame size.
func (f *ExtFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypeExt, Flags: f.Flags()}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if err := checkU31(h, "extended type", f.ExtendedType, true); err != nil {
		return err
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *ExtFrame) Clone() *ExtFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}
