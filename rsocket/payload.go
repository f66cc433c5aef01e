package rsocket

// Payload is one RSocket message: data and optional metadata. HasMetadata
// distinguishes "no metadata" from "empty metadata" (the M flag).
//
// Ownership: the byte slices of a Payload that the library hands to you
// (responses, stream elements, handler arguments) are yours; the library
// never writes into or reuses them. They may share the memory they were
// received in with other payloads (tcp and quic hand them out of their
// read buffer), so copy a small payload you keep for long, to let the rest
// be collected. A Payload you hand to the library is
// copied into the connection's outbound buffer when its frame is sent: at
// the first Request for a request, at OnNext for a response or a channel
// element, before FireAndForget and MetadataPush return. Do not modify its
// bytes before then.
type Payload struct {
	// Data is the payload's data.
	Data []byte
	// Metadata is the payload's metadata; meaningful when HasMetadata.
	Metadata []byte
	// HasMetadata reports whether metadata is present (possibly empty).
	HasMetadata bool
}

// NewPayload returns a payload with the given data and metadata; a nil
// metadata slice means "no metadata", an empty non-nil one "empty metadata".
func NewPayload(data, metadata []byte) Payload {
	return Payload{Data: data, Metadata: metadata, HasMetadata: metadata != nil}
}

// PayloadString returns a payload from strings; an empty metadata string
// means "no metadata".
func PayloadString(data, metadata string) Payload {
	p := Payload{Data: []byte(data)}
	if metadata != "" {
		p.Metadata, p.HasMetadata = []byte(metadata), true
	}
	return p
}

// DataString returns Data as a string.
func (p Payload) DataString() string { return string(p.Data) }

// MetadataString returns Metadata as a string ("" when absent).
func (p Payload) MetadataString() string { return string(p.Metadata) }

// Size returns the number of data and metadata bytes.
func (p Payload) Size() int { return len(p.Data) + len(p.Metadata) }
