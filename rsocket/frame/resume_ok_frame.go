package frame

import "encoding/binary"

// A ResumeOKFrame (type 0x0E, stream 0) accepts a RESUME.
type ResumeOKFrame struct {
	// LastReceivedClientPosition is the server's implied position of
	// client→server frames (0..2^63-1).
	LastReceivedClientPosition uint64
}

const resumeOKBodyLength = 8

func parseResumeOKFrame(h Header, b []byte) (*ResumeOKFrame, error) {
	if len(b) < resumeOKBodyLength {
		return nil, shortError(h, "RESUME_OK position", resumeOKBodyLength, len(b))
	}
	if len(b) > resumeOKBodyLength {
		return nil, formatError(h, ErrTrailingBytes, "bytes after the position")
	}
	f := &ResumeOKFrame{LastReceivedClientPosition: binary.BigEndian.Uint64(b)}
	if err := checkU63(h, "last received client position", f.LastReceivedClientPosition); err != nil {
		return nil, err
	}
	return f, nil
}

// StreamID returns 0: RESUME_OK belongs to the connection.
func (f *ResumeOKFrame) StreamID() uint32 { return 0 }

// Type returns TypeResumeOK.
func (f *ResumeOKFrame) Type() FrameType { return TypeResumeOK }

// Flags returns 0: RESUME_OK defines no flags.
func (f *ResumeOKFrame) Flags() Flags { return 0 }

// Length returns the encoded size (always 14).
func (f *ResumeOKFrame) Length() int { return HeaderLength + resumeOKBodyLength }

// Append appends the encoded frame to b.
func (f *ResumeOKFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeResumeOK, 0)
	return appendUint64(b, f.LastReceivedClientPosition)
}

// Validate checks the position's reserved bit.
func (f *ResumeOKFrame) Validate() error {
	return checkU63(Header{Type: TypeResumeOK}, "last received client position", f.LastReceivedClientPosition)
}

// Clone returns a copy of f.
func (f *ResumeOKFrame) Clone() *ResumeOKFrame {
	c := *f
	return &c
}
