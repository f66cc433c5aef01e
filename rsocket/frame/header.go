package frame

import (
	"encoding/binary"
	"strconv"
)

// Sizes and limits of the wire format.
const (
	// HeaderLength is the size of the frame header: stream id, type and flags.
	HeaderLength = 6
	// MaxFrameLength is the largest frame (header and body) that RSocket
	// allows on any transport: the largest 24-bit value.
	MaxFrameLength = 1<<24 - 1
	// MaxMetadataLength is the largest value of a 24-bit metadata length.
	MaxMetadataLength = 1<<24 - 1
	// MaxStreamID is the largest stream id (31 bits).
	MaxStreamID = 1<<31 - 1
	// MaxRequestN is the largest request n; every implementation treats it
	// as unbounded demand.
	MaxRequestN = 1<<31 - 1
	// MaxPosition is the largest resume position (63 bits).
	MaxPosition = 1<<63 - 1

	metadataLengthSize = 3
)

// Header is the decoded 6-byte frame header.
type Header struct {
	// StreamID is the stream the frame belongs to; 0 is the connection.
	StreamID uint32
	// Type is the frame type.
	Type FrameType
	// Flags holds all 10 flag bits as received.
	Flags Flags
}

// ParseHeader decodes the frame header at the start of b. It fails if b is
// shorter than HeaderLength or the reserved stream-id bit is set.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderLength {
		var h Header
		if len(b) >= 5 {
			h.Type = FrameType(b[4] >> 2)
		}
		return h, shortError(h, "header", HeaderLength, len(b))
	}
	raw := binary.BigEndian.Uint32(b)
	tf := binary.BigEndian.Uint16(b[4:])
	h := Header{StreamID: raw & MaxStreamID, Type: FrameType(tf >> 10), Flags: Flags(tf) & flagsMask}
	if raw&^MaxStreamID != 0 {
		return h, formatError(h, ErrStreamID, "reserved stream id bit set")
	}
	return h, nil
}

func appendHeader(b []byte, streamID uint32, t FrameType, f Flags) []byte {
	return append(b,
		byte(streamID>>24), byte(streamID>>16), byte(streamID>>8), byte(streamID),
		byte(t)<<2|byte(f>>8), byte(f))
}

func appendUint16(b []byte, v uint16) []byte { return append(b, byte(v>>8), byte(v)) }

func appendUint24(b []byte, v int) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }

func appendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func appendUint64(b []byte, v uint64) []byte {
	return append(b, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32),
		byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func readUint24(b []byte) int { return int(b[0])<<16 | int(b[1])<<8 | int(b[2]) }

// checkStreamID enforces the stream id rule of the frame type.
func checkStreamID(h Header) error {
	switch {
	case h.StreamID > MaxStreamID:
		return formatError(h, ErrStreamID, "stream id "+strconv.FormatUint(uint64(h.StreamID), 10)+" exceeds 31 bits")
	case h.Type.connectionScoped() && h.StreamID != 0:
		return formatError(h, ErrStreamID, h.Type.String()+" must use stream 0")
	case h.Type.streamScoped() && h.StreamID == 0:
		return formatError(h, ErrStreamID, h.Type.String()+" must not use stream 0")
	}
	return nil
}

// checkU31 fails when v has its reserved top bit set or, if positive is
// true, when v is 0.
func checkU31(h Header, name string, v uint32, positive bool) error {
	if v > 1<<31-1 {
		return formatError(h, ErrInvalidValue, name+": reserved top bit set")
	}
	if positive && v == 0 {
		return formatError(h, ErrInvalidValue, name+" must be > 0")
	}
	return nil
}

func checkU63(h Header, name string, v uint64) error {
	if v > MaxPosition {
		return formatError(h, ErrInvalidValue, name+": reserved top bit set")
	}
	return nil
}

func checkSize(f Frame) error {
	if n := f.Length(); n > MaxFrameLength {
		return formatError(Header{StreamID: f.StreamID(), Type: f.Type(), Flags: f.Flags()}, ErrTooLarge,
			strconv.Itoa(n)+" bytes > "+strconv.Itoa(MaxFrameLength))
	}
	return nil
}
