// Package websocket carries RSocket over WebSocket, the browser-friendly
// transport: every RSocket frame travels as exactly one binary WebSocket
// message, without the 24-bit length prefix of byte-stream transports, as
// rsocket-java, rsocket-js and rsocket-go do. Text messages are ignored.
//
// Dial returns a transport.Dialer for a ws:// or wss:// URL. Listen runs an
// http.Server that serves the upgrade on one path; Handler mounts the
// upgrade in an http.ServeMux of your own and is itself the
// transport.Listener an RSocket server serves; Accept upgrades a single
// request.
//
// The WebSocket protocol itself is github.com/coder/websocket's. The
// library writes every message to the socket at once; when the transport
// owns the socket (Dial, Listen) it holds those writes under the library
// until Flush, so a batch of frames costs one system call as on TCP. A
// Handler on a server of your own writes each message at once.
package websocket
