// Package tracing encodes and decodes Zipkin tracing metadata
// (message/x.rsocket.tracing-zipkin.v0, well-known id 0x7D): one flags
// byte, then, when ids are present, an optional high half of a 128-bit
// trace id, the trace id, the span id and an optional parent span id, all
// big-endian u64. It is carried as an entry of composite metadata in
// REQUEST_* and PAYLOAD frames.
package tracing

import (
	"encoding/binary"

	"github.com/sluicego/sluice/rsocket/extension"
)

// Format is the MIME type of Zipkin tracing metadata.
const Format = "message/x.rsocket.tracing-zipkin.v0"

// Bits of the flags byte.
const (
	flagIDs        = 0x80 // I: ids present
	flagDebug      = 0x40 // D
	flagSampled    = 0x20 // S
	flagNotSampled = 0x10 // N
	flagTrace128   = 0x08 // T: 128-bit trace id
	flagParent     = 0x04 // P: parent span id present
	flagReserved   = 0x03
)

// Metadata is one Zipkin tracing entry.
type Metadata struct {
	// Debug forces tracing; Sampled and NotSampled are the sampling
	// decision (Sampled is ignored if Debug, NotSampled if Sampled or Debug).
	Debug, Sampled, NotSampled bool
	// HasIDs says the ids below are present; without it the entry is the
	// flags byte only.
	HasIDs bool
	// TraceID128 marks a 128-bit trace id whose high half is TraceIDHigh.
	TraceID128  bool
	TraceIDHigh uint64
	// TraceID is the (low 64 bits of the) trace id, SpanID the span id.
	TraceID, SpanID uint64
	// HasParent says ParentSpanID is present.
	HasParent    bool
	ParentSpanID uint64
}

// Len returns the encoded size of m: 1, 17, 25 or 33 bytes.
func (m Metadata) Len() int {
	if !m.HasIDs {
		return 1
	}
	n := 17
	if m.TraceID128 {
		n += 8
	}
	if m.HasParent {
		n += 8
	}
	return n
}

// Parse decodes tracing metadata b. A length that does not match its flags,
// reserved bits, or T/P without I are errors (ErrMalformed).
func Parse(b []byte) (Metadata, error) {
	if len(b) == 0 {
		return Metadata{}, extension.Malformed(Format, 0, "empty: missing flags byte")
	}
	f := b[0]
	if f&flagReserved != 0 {
		return Metadata{}, extension.Malformed(Format, 0, "reserved flag bits set")
	}
	m := Metadata{
		HasIDs:     f&flagIDs != 0,
		Debug:      f&flagDebug != 0,
		Sampled:    f&flagSampled != 0,
		NotSampled: f&flagNotSampled != 0,
		TraceID128: f&flagTrace128 != 0,
		HasParent:  f&flagParent != 0,
	}
	if !m.HasIDs && (m.TraceID128 || m.HasParent) {
		return Metadata{}, extension.Malformed(Format, 0, "T or P flag without I (ids)")
	}
	if len(b) != m.Len() {
		return Metadata{}, extension.Malformed(Format, min(len(b), m.Len()), "length does not match the flags")
	}
	if !m.HasIDs {
		return m, nil
	}
	p := b[1:]
	next := func() uint64 {
		v := binary.BigEndian.Uint64(p)
		p = p[8:]
		return v
	}
	if m.TraceID128 {
		m.TraceIDHigh = next()
	}
	m.TraceID = next()
	m.SpanID = next()
	if m.HasParent {
		m.ParentSpanID = next()
	}
	return m, nil
}

// Append appends the encoding of m to b. T (TraceID128) or P (HasParent)
// without HasIDs is an error (ErrInvalid).
func Append(b []byte, m Metadata) ([]byte, error) {
	if !m.HasIDs && (m.TraceID128 || m.HasParent) {
		return b, extension.Invalid(Format, "TraceID128 or HasParent without HasIDs")
	}
	var f byte
	for _, bit := range []struct {
		on bool
		v  byte
	}{{m.HasIDs, flagIDs}, {m.Debug, flagDebug}, {m.Sampled, flagSampled}, {m.NotSampled, flagNotSampled}, {m.TraceID128, flagTrace128}, {m.HasParent, flagParent}} {
		if bit.on {
			f |= bit.v
		}
	}
	b = append(b, f)
	if !m.HasIDs {
		return b, nil
	}
	if m.TraceID128 {
		b = binary.BigEndian.AppendUint64(b, m.TraceIDHigh)
	}
	b = binary.BigEndian.AppendUint64(b, m.TraceID)
	b = binary.BigEndian.AppendUint64(b, m.SpanID)
	if m.HasParent {
		b = binary.BigEndian.AppendUint64(b, m.ParentSpanID)
	}
	return b, nil
}
