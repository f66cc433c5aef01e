package rsocket

import (
	"context"
	"io"
	"time"
)

// Defaults of SetupOptions and ServerOptions.
const (
	DefaultKeepaliveInterval  = 20 * time.Second
	DefaultMaxLifetime        = 90 * time.Second
	DefaultDataMimeType       = "application/octet-stream"
	DefaultMetadataMimeType   = "message/x.rsocket.composite-metadata.v0"
	DefaultMaxReassembledSize = 16 << 20
	DefaultWriteBufferLimit   = 256 << 10
	DefaultSetupTimeout       = 30 * time.Second
)

// SetupOptions configure a client connection: the SETUP frame it sends and
// the connection's limits. The zero value uses the defaults above.
type SetupOptions struct {
	// KeepaliveInterval is how often the client sends KEEPALIVE.
	KeepaliveInterval time.Duration
	// MaxLifetime is how long the connection tolerates receiving nothing
	// before it closes with ErrKeepaliveTimeout.
	MaxLifetime time.Duration
	// DataMimeType and MetadataMimeType are announced in SETUP.
	DataMimeType, MetadataMimeType string
	// SetupPayload is the SETUP frame's data and metadata.
	SetupPayload Payload
	// Responder answers the server's requests (the client's responder).
	Responder Handler
	// ConnectionOptions are the limits shared with servers.
	ConnectionOptions
}

// ConnectionOptions are the limits and diagnostics of a connection, on
// either side.
type ConnectionOptions struct {
	// MTU is the largest frame sent (without transport length prefix);
	// larger payloads are fragmented. 0 means the protocol maximum
	// (16 MiB - 1); values below 64 are raised to 64.
	MTU int
	// MaxReassembledSize caps the size of a payload reassembled from
	// fragments; a bigger one fails its stream with ErrPayloadTooLarge.
	// 0 means DefaultMaxReassembledSize; negative means no limit.
	MaxReassembledSize int
	// WriteBufferLimit is the outbound buffer size above which producers of
	// PAYLOAD frames wait for the writer (0: DefaultWriteBufferLimit).
	WriteBufferLimit int
	// FrameLogger, when set, receives a dump of every frame sent and
	// received (frame.Format layout: direction, stream id, type, flags,
	// length, hex dump of metadata and data).
	FrameLogger io.Writer
}

// SetupInfo describes the SETUP a client sent, for the server's Acceptor.
type SetupInfo struct {
	MajorVersion, MinorVersion     uint16
	KeepaliveInterval, MaxLifetime time.Duration
	DataMimeType, MetadataMimeType string
	// Payload is the setup data and metadata.
	Payload Payload
	// Lease and ResumeToken are what the client asked for (the server
	// rejects both for now, before calling the acceptor).
	Lease       bool
	ResumeToken []byte
}

// Acceptor decides whether a server accepts a connection. requester sends
// requests to the client (its dynamic type is *Conn); it may be kept and used
// after the acceptor returns. An error rejects the setup with
// ERROR[REJECTED_SETUP] carrying its text (or the code of an *Error with a
// setup code).
type Acceptor func(ctx context.Context, setup SetupInfo, requester RSocket) (Handler, error)

// ServerOptions configure a Server.
type ServerOptions struct {
	// Acceptor is called for every SETUP; nil accepts everything with an
	// empty Handler.
	Acceptor Acceptor
	// SetupTimeout bounds the wait for the first frame of a new connection
	// (0: DefaultSetupTimeout).
	SetupTimeout time.Duration
	// ConnectionOptions apply to every accepted connection.
	ConnectionOptions
}
