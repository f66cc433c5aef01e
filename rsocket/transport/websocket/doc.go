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
// The WebSocket protocol itself is github.com/coder/websocket's. Every
// message is flushed when it is written (the library does not batch
// messages), so Flush is a no-op.
package websocket
