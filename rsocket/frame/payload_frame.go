package frame

// A PayloadFrame (type 0x0A, stream > 0) carries an element (Next), the end
// of a stream (Complete), or both. At least one of Next and Complete must be
// set. It is also the frame of every continuation fragment.
type PayloadFrame struct {
	// Stream is the stream id (1..2^31-1).
	Stream uint32
	// Follows is the F flag: more fragments of this payload follow.
	Follows bool
	// Complete is the C flag: the stream (direction) completes.
	Complete bool
	// Next is the N flag: the frame carries an element (possibly empty).
	Next bool
	// Metadata and HasMetadata (the M flag; metadata may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the element's data.
	Data []byte
}

func parsePayloadFrame(h Header, b []byte) (*PayloadFrame, error) {
	f := &PayloadFrame{}
	if err := decodePayloadBody(h, b, f); err != nil {
		return nil, err
	}
	return f, nil
}

func decodePayloadBody(h Header, b []byte, f *PayloadFrame) error {
	*f = PayloadFrame{
		Stream:   h.StreamID,
		Follows:  h.Flags&FlagFollows != 0,
		Complete: h.Flags&FlagComplete != 0,
		Next:     h.Flags&FlagNext != 0,
	}
	if !f.Next && !f.Complete {
		return formatError(h, ErrInvalidValue, "PAYLOAD with neither N nor C")
	}
	var err error
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b); err != nil {
		return err
	}
	return nil
}

// DecodePayload decodes b, which must be a PAYLOAD frame, into f without
// allocating: it is Parse for a receiver that reuses one PayloadFrame per
// connection. f's slices alias b. It fails, leaving f zero, where Parse
// would fail, and with an error wrapping ErrMalformed if b is another type.
func DecodePayload(b []byte, f *PayloadFrame) error {
	*f = PayloadFrame{}
	h, err := ParseHeader(b)
	if err != nil {
		return err
	}
	if h.Type != TypePayload {
		return formatError(h, ErrInvalidValue, "not a PAYLOAD frame")
	}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if err := decodePayloadBody(h, b[HeaderLength:], f); err != nil {
		*f = PayloadFrame{}
		return err
	}
	return nil
}

// StreamID returns f.Stream.
func (f *PayloadFrame) StreamID() uint32 { return f.Stream }

// Type returns TypePayload.
func (f *PayloadFrame) Type() FrameType { return TypePayload }

// Flags returns M, F, C and N as implied by the fields.
func (f *PayloadFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(f.Follows, FlagFollows) |
		flagIf(f.Complete, FlagComplete) | flagIf(f.Next, FlagNext)
}

// Length returns the encoded size.
func (f *PayloadFrame) Length() int {
	return HeaderLength + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *PayloadFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypePayload, f.Flags())
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// AppendPayload appends the PAYLOAD frame of stream with the N and C
// flags next and complete (F unset) to b: what PayloadFrame.Append appends,
// without a PayloadFrame to fill in first, for the paths that send one
// frame per element.
func AppendPayload(b []byte, stream uint32, next, complete bool, metadata []byte, hasMetadata bool, data []byte) []byte {
	flags := metadataFlag(hasMetadata) | flagIf(complete, FlagComplete) | flagIf(next, FlagNext)
	b = appendHeader(b, stream, TypePayload, flags)
	return appendMetadataAndData(b, metadata, hasMetadata, data)
}

// PayloadLength returns the encoded size of a PAYLOAD frame with the
// given metadata and data.
func PayloadLength(metadata []byte, hasMetadata bool, data []byte) int {
	return HeaderLength + metadataAndDataLength(metadata, hasMetadata, data)
}

// Validate checks the stream id, that N or C is set, and the frame size.
func (f *PayloadFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypePayload, Flags: f.Flags()}
	if err := checkStreamID(h); err != nil {
		return err
	}
	if !f.Next && !f.Complete {
		return formatError(h, ErrInvalidValue, "PAYLOAD with neither N nor C")
	}
	return checkSize(f)
}

// HasFollows reports whether the F flag is set.
func (f *PayloadFrame) HasFollows() bool { return f.Follows }

// SetFollows sets or clears the F flag.
func (f *PayloadFrame) SetFollows(follows bool) { f.Follows = follows }

// MetadataAndData returns the metadata, whether it is present, and the data.
func (f *PayloadFrame) MetadataAndData() ([]byte, bool, []byte) {
	return f.Metadata, f.HasMetadata, f.Data
}

// Clone returns a deep copy of f.
func (f *PayloadFrame) Clone() *PayloadFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}
