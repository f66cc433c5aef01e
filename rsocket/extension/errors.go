package extension

import (
	"errors"
	"strconv"
)

var (
	// ErrMalformed is matched by every decoding error: the bytes do not
	// follow the extension format.
	ErrMalformed = errors.New("malformed extension metadata")
	// ErrInvalid is matched by every encoding error: a value cannot be
	// represented (too long, empty, not ASCII…).
	ErrInvalid = errors.New("invalid extension value")
)

// FormatError describes a decoding or encoding error of an extension format.
// It matches ErrMalformed (decoding) or ErrInvalid (encoding) with errors.Is.
type FormatError struct {
	// Format is the extension's MIME type, e.g. "message/x.rsocket.routing.v0".
	Format string
	// Offset is the byte offset in the input where decoding failed (-1 for
	// encoding errors).
	Offset int
	// Reason says what is wrong.
	Reason string
	// Encoding is true for errors of encoders (ErrInvalid).
	Encoding bool
}

// Error implements error.
func (e *FormatError) Error() string {
	if e.Encoding {
		return "rsocket/extension: " + e.Format + ": invalid value: " + e.Reason
	}
	return "rsocket/extension: " + e.Format + ": malformed at offset " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// Unwrap returns ErrInvalid for encoding errors and ErrMalformed otherwise.
func (e *FormatError) Unwrap() error {
	if e.Encoding {
		return ErrInvalid
	}
	return ErrMalformed
}

// Malformed returns a decoding error.
func Malformed(format string, offset int, reason string) error {
	return &FormatError{Format: format, Offset: offset, Reason: reason}
}

// Invalid returns an encoding error.
func Invalid(format string, reason string) error {
	return &FormatError{Format: format, Offset: -1, Reason: reason, Encoding: true}
}
