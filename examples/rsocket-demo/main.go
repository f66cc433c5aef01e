// Command rsocket-demo shows demand crossing the network: a client asks an
// RSocket server for a stream of numbers four at a time (LimitRate(4)), and
// the frame log shows each REQUEST_N the client sends followed by the
// PAYLOAD frames the server emits in answer. The server's generator runs
// only when there is demand, so it never produces more than was asked.
//
//	go run ./examples/rsocket-demo
//
// Both ends run in this process over loopback TCP; the frame log is the
// client connection's FrameLogger, printed on stdout between the elements.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/router"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "rsocket-demo:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// The server: one route, "numbers", a request-stream whose generator
	// makes one number per unit of demand received from the client.
	routes := router.New().RequestStream("numbers", func(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		count, err := strconv.Atoi(p.DataString())
		if err != nil {
			return flux.Error[rsocket.Payload](err)
		}
		return flux.Generate(func() int { return 1 }, func(i int, sink flux.SynchronousSink[rsocket.Payload]) int {
			fmt.Printf("<<< server generates number %d\n", i)
			sink.Next(rsocket.PayloadString("number "+strconv.Itoa(i), ""))
			if i == count {
				sink.Complete()
			}
			return i + 1
		})
	})
	listener, err := tcp.Listen(ctx, "127.0.0.1:0", tcp.Options{})
	if err != nil {
		return err
	}
	server := rsocket.NewServer(rsocket.ServerOptions{Acceptor: routes.Acceptor()})
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	// The client: its FrameLogger prints every frame it sends and receives.
	conn, err := rsocket.Connect(ctx, tcp.NewDialer(listener.Addr().String(), tcp.Options{}),
		rsocket.SetupOptions{ConnectionOptions: rsocket.ConnectionOptions{FrameLogger: os.Stdout}})
	if err != nil {
		return err
	}

	// Ask for 10 numbers, 4 at a time: REQUEST_STREAM carries the first 4,
	// then a REQUEST_N of 3 goes out each time 3 have been consumed.
	numbers := conn.RequestStream(router.Payload("numbers", []byte("10"))).LimitRate(4, 0)
	done := make(chan error, 1)
	numbers.SubscribeWith(ctx, flux.Callbacks[rsocket.Payload]{
		OnNext:     func(p rsocket.Payload) { fmt.Printf(">>> client received %q\n\n", p.DataString()) },
		OnError:    func(err error) { done <- err },
		OnComplete: func() { done <- nil },
	}, flux.Unbounded())
	if err := <-done; err != nil {
		return err
	}

	// Close the client, then shut the server down gracefully.
	_ = conn.Close()
	<-conn.Done()
	if err := server.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, rsocket.ErrServerClosed) {
		return err
	}
	fmt.Println(">>> done: the server produced only what the client requested")
	return nil
}
