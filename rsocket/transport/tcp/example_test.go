package tcp_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

// Frames written on one end arrive whole on the other; Flush sends what the
// buffer holds in one write.
func Example() {
	ctx := context.Background()
	l, err := tcp.Listen(ctx, "127.0.0.1:0", tcp.Options{})
	if err != nil {
		panic(err)
	}
	defer l.Close()
	client, err := tcp.NewDialer(l.Addr().String(), tcp.Options{}).Dial(ctx)
	if err != nil {
		panic(err)
	}
	defer client.Close()
	server, err := l.Accept(ctx)
	if err != nil {
		panic(err)
	}
	defer server.Close()

	_ = client.WriteFrame((&frame.RequestNFrame{Stream: 1, RequestN: 8}).Append(nil))
	_ = client.WriteFrame((&frame.CancelFrame{Stream: 1}).Append(nil))
	_ = client.Flush()
	for range 2 {
		b, _ := server.ReadFrame()
		f, _ := frame.Parse(b)
		fmt.Println(f.Type(), f.StreamID())
	}
	// Output:
	// REQUEST_N 1
	// CANCEL 1
}
