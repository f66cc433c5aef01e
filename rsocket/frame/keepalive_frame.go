package frame

import "encoding/binary"

// A KeepaliveFrame (type 0x03, stream 0) proves liveness. With Respond (the
// R flag) the receiver must answer with a KEEPALIVE without R carrying the
// same Data.
type KeepaliveFrame struct {
	// Respond is the R flag.
	Respond bool
	// LastReceivedPosition is the sender's implied resume position
	// (0 when resumption is not used), 0..2^63-1.
	LastReceivedPosition uint64
	// Data is opaque and echoed by the replier.
	Data []byte
}

const keepaliveFixedLength = 8

func parseKeepaliveFrame(h Header, b []byte) (*KeepaliveFrame, error) {
	if len(b) < keepaliveFixedLength {
		return nil, shortError(h, "KEEPALIVE position", keepaliveFixedLength, len(b))
	}
	f := &KeepaliveFrame{
		Respond:              h.Flags&FlagRespond != 0,
		LastReceivedPosition: binary.BigEndian.Uint64(b),
		Data:                 b[keepaliveFixedLength:],
	}
	if err := checkU63(h, "last received position", f.LastReceivedPosition); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns 0: KEEPALIVE belongs to the connection.
func (f *KeepaliveFrame) StreamID() uint32 { return 0 }

// Type returns TypeKeepalive.
func (f *KeepaliveFrame) Type() FrameType { return TypeKeepalive }

// Flags returns R if Respond is set.
func (f *KeepaliveFrame) Flags() Flags { return flagIf(f.Respond, FlagRespond) }

// Length returns the encoded size.
func (f *KeepaliveFrame) Length() int { return HeaderLength + keepaliveFixedLength + len(f.Data) }

// Append appends the encoded frame to b.
func (f *KeepaliveFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeKeepalive, f.Flags())
	b = appendUint64(b, f.LastReceivedPosition)
	return append(b, f.Data...)
}

// Validate checks the position's reserved bit and the frame size.
func (f *KeepaliveFrame) Validate() error {
	if err := checkU63(Header{Type: TypeKeepalive}, "last received position", f.LastReceivedPosition); err != nil {
		return err
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *KeepaliveFrame) Clone() *KeepaliveFrame {
	c := *f
	c.Data = cloneBytes(f.Data)
	return &c
}
