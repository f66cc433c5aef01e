package frame

import "encoding/binary"

// A RequestChannelFrame (type 0x07, stream > 0) opens a channel: it grants the
// responder InitialRequestN elements of credit and carries the requester's
// first element. Complete (C) ends the requester's direction after it.
type RequestChannelFrame struct {
	// Stream is the stream id (1..2^31-1) chosen by the requester.
	Stream uint32
	// Follows is the F flag: more fragments of this request follow.
	Follows bool
	// Complete is the C flag: the requester sends no more elements.
	Complete bool
	// InitialRequestN is the initial credit, 1..MaxRequestN (MaxRequestN
	// means unbounded).
	InitialRequestN uint32
	// Metadata and HasMetadata (the M flag; metadata may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the first element's data.
	Data []byte
}

func parseRequestChannelFrame(h Header, b []byte) (*RequestChannelFrame, error) {
	if len(b) < requestNLength {
		return nil, shortError(h, "initial request n", requestNLength, len(b))
	}
	f := &RequestChannelFrame{
		Stream:          h.StreamID,
		Follows:         h.Flags&FlagFollows != 0,
		Complete:        h.Flags&FlagComplete != 0,
		InitialRequestN: binary.BigEndian.Uint32(b),
	}
	if err := checkU31(h, "initial request n", f.InitialRequestN, true); err != nil {
		return nil, err
	}
	var err error
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b[requestNLength:]); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns f.Stream.
func (f *RequestChannelFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeRequestChannel.
func (f *RequestChannelFrame) Type() FrameType { return TypeRequestChannel }

// Flags returns M, F and C as implied by the fields.
func (f *RequestChannelFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(f.Follows, FlagFollows) | flagIf(f.Complete, FlagComplete)
}

// Length returns the encoded size.
func (f *RequestChannelFrame) Length() int {
	return HeaderLength + requestNLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *RequestChannelFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeRequestChannel, f.Flags())
	b = appendUint32(b, f.InitialRequestN)
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks the stream id, the initial request n and the frame size.
func (f *RequestChannelFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypeRequestChannel, Flags: f.Flags()}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if err := checkU31(h, "initial request n", f.InitialRequestN, true); err != nil {
		return err
	}
	return checkSize(f)
}

// HasFollows reports whether the F flag is set.
func (f *RequestChannelFrame) HasFollows() bool { return f.Follows }

// SetFollows sets or clears the F flag.
func (f *RequestChannelFrame) SetFollows(follows bool) { f.Follows = follows }

// MetadataAndData returns the metadata, whether it is present, and the data.
func (f *RequestChannelFrame) MetadataAndData() ([]byte, bool, []byte) {
	return f.Metadata, f.HasMetadata, f.Data
}

// Clone returns a deep copy of f.
func (f *RequestChannelFrame) Clone() *RequestChannelFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}
