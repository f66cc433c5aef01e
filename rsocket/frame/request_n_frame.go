package frame

import (
	"encoding/binary"
	"strconv"
)

// A RequestNFrame (type 0x08, stream > 0) grants RequestN more elements of
// credit to the peer's producer on the stream.
type RequestNFrame struct {
	// Stream is the stream id (1..2^31-1).
	Stream uint32
	// RequestN is the additional credit, 1..MaxRequestN (MaxRequestN means
	// unbounded).
	RequestN uint32
}

func parseRequestNFrame(h Header, b []byte) (*RequestNFrame, error) {
	if len(b) < requestNLength {
		return nil, shortError(h, "request n", requestNLength, len(b))
	}
	if len(b) > requestNLength {
		return nil, formatError(h, ErrTrailingBytes, strconv.Itoa(len(b)-requestNLength)+" bytes after request n")
	}
	f := &RequestNFrame{Stream: h.StreamID, RequestN: binary.BigEndian.Uint32(b)}
	if err := checkU31(h, "request n", f.RequestN, true); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns f.Stream.
func (f *RequestNFrame) StreamID() uint32 { return f.Stream }

// Type returns TypeRequestN.
func (f *RequestNFrame) Type() FrameType { return TypeRequestN }

// Flags returns 0: REQUEST_N defines no flags.
func (f *RequestNFrame) Flags() Flags { return 0 }

// Length returns the encoded size (always 10).
func (f *RequestNFrame) Length() int { return HeaderLength + requestNLength }

// Append appends the encoded frame to b.
func (f *RequestNFrame) Append(b []byte) []byte {
	b = appendHeader(b, f.Stream, TypeRequestN, 0)
	return appendUint32(b, f.RequestN)
}

// Validate checks the stream id and that RequestN is in 1..MaxRequestN.
func (f *RequestNFrame) Validate() error {
	h := Header{StreamID: f.Stream, Type: TypeRequestN}
	if err := checkStreamID(h); err != nil {
		return err
	}
	return checkU31(h, "request n", f.RequestN, true)
}

// Clone returns a copy of f.
func (f *RequestNFrame) Clone() *RequestNFrame {
	c := *f
	return &c
}
