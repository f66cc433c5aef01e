// Package frame encodes and decodes the frames of the RSocket 1.0 protocol.
//
// It is layer 1 of sluice's RSocket stack: it knows bytes, not streams.
// Every frame type has its own struct (SetupFrame, RequestStreamFrame,
// PayloadFrame, …) with the frame's fields, a Length method that tells how
// many bytes the encoded frame takes, and an Append method that appends the
// encoded frame (the 6-byte header and the body, without any transport
// length prefix) to a caller's buffer without allocating.
//
// Parse reads one frame from a byte slice and returns it as a Frame. It
// validates everything it reads and never panics; errors are *FormatError
// values that match ErrMalformed and a more specific sentinel with
// errors.Is. Decoded frames alias the input (zero-copy): keep the input
// unchanged while the frame is in use, or call Clone.
//
// How the connection layer should react to decode errors (see PROTOCOL.md §17):
//
//   - FormatError.Ignore is true (the I flag was set): drop the frame.
//   - ErrUnknownType: unknown frame type without I: ERROR[CONNECTION_ERROR].
//   - ErrStreamID on SETUP/RESUME: ERROR[INVALID_SETUP]; on METADATA_PUSH,
//     PAYLOAD, CANCEL and other frames with a wrong stream id: ignore the frame.
//   - ErrInvalidValue with Type REQUEST_STREAM/REQUEST_CHANNEL and an initial
//     request n of 0: ERROR[INVALID] on FormatError.StreamID; REQUEST_N of 0:
//     ignore; SETUP with a zero keepalive/lifetime or an empty resume token:
//     ERROR[INVALID_SETUP].
//   - anything else (ErrShortFrame, ErrTrailingBytes, …): ERROR[CONNECTION_ERROR].
//
// The package also holds the 24-bit length prefix used by stream transports
// (AppendLengthPrefix, ReadLengthPrefix, ReadFrame), the ERROR codes
// (ErrorCode) and a human-readable frame dump (Format) in the layout of
// rsocket-java's frame logger.
package frame
