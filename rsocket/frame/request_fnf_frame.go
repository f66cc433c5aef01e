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
	h, md, hasMD, data, err := decodeRequestBody(b, TypeRequestFNF, "not a REQUEST_FNF frame")
	if err != nil {
		return RequestFNFFrame{}, err
	}
	return RequestFNFFrame{Stream: h.StreamID, Follows: h.Flags&FlagFollows != 0,
		Metadata: md, HasMetadata: hasMD, Data: data}, nil
}

// decodeRequestBody is the allocation-free decoding shared by the Decode
// functions of the requests that carry only metadata and data: b's header
// must have type t (otherwise the error says notT), a valid stream id, and a
// well-formed metadata/data body. The slices alias b.
func decodeRequestBody(b []byte, t FrameType, notT string) (h Header, md []byte, hasMD bool, data []byte, err error) {
	if h, err = ParseHeader(b); err != nil {
		return h, nil, false, nil, err
	}
	if h.Type != t {
		return h, nil, false, nil, formatError(h, ErrInvalidValue, notT)
	}
	if err = checkStreamID(h); err != nil {
		return h, nil, false, nil, err
	}
	md, hasMD, data, err = parseMetadataAndData(h, b[HeaderLength:])
	return h, md, hasMD, data, err
}
