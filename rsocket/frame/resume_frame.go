package frame

import "encoding/binary"

// A ResumeFrame (type 0x0D, stream 0) asks the server to resume the session
// identified by ResumeToken on a new transport.
type ResumeFrame struct {
	// MajorVersion and MinorVersion; not checked (see PROTOCOL.md §14.2).
	MajorVersion, MinorVersion uint16
	// ResumeToken is the token of the original SETUP (1..65535 bytes).
	ResumeToken []byte
	// LastReceivedServerPosition is the client's implied position of
	// server→client frames (0..2^63-1).
	LastReceivedServerPosition uint64
	// FirstAvailableClientPosition is the oldest client→server position the
	// client can still retransmit (0..2^63-1).
	FirstAvailableClientPosition uint64
}

func parseResumeFrame(h Header, b []byte) (*ResumeFrame, error) {
	if len(b) < 6 {
		return nil, shortError(h, "RESUME versions and token length", 6, len(b))
	}
	f := &ResumeFrame{MajorVersion: binary.BigEndian.Uint16(b), MinorVersion: binary.BigEndian.Uint16(b[2:])}
	n := int(binary.BigEndian.Uint16(b[4:]))
	b = b[6:]
	if n == 0 {
		return nil, formatError(h, ErrInvalidValue, "empty resume token")
	}
	if len(b) < n+16 {
		return nil, shortError(h, "resume token and positions", n+16, len(b))
	}
	if len(b) > n+16 {
		return nil, formatError(h, ErrTrailingBytes, "bytes after the positions")
	}
	f.ResumeToken = b[:n:n]
	f.LastReceivedServerPosition = binary.BigEndian.Uint64(b[n:])
	f.FirstAvailableClientPosition = binary.BigEndian.Uint64(b[n+8:])
	if err := f.validateValues(h); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *ResumeFrame) validateValues(h Header) error {
	if err := checkU63(h, "last received server position", f.LastReceivedServerPosition); err != nil {
		return err
	}
	return checkU63(h, "first available client position", f.FirstAvailableClientPosition)
}

// StreamID returns 0: RESUME belongs to the connection.
func (f *ResumeFrame) StreamID() uint32 { return 0 }

// Type returns TypeResume.
func (f *ResumeFrame) Type() FrameType { return TypeResume }

// Flags returns 0: RESUME defines no flags.
func (f *ResumeFrame) Flags() Flags { return 0 }

// Length returns the encoded size.
func (f *ResumeFrame) Length() int { return HeaderLength + 6 + len(f.ResumeToken) + 16 }

// Append appends the encoded frame to b.
func (f *ResumeFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeResume, 0)
	b = appendUint16(b, f.MajorVersion)
	b = appendUint16(b, f.MinorVersion)
	b = appendUint16(b, uint16(len(f.ResumeToken)))
	b = append(b, f.ResumeToken...)
	b = appendUint64(b, f.LastReceivedServerPosition)
	return appendUint64(b, f.FirstAvailableClientPosition)
}

// Validate checks the token length and the positions.
func (f *ResumeFrame) Validate() error {
	h := Header{Type: TypeResume}
	if len(f.ResumeToken) == 0 || len(f.ResumeToken) > 0xFFFF {
		return formatError(h, ErrInvalidValue, "resume token must be 1..65535 bytes")
	}
	return f.validateValues(h)
}

// Clone returns a deep copy of f.
func (f *ResumeFrame) Clone() *ResumeFrame {
	c := *f
	c.ResumeToken = cloneBytes(f.ResumeToken)
	return &c
}
