package router_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/router"
	"github.com/sluicego/sluice/rsocket/transport/local"
)

// A server routes requests by the routing entry of their composite
// metadata; the client builds that metadata with router.Payload.
func Example() {
	ctx := context.Background()
	r := router.New().RequestResponse("greet", func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
		return mono.Just(rsocket.PayloadString("hello, "+strings.TrimSpace(p.DataString()), ""))
	})
	l := local.NewListener("example", 0)
	srv := rsocket.NewServer(rsocket.ServerOptions{Acceptor: r.Acceptor()})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()

	c, _ := rsocket.Connect(ctx, l, rsocket.SetupOptions{})
	p, _, _ := c.RequestResponse(router.Payload("greet", []byte("world"))).Block(ctx)
	fmt.Println(p.DataString())
	_, _, err := c.RequestResponse(router.Payload("missing", nil)).Block(ctx)
	fmt.Println(err)

	_ = c.Close()
	_ = srv.Shutdown(ctx)
	<-done
	// Output:
	// hello, world
	// rsocket: APPLICATION_ERROR: no request-response handler for route "missing"
}
