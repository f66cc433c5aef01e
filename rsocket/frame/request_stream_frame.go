package frame

import "encoding/binary"

// A RequestStreamFrame (type 0x06, stream > 0) opens a request-stream and
// grants the responder InitialRequestN elements of credit.
type RequestStreamFrame struct {
	// Stream is the stream id (1..2^31-1) chosen by the requester.
	Stream uint32
	// Follows is the F flag: more fragments of this request follow.
	Follows bool
	// InitialRequestN is the initial credit, 1..MaxRequestN (MaxRequestN
	// means unbounded).
	InitialRequestN uint32
	// Metadata and HasMetadata (the M flag; metadata may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the request data.
	Data []byte
}

const requestNLength = 4

func parseRequestStreamFrame(h Header, b []byte) (*RequestStreamFrame, error) {
	if len(b) < requestNLength {
		return nil, shortError(h, "initial request n", requestNLength, len(b))
	}
	f := &RequestStreamFrame{
		Stream:          h.StreamID,
		Follows:         h.Flags&FlagFollows != 0,
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
func (f *RequestStreamFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeRequestStream.
func (f *RequestStreamFrame) Type() FrameType { return TypeRequestStream }

// Flags returns M and F as implied by the fields.
func (f *RequestStreamFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(f.Follows, FlagFollows)
}

// Length returns the encoded size.
func (f *RequestStreamFrame) Length() int {
	return HeaderLength + requestNLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *RequestStreamFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeRequestStream, f.Flags())
	b = appendUint32(b, f.InitialRequestN)
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks the stream id, the initial request n and the frame size.
func (f *RequestStreamFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypeRequestStream, Flags: f.Flags()}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if err := checkU31(h, "initial request n", f.InitialRequestN, true); err != nil {
		return err
	}
	return checkSize(f)
}

// HasFollows reports whether the F flag is set.
func (f *RequestStreamFrame) HasFollows() bool { return f.Follows }

// SetFollows sets or clears the F flag.
func (f *RequestStreamFrame) SetFollows(follows bool) { f.Follows = follows }

// MetadataAndData returns the metadata, whether it is present, and the data.
func (f *RequestStreamFrame) MetadataAndData() ([]byte, bool, []byte) {
	return f.Metadata, f.HasMetadata, f.Data
}

// Clone returns a deep copy of f.
func (f *RequestStreamFrame) Clone() *RequestStreamFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}
