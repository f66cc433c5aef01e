package websocket_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/websocket"
)

func echoServer() *rsocket.Server {
	return rsocket.NewServer(rsocket.ServerOptions{
		Acceptor: func(context.Context, rsocket.SetupInfo, rsocket.RSocket) (rsocket.Handler, error) {
			return rsocket.Handler{RequestResponse: func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
				return mono.Just(rsocket.PayloadString("echo: "+p.DataString(), ""))
			}}, nil
		},
	})
}

// An RSocket server listening on ws://127.0.0.1:port/rsocket, and a client.
func Example() {
	ctx := context.Background()
	l, err := websocket.Listen(ctx, "127.0.0.1:0", "/rsocket")
	if err != nil {
		panic(err)
	}
	srv := echoServer()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()

	c, err := rsocket.Connect(ctx, websocket.Dial(l.URL()), rsocket.SetupOptions{})
	if err != nil {
		panic(err)
	}
	p, _, err := c.RequestResponse(rsocket.PayloadString("hello", "")).Block(ctx)
	fmt.Println(p.DataString(), err)

	_ = c.Close()
	<-c.Done()
	_ = srv.Close()
	<-served
	// Output: echo: hello <nil>
}

// Mounting RSocket on a path of your own HTTP server: the Handler is both
// the http.Handler and the listener the RSocket server serves.
func ExampleNewHandler() {
	ctx := context.Background()
	h := websocket.NewHandler()
	mux := http.NewServeMux()
	mux.Handle("/rsocket", h)
	mux.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") })
	web := httptest.NewServer(mux)

	srv := echoServer()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(h) }()

	c, err := rsocket.Connect(ctx, websocket.Dial(web.URL+"/rsocket"), rsocket.SetupOptions{})
	if err != nil {
		panic(err)
	}
	p, _, err := c.RequestResponse(rsocket.PayloadString("mux", "")).Block(ctx)
	fmt.Println(p.DataString(), err)

	_ = c.Close()
	<-c.Done()
	_ = srv.Close()
	<-served
	web.Close()
	// Output: echo: mux <nil>
}
