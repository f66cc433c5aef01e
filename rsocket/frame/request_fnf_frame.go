package frame

// A RequestFNFFrame (type 0x05, stream > 0) is a fire-and-forget request:
// nothing is ever sent back on its stream.
type RequestFNFFrame struct {
	// Stream is the stream id (1..2^31-1) chosen by the requester.
	Stream uint32
	// Follows is the F flag: more fragments of this request follow.
	Follows bool
	// Metadata and HasMetadata (the M flag; metadata may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the request data.
	Data []byte
}

func parseRequestFNFFrame(h Header, b []byte) (*RequestFNFFrame, error) {
	f := &RequestFNFFrame{Stream: h.StreamID, Follows: h.Flags&FlagFollows != 0}
	var err error
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns f.Stream.
func (f *RequestFNFFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeRequestFNF.
func (f *RequestFNFFrame) Type() FrameType { return TypeRequestFNF }

// Flags returns M and F as implied by the fields.
func (f *RequestFNFFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(f.Follows, FlagFollows)
}

// Length returns the encoded size.
func (f *RequestFNFFrame) Length() int {
	return HeaderLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *RequestFNFFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeRequestFNF, f.Flags())
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks the stream id and the frame size.
func (f *RequestFNFFrame) Validate() error {
	if err := checkStreamID(Header{StreamID: f.Stream, Type: TypeRequestFNF, Flags: f.Flags()}); err != nil {
		return err
	}
	return checkSize(f)
}

// HasFollows reports whether the F flag is set.
func (f *RequestFNFFrame) HasFollows() bool { return f.Follows }

// SetFollows sets or clears the F flag.
func (f *RequestFNFFrame) SetFollows(follows bool) { f.Follows = follows }

// MetadataAndData returns the metadata, whether it is present, and the data.
func (f *RequestFNFFrame) MetadataAndData() ([]byte, bool, []byte) {
	return f.Metadata, f.HasMetadata, f.Data
}

// Clone returns a deep copy of f.
func (f *RequestFNFFrame) Clone() *RequestFNFFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}

// DecodeRequestFNF decodes b, which must be a REQUEST_FNF frame, without
// allocating: it is Parse for a receiver that keeps the frame on its stack.
// The frame's slices alias b. It fails where Parse would fail, and with an
// error wrapping ErrMalformed if b is another type.
func DecodeRequestFNF(b []byte) (RequestFNFFrame, error) {
	h, err := ParseHeader(b)
	if err != nil {
		return RequestFNFFrame{}, err
	}
	if h.Type != TypeRequestFNF {
		return RequestFNFFrame{}, formatError(h, ErrInvalidValue, "not a REQUEST_FNF frame")
	}
	if err := checkStreamID(h); err != nil {
		return RequestFNFFrame{}, err
	}
	md, hasMD, data, err := parseMetadataAndData(h, b[HeaderLength:])
	if err != nil {
		return RequestFNFFrame{}, err
	}
	return RequestFNFFrame{Stream: h.StreamID, Follows: h.Flags&FlagFollows != 0,
		Metadata: md, HasMetadata: hasMD, Data: data}, nil
}
