package frame

// A RequestResponseFrame (type 0x04, stream > 0) opens a request-response stream:
// the responder answers with one PAYLOAD or an ERROR.
type RequestResponseFrame struct {
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

func parseRequestResponseFrame(h Header, b []byte) (*RequestResponseFrame, error) {
	f := &RequestResponseFrame{Stream: h.StreamID, Follows: h.Flags&FlagFollows != 0}
	var err error
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns f.Stream.
func (f *RequestResponseFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeRequestResponse.
func (f *RequestResponseFrame) Type() FrameType { return TypeRequestResponse }

// Flags returns M and F as implied by the fields.
func (f *RequestResponseFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(f.Follows, FlagFollows)
}

// Length returns the encoded size.
func (f *RequestResponseFrame) Length() int {
	return HeaderLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *RequestResponseFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeRequestResponse, f.Flags())
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks the stream id and the frame size.
func (f *RequestResponseFrame) Validate() error {
	if err := checkStreamID(Header{StreamID: f.Stream, Type: TypeRequestResponse, Flags: f.Flags()}); err != nil {
		return err
	}
	return checkSize(f)
}

// HasFollows reports whether the F flag is set.
func (f *RequestResponseFrame) HasFollows() bool { return f.Follows }

// SetFollows sets or clears the F flag.
func (f *RequestResponseFrame) SetFollows(follows bool) { f.Follows = follows }

// MetadataAndData returns the metadata, whether it is present, and the data.
func (f *RequestResponseFrame) MetadataAndData() ([]byte, bool, []byte) {
	return f.Metadata, f.HasMetadata, f.Data
}

// Clone returns a deep copy of f.
func (f *RequestResponseFrame) Clone() *RequestResponseFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}

// DecodeRequestResponse decodes b, which must be a REQUEST_RESPONSE frame,
// without allocating: it is Parse for a receiver that keeps the frame on its
// stack. The frame's slices alias b. It fails where Parse would fail, and
// with an error wrapping ErrMalformed if b is another type.
func DecodeRequestResponse(b []byte) (RequestResponseFrame, error) {
	h, md, hasMD, data, err := decodeRequestBody(b, TypeRequestResponse, "not a REQUEST_RESPONSE frame")
	if err != nil {
		return RequestResponseFrame{}, err
	}
	return RequestResponseFrame{Stream: h.StreamID, Follows: h.Flags&FlagFollows != 0,
		Metadata: md, HasMetadata: hasMD, Data: data}, nil
}
