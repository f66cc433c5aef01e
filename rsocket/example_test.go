package rsocket_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/local"
)

// counter is an endless source: "tick 0", "tick 1", …
type counter struct{ n *int }

func (c *counter) Next() (rsocket.Payload, bool, error) {
	p := rsocket.PayloadString(fmt.Sprintf("tick %d", *c.n), "")
	*c.n++
	return p, true, nil
}

// twoByTwo requests two elements at a time and stops after six.
type twoByTwo struct {
	sub  sluice.Subscription
	seen int
	done chan struct{}
}

func (s *twoByTwo) OnSubscribe(sub sluice.Subscription) { s.sub = sub; sub.Request(2) }
func (s *twoByTwo) OnNext(p rsocket.Payload) {
	fmt.Println("client got", p.DataString())
	s.seen++
	switch {
	case s.seen == 6:
		s.sub.Cancel()
		close(s.done)
	case s.seen%2 == 0:
		s.sub.Request(2)
	}
}
func (s *twoByTwo) OnError(err error) { fmt.Println("error:", err); close(s.done) }
func (s *twoByTwo) OnComplete()       { close(s.done) }

// A server and a client in one process (local transport): a request-stream
// whose endless generator on the server produces only what the client's
// subscriber requests, two at a time.
func Example_requestStream() {
	ctx := context.Background()
	l := local.NewListener("example", 0)
	produced := 0
	srv := rsocket.NewServer(rsocket.ServerOptions{
		Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
			return rsocket.Handler{
				RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
						pull.Subscribe[rsocket.Payload](s, &counter{n: &produced})
					}))
				},
			}, nil
		},
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()

	conn, err := rsocket.Connect(ctx, l, rsocket.SetupOptions{})
	if err != nil {
		panic(err)
	}
	sub := &twoByTwo{done: make(chan struct{})}
	conn.RequestStream(rsocket.PayloadString("ticks", "")).Subscribe(sub)
	<-sub.done

	_ = conn.Close()
	<-conn.Done()
	_ = srv.Shutdown(ctx)
	<-served
	fmt.Println("the server produced", produced, "elements")
	// Output:
	// client got tick 0
	// client got tick 1
	// client got tick 2
	// client got tick 3
	// client got tick 4
	// client got tick 5
	// the server produced 6 elements
}

// The frame logger prints every frame sent and received.
func Example_frameLogger() {
	ctx := context.Background()
	l := local.NewListener("logged", 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{
		Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
			return echoHandler(), nil
		},
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()

	var log strings.Builder
	conn, err := rsocket.Connect(ctx, l, rsocket.SetupOptions{
		ConnectionOptions: rsocket.ConnectionOptions{FrameLogger: &log},
	})
	if err != nil {
		panic(err)
	}
	p, ok, err := conn.RequestResponse(rsocket.PayloadString("ping", "")).Block(ctx)
	fmt.Println(p.DataString(), ok, err)
	_ = conn.Close()
	<-conn.Done()
	_ = srv.Shutdown(ctx)
	<-served

	for _, line := range strings.Split(log.String(), "\n") {
		if strings.HasPrefix(line, "Frame =>") || strings.HasSuffix(line, "->") {
			fmt.Println(line)
		}
	}
	// Output:
	// echo:ping true <nil>
	// sending ->
	// Frame => Stream ID: 0 Type: SETUP Flags: 0b0 Length: 83 Version: 1.0 KeepaliveInterval: 20000ms MaxLifetime: 90000ms MetadataMimeType: "message/x.rsocket.composite-metadata.v0" DataMimeType: "application/octet-stream"
	// sending ->
	// Frame => Stream ID: 1 Type: REQUEST_RESPONSE Flags: 0b0 Length: 10
	// receiving ->
	// Frame => Stream ID: 1 Type: PAYLOAD Flags: 0b1100000 (C|N) Length: 15
}
