// Package rsocket speaks the RSocket 1.0 protocol with sluice's Reactive
// Streams: a subscriber's Request(n) on one side becomes an initial request n
// or a REQUEST_N frame that throttles the publisher on the other side.
//
// A client connects with Connect and gets a *Conn, which implements RSocket:
//
//	conn, err := rsocket.Connect(ctx, tcp.NewDialer("localhost:7878", tcp.Options{}), rsocket.SetupOptions{})
//	stream := conn.RequestStream(rsocket.PayloadString("hello", ""))
//
// A server answers with a Handler chosen for each connection by its
// Acceptor, which also receives an RSocket for requests to the client (both
// ends are symmetric after SETUP):
//
//	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: func(ctx context.Context, setup rsocket.SetupInfo, client rsocket.RSocket) (rsocket.Handler, error) {
//		return rsocket.Handler{RequestStream: func(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] { … }}, nil
//	}})
//	l, _ := tcp.Listen(ctx, ":7878", tcp.Options{})
//	go srv.Serve(l)
//	defer srv.Shutdown(ctx)
//
// What the connection does for you: stream ids (odd for the client, even for
// the server, never reused), the state machine of every interaction model
// including half-closed channels, CANCEL, ERROR codes as typed errors
// (*Error, ErrConnectionClosed…), keepalive and dead-peer detection,
// fragmentation above the MTU and reassembly under a size limit, and a
// frame logger. Lease and resumption are not supported: a SETUP asking for
// them is refused.
//
// Errors: a handler's error reaches the requester as an *Error with code
// APPLICATION_ERROR (errors.Is(err, rsocket.ErrApplication)); a panic in a
// handler or its publisher does too, and the connection stays up. When a
// connection ends, streams still running fail with an error matching
// ErrConnectionClosed that also wraps the cause.
//
// Threads: each connection has a reader and a writer goroutine. Requesters'
// subscribers receive their signals on the reader goroutine (keep OnNext
// short or move work elsewhere); handlers and the publishers they return run
// on goroutines of their own streams, so they may block. Writes are batched:
// frames queue in one buffer that the writer flushes when it runs dry.
//
// On the latency paths no goroutine hands work to another, since each
// hand-off wakes a second thread and costs more than the frames: a client's
// RequestResponse(...).Block with nothing else in flight writes its request
// and reads its answer on the calling goroutine; a connection's reader calls
// request-response handlers and passes small REQUEST_N (up to 256) to the
// publisher itself, and writes what they produced before it next blocks
// reading. A handler or publisher that takes a millisecond or more there
// counts as a stall, one that blocks is noticed within 100 milliseconds and
// a new reader takes over; after four stalls in a run (each within 1024
// calls of the one before) the connection runs them on workers for 4096
// calls, then tries the reader again (each time it leaves the reader
// again, for twice as many calls, up to about a million).
package rsocket
