package frame

import "strconv"

// ErrorCode is the 32-bit code of an ERROR frame.
type ErrorCode uint32

// The error codes of RSocket 1.0.
const (
	// ErrorCodeReserved (0) is never sent; Parse rejects it.
	ErrorCodeReserved ErrorCode = 0x00000000
	// ErrorCodeInvalidSetup: the SETUP is unusable (stream 0).
	ErrorCodeInvalidSetup ErrorCode = 0x00000001
	// ErrorCodeUnsupportedSetup: SETUP parameters are not supported (stream 0).
	ErrorCodeUnsupportedSetup ErrorCode = 0x00000002
	// ErrorCodeRejectedSetup: the server application refused the setup (stream 0).
	ErrorCodeRejectedSetup ErrorCode = 0x00000003
	// ErrorCodeRejectedResume: the resumption was refused (stream 0).
	ErrorCodeRejectedResume ErrorCode = 0x00000004
	// ErrorCodeConnectionError: the connection is being terminated (stream 0).
	ErrorCodeConnectionError ErrorCode = 0x00000101
	// ErrorCodeConnectionClose: graceful termination (stream 0).
	ErrorCodeConnectionClose ErrorCode = 0x00000102
	// ErrorCodeApplicationError: the application failed the stream.
	ErrorCodeApplicationError ErrorCode = 0x00000201
	// ErrorCodeRejected: the responder did not process the request; safe to retry.
	ErrorCodeRejected ErrorCode = 0x00000202
	// ErrorCodeCanceled: the responder canceled; side effects may have happened.
	ErrorCodeCanceled ErrorCode = 0x00000203
	// ErrorCodeInvalid: the request is invalid.
	ErrorCodeInvalid ErrorCode = 0x00000204
	// ErrorCodeMinApplication is the first application-defined code.
	ErrorCodeMinApplication ErrorCode = 0x00000301
	// ErrorCodeMaxApplication is the last application-defined code.
	ErrorCodeMaxApplication ErrorCode = 0xFFFFFFFE
	// ErrorCodeExtension (0xFFFFFFFF) is reserved for extensions.
	ErrorCodeExtension ErrorCode = 0xFFFFFFFF
)

// String returns the protocol name ("APPLICATION_ERROR"),
// "APPLICATION_DEFINED" for the application range, or "RESERVED(0x…)".
func (c ErrorCode) String() string {
	switch c {
	case ErrorCodeReserved:
		return "RESERVED"
	case ErrorCodeInvalidSetup:
		return "INVALID_SETUP"
	case ErrorCodeUnsupportedSetup:
		return "UNSUPPORTED_SETUP"
	case ErrorCodeRejectedSetup:
		return "REJECTED_SETUP"
	case ErrorCodeRejectedResume:
		return "REJECTED_RESUME"
	case ErrorCodeConnectionError:
		return "CONNECTION_ERROR"
	case ErrorCodeConnectionClose:
		return "CONNECTION_CLOSE"
	case ErrorCodeApplicationError:
		return "APPLICATION_ERROR"
	case ErrorCodeRejected:
		return "REJECTED"
	case ErrorCodeCanceled:
		return "CANCELED"
	case ErrorCodeInvalid:
		return "INVALID"
	case ErrorCodeExtension:
		return "EXTENSION"
	}
	if c.IsApplicationDefined() {
		return "APPLICATION_DEFINED"
	}
	return "RESERVED(0x" + strconv.FormatUint(uint64(c), 16) + ")"
}

// IsApplicationDefined reports whether c is in the application range
// 0x301..0xFFFFFFFE.
func (c ErrorCode) IsApplicationDefined() bool {
	return c >= ErrorCodeMinApplication && c <= ErrorCodeMaxApplication
}

// IsConnectionLevel reports whether c is a code that belongs on stream 0
// (setup, resume and connection codes).
func (c ErrorCode) IsConnectionLevel() bool {
	switch c {
	case ErrorCodeInvalidSetup, ErrorCodeUnsupportedSetup, ErrorCodeRejectedSetup,
		ErrorCodeRejectedResume, ErrorCodeConnectionError, ErrorCodeConnectionClose:
		return true
	}
	return false
}

// IsSetupError reports whether c rejects a SETUP or RESUME.
func (c ErrorCode) IsSetupError() bool {
	return c >= ErrorCodeInvalidSetup && c <= ErrorCodeRejectedResume
}
