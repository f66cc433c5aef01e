package frame

import (
	"errors"
	"strconv"
)

// ErrMalformed is matched (with errors.Is) by every error that Parse and
// Validate return: the bytes or the fields do not form a valid frame.
var ErrMalformed = errors.New("malformed frame")

// Specific reasons for a malformed frame. A *FormatError matches ErrMalformed
// and exactly one of these.
var (
	// ErrShortFrame: the input ends before a field that must be there
	// (header, fixed fields, metadata length, or metadata overrunning the frame).
	ErrShortFrame = errors.New("frame too short")
	// ErrTrailingBytes: a fixed-size frame (REQUEST_N, CANCEL, RESUME_OK) has extra bytes.
	ErrTrailingBytes = errors.New("trailing bytes after fixed-size frame")
	// ErrStreamID: the stream id has its reserved bit set or is not allowed for the type.
	ErrStreamID = errors.New("invalid stream id")
	// ErrInvalidValue: a field holds a value that the protocol forbids
	// (request n of 0, a set reserved bit, error code 0, missing flags…).
	ErrInvalidValue = errors.New("invalid field value")
	// ErrUnknownType: the frame type is not defined and the I flag is clear.
	ErrUnknownType = errors.New("unknown frame type")
	// ErrTooLarge: the encoded frame would exceed MaxFrameLength.
	ErrTooLarge = errors.New("frame too large")
)

// FormatError describes why a frame is malformed. It carries what could be
// read of the header so that the connection can choose its reaction.
type FormatError struct {
	// Type is the frame type from the header (0 if the header was unreadable).
	Type FrameType
	// StreamID is the stream id from the header, reserved bit masked off.
	StreamID uint32
	// Ignore reports that the frame had the I flag: the receiver should drop
	// it instead of closing the connection.
	Ignore bool
	// Kind is one of the specific sentinels (ErrShortFrame, ErrStreamID, …).
	Kind error
	// Reason says what is wrong, for humans.
	Reason string
}

// Error implements error.
func (e *FormatError) Error() string {
	s := "rsocket/frame: " + e.Type.String() + " (stream " + strconv.FormatUint(uint64(e.StreamID), 10) + "): "
	if e.Kind != nil {
		s += e.Kind.Error()
		if e.Reason != "" {
			s += ": "
		}
	}
	return s + e.Reason
}

// Unwrap returns ErrMalformed and the specific kind, so that errors.Is
// matches both.
func (e *FormatError) Unwrap() []error {
	if e.Kind == nil {
		return []error{ErrMalformed}
	}
	return []error{ErrMalformed, e.Kind}
}

func formatError(h Header, kind error, reason string) *FormatError {
	return &FormatError{
		Type:     h.Type,
		StreamID: h.StreamID,
		Ignore:   h.Flags&FlagIgnore != 0,
		Kind:     kind,
		Reason:   reason,
	}
}

func shortError(h Header, what string, need, have int) *FormatError {
	return formatError(h, ErrShortFrame, what+": need "+strconv.Itoa(need)+" bytes, have "+strconv.Itoa(have))
}
