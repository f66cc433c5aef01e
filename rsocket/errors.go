package rsocket

import (
	"errors"
	"fmt"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// ErrorCode is the code of an RSocket ERROR frame (see the constants in
// package frame, e.g. frame.ErrorCodeApplicationError).
type ErrorCode = frame.ErrorCode

// Error is an ERROR received from (or sent to) the peer: a stream failed
// (APPLICATION_ERROR, REJECTED, CANCELED, INVALID, application-defined
// codes) or the connection was refused or terminated (INVALID_SETUP,
// REJECTED_SETUP, CONNECTION_ERROR, …).
//
// errors.Is(err, ErrApplication) (and the other sentinels below) matches an
// *Error by its code. A handler may return an *Error to choose the code sent
// to the peer; any other error is sent as APPLICATION_ERROR with its text.
type Error struct {
	Code    ErrorCode
	Message string
}

// Error describes the error with its protocol code name.
func (e *Error) Error() string {
	if e.Message == "" {
		return "rsocket: " + e.Code.String()
	}
	return "rsocket: " + e.Code.String() + ": " + e.Message
}

// Is matches a sentinel *Error (one without message) of the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// NewError returns an *Error with the given code and message, for handlers
// that want to send a specific code.
func NewError(code ErrorCode, message string) *Error { return &Error{Code: code, Message: message} }

// Sentinels for errors.Is, one per protocol error code.
var (
	ErrApplication      = &Error{Code: frame.ErrorCodeApplicationError}
	ErrRejected         = &Error{Code: frame.ErrorCodeRejected}
	ErrCanceled         = &Error{Code: frame.ErrorCodeCanceled}
	ErrInvalid          = &Error{Code: frame.ErrorCodeInvalid}
	ErrInvalidSetup     = &Error{Code: frame.ErrorCodeInvalidSetup}
	ErrUnsupportedSetup = &Error{Code: frame.ErrorCodeUnsupportedSetup}
	ErrRejectedSetup    = &Error{Code: frame.ErrorCodeRejectedSetup}
	ErrRejectedResume   = &Error{Code: frame.ErrorCodeRejectedResume}
	ErrConnectionError  = &Error{Code: frame.ErrorCodeConnectionError}
	ErrConnectionClose  = &Error{Code: frame.ErrorCodeConnectionClose}
)

var (
	// ErrConnectionClosed is matched by the error of every stream that was
	// still running when its connection ended, and by requests made on a
	// closed connection. The error also wraps the cause (a peer's *Error,
	// ErrKeepaliveTimeout, a transport error, a malformed frame…).
	ErrConnectionClosed = errors.New("rsocket: connection closed")

	// ErrKeepaliveTimeout is the cause of a connection closed because the
	// peer sent nothing for the max lifetime.
	ErrKeepaliveTimeout = errors.New("rsocket: keepalive timeout: no frame received within max lifetime")

	// ErrPayloadTooLarge ends a stream whose reassembled payload exceeded
	// the configured MaxReassembledSize (it wraps fragment.ErrTooLarge).
	ErrPayloadTooLarge = fmt.Errorf("rsocket: %w", fragment.ErrTooLarge)

	// ErrProtocol is matched by errors caused by a peer that broke the
	// protocol (more PAYLOADs than requested, malformed frames…).
	ErrProtocol = errors.New("rsocket: protocol violation")

	// ErrStreamIDsExhausted fails a request when the connection has used
	// every stream id (ids are never reused); open a new connection.
	ErrStreamIDsExhausted = errors.New("rsocket: stream ids exhausted")

	// ErrServerClosed is returned by Server.Serve after Shutdown or Close.
	ErrServerClosed = errors.New("rsocket: server closed")
)

// closedError is the error of streams cut by the end of their connection.
type closedError struct{ cause error }

func (e *closedError) Error() string {
	if e.cause == nil || e.cause == ErrConnectionClosed {
		return ErrConnectionClosed.Error()
	}
	return ErrConnectionClosed.Error() + ": " + e.cause.Error()
}

func (e *closedError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrConnectionClosed}
	}
	return []error{ErrConnectionClosed, e.cause}
}

// protocolError reports a peer's protocol violation.
func protocolError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrProtocol, fmt.Sprintf(format, args...))
}

// streamErrorFrame chooses the code and message that report err to the peer
// on a stream.
func streamErrorFrame(id uint32, err error) *frame.ErrorFrame {
	var re *Error
	if errors.As(err, &re) {
		switch {
		case re.Code == frame.ErrorCodeApplicationError, re.Code == frame.ErrorCodeRejected,
			re.Code == frame.ErrorCodeCanceled, re.Code == frame.ErrorCodeInvalid, re.Code.IsApplicationDefined():
			return &frame.ErrorFrame{Stream: id, Code: re.Code, Data: []byte(re.Message)}
		}
	}
	return &frame.ErrorFrame{Stream: id, Code: frame.ErrorCodeApplicationError, Data: []byte(err.Error())}
}

// frame returns the ERROR frame carrying e on stream id.
func (e *Error) frame(id uint32) *frame.ErrorFrame {
	return &frame.ErrorFrame{Stream: id, Code: e.Code, Data: []byte(e.Message)}
}

// errorFromFrame turns a received ERROR into an *Error (the message is copied).
func errorFromFrame(f *frame.ErrorFrame) *Error {
	return &Error{Code: f.Code, Message: string(f.Data)}
}
