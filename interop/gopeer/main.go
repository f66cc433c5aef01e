// Command gopeer is the rsocket-go (github.com/rsocket/rsocket-go) peer of
// the interop tests. It speaks the same line protocol as the rsocket-js
// peers in ../js (see server.js and client.js there):
//
//	gopeer server [mtu]               prints "READY <port>", then JSON events
//	gopeer client <port> <scenario>…  prints one JSON result
//
// mtu, when given, turns on rsocket-go's fragmentation of outbound frames
// at that size (its own default otherwise).
//
// It uses only rsocket-go, including its composite and routing metadata
// codecs, so that nothing of sluice is on this side of the wire.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	rsocket "github.com/rsocket/rsocket-go"
	"github.com/rsocket/rsocket-go/core/transport"
	"github.com/rsocket/rsocket-go/extension"
	"github.com/rsocket/rsocket-go/payload"
	"github.com/rsocket/rsocket-go/rx"
	"github.com/rsocket/rsocket-go/rx/flux"
	"github.com/rsocket/rsocket-go/rx/mono"
)

var outMu sync.Mutex

// emit prints v as one JSON line.
func emit(v any) {
	b, _ := json.Marshal(v)
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Println(string(b))
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch {
	case len(os.Args) >= 2 && os.Args[1] == "server":
		mtu := 0
		if len(os.Args) >= 3 {
			if mtu, err = strconv.Atoi(os.Args[2]); err != nil {
				break
			}
		}
		err = serve(ctx, mtu)
	case len(os.Args) >= 4 && os.Args[1] == "client":
		err = client(ctx, os.Args[2], os.Args[3], os.Args[4:])
	default:
		err = errors.New("usage: gopeer server | gopeer client <port> <scenario> [args]")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gopeer:", err)
		os.Exit(1)
	}
}

const compositeMIME = "message/x.rsocket.composite-metadata.v0"

func routeMetadata(route string) []byte {
	rt, err := extension.EncodeRouting(route)
	if err != nil {
		panic(err)
	}
	cm, err := extension.NewCompositeMetadataBuilder().PushWellKnown(extension.MessageRouting, rt).Build()
	if err != nil {
		panic(err)
	}
	return cm
}

func routeOf(p payload.Payload) string {
	md, ok := p.Metadata()
	if !ok {
		return ""
	}
	sc := extension.NewCompositeMetadataBytes(md).Scanner()
	for sc.Scan() {
		mime, content, err := sc.Metadata()
		if err != nil {
			return ""
		}
		if mime == extension.MessageRouting.String() {
			tags, err := extension.ParseRoutingTags(content)
			if err == nil && len(tags) > 0 {
				return tags[0]
			}
		}
	}
	return ""
}

// serve runs the responder until ctx ends or stdin is closed.
func serve(ctx context.Context, mtu int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // the test closes our stdin to stop us
		_, _ = os.Stdin.Read(make([]byte, 1))
		cancel()
	}()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	port := l.Addr().(*net.TCPAddr).Port
	tp := func(context.Context) (transport.ServerTransport, error) {
		return transport.NewTCPServerTransport(func(context.Context) (net.Listener, error) { return l, nil }), nil
	}
	err = rsocket.Receive().
		Fragment(mtu). // 0: rsocket-go's default (16,777,215)
		OnStart(func() { fmt.Printf("READY %d\n", port) }).
		Acceptor(func(context.Context, payload.SetupPayload, rsocket.CloseableRSocket) (rsocket.RSocket, error) {
			return responder(), nil
		}).
		Transport(tp).
		Serve(ctx)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func responder() rsocket.RSocket {
	return rsocket.NewAbstractSocket(
		rsocket.RequestResponse(func(p payload.Payload) mono.Mono {
			switch routeOf(p) {
			case "echo":
				return mono.Just(payload.Clone(p))
			case "fail":
				return mono.Error(errors.New("boom"))
			}
			return mono.Error(fmt.Errorf("no route %q", routeOf(p)))
		}),
		rsocket.RequestStream(func(p payload.Payload) flux.Flux {
			if routeOf(p) != "stream" {
				return flux.Error(fmt.Errorf("no route %q", routeOf(p)))
			}
			total := int64(-1) // "inf"
			if n, err := strconv.ParseInt(text(p.Data()), 10, 64); err == nil {
				total = n
			}
			return demandStream(total)
		}),
		rsocket.RequestChannel(func(in flux.Flux) flux.Flux { return in }),
		rsocket.FireAndForget(func(p payload.Payload) {
			emit(map[string]any{"event": "fnf", "route": routeOf(p), "data": text(p.Data())})
		}),
		rsocket.MetadataPush(func(p payload.Payload) {
			md, _ := p.Metadata()
			emit(map[string]any{"event": "metadataPush", "metadata": text(md)})
		}),
	)
}

// demandStream emits "0", "1", … one per unit of demand it receives (all
// of them when total < 0) and reports the demand when it ends.
func demandStream(total int64) flux.Flux {
	var mu sync.Mutex
	record := map[string]any{"event": "stream", "route": "stream", "requestN": []int{}, "emitted": 0, "cancelled": false}
	credit := make(chan int, 1024)
	return flux.Create(func(ctx context.Context, s flux.Sink) {
		var i int64
		for total < 0 || i < total {
			select {
			case n := <-credit:
				for ; n > 0 && (total < 0 || i < total); n-- {
					s.Next(payload.NewString(strconv.FormatInt(i, 10), ""))
					i++
					mu.Lock()
					record["emitted"] = int(i)
					mu.Unlock()
				}
			case <-ctx.Done():
				return
			}
		}
		s.Complete()
	}).DoOnRequest(func(n int) {
		mu.Lock()
		record["requestN"] = append(record["requestN"].([]int), n)
		mu.Unlock()
		credit <- n
	}).DoFinally(func(sig rx.SignalType) {
		mu.Lock()
		defer mu.Unlock()
		record["cancelled"] = sig == rx.SignalCancel
		emit(record)
	})
}

// client runs one scenario against 127.0.0.1:port and prints its result.
func client(ctx context.Context, port, scenario string, args []string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	p, err := strconv.Atoi(port)
	if err != nil {
		return err
	}
	mtu := 0
	if scenario == "big" && len(args) >= 3 {
		if mtu, err = strconv.Atoi(args[2]); err != nil {
			return err
		}
	}
	cli, err := rsocket.Connect().
		Fragment(mtu).
		DataMimeType("text/plain").
		MetadataMimeType(compositeMIME).
		Transport(rsocket.TCPClient().SetHostAndPort("127.0.0.1", p).Build()).
		Start(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = cli.Close() }()
	result, err := run(ctx, cli, scenario, args)
	if err != nil {
		result = map[string]any{"error": errMessage(err)}
	}
	emit(result)
	return nil
}

// text copies b into a string: rsocket-go reuses the buffers of the
// payloads it hands out once the callback returns.
func text(b []byte) string { return string(append([]byte(nil), b...)) }

func errMessage(err error) string {
	var re rsocket.Error
	if errors.As(err, &re) {
		return text(re.ErrorData())
	}
	return err.Error()
}

func run(ctx context.Context, cli rsocket.Client, scenario string, args []string) (map[string]any, error) {
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch scenario {
	case "rr":
		res, err := cli.RequestResponse(payload.New([]byte(arg(1)), routeMetadata(arg(0)))).Block(ctx)
		if err != nil {
			return nil, err
		}
		md, _ := res.Metadata()
		return map[string]any{"data": text(res.Data()), "metadata": hex.EncodeToString(md)}, nil
	case "stream":
		var batches []int
		for _, s := range strings.Split(arg(2), ",") {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, err
			}
			batches = append(batches, n)
		}
		return stream(ctx, cli, arg(0), arg(1), batches, arg(3) == "cancel")
	case "channel":
		items := strings.Split(arg(1), ",")
		in := make([]payload.Payload, len(items))
		for i, s := range items {
			in[i] = payload.NewString(s, "")
		}
		in[0] = payload.New([]byte(items[0]), routeMetadata(arg(0)))
		out, err := cli.RequestChannel(flux.Just(in...)).BlockSlice(ctx)
		if err != nil {
			return nil, err
		}
		received := []string{}
		for _, p := range out {
			received = append(received, text(p.Data()))
		}
		return map[string]any{"received": received}, nil
	case "fnf":
		cli.FireAndForget(payload.New([]byte(arg(1)), routeMetadata(arg(0))))
		time.Sleep(200 * time.Millisecond) // rsocket-go gives no completion signal for FNF
		return map[string]any{"sent": true}, nil
	case "big":
		// big <rr|channel> <size> <mtu>: sends a payload of size bytes
		// (byte i = i mod 251) to the echo route (rr) or the channel route
		// (three such payloads), fragmented at mtu, and reports the length
		// and SHA-256 of what came back.
		size, err := strconv.Atoi(arg(1))
		if err != nil {
			return nil, err
		}
		data := pattern(size)
		var out []payload.Payload
		switch arg(0) {
		case "rr":
			res, err := cli.RequestResponse(payload.New(data, routeMetadata("echo"))).Block(ctx)
			if err != nil {
				return nil, err
			}
			out = []payload.Payload{res}
		case "channel":
			in := []payload.Payload{payload.New(data, routeMetadata("channel")), payload.New(data, nil), payload.New(data, nil)}
			if out, err = cli.RequestChannel(flux.Just(in...)).BlockSlice(ctx); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("big: unknown model %q", arg(0))
		}
		var lens []int
		var sums []string
		for _, p := range out {
			sum := sha256.Sum256(p.Data())
			lens = append(lens, len(p.Data()))
			sums = append(sums, hex.EncodeToString(sum[:]))
		}
		return map[string]any{"len": lens, "sha256": sums}, nil
	case "push":
		cli.MetadataPush(payload.New(nil, []byte(arg(0))))
		time.Sleep(200 * time.Millisecond) // nor for METADATA_PUSH
		return map[string]any{"sent": true}, nil
	}
	return nil, fmt.Errorf("unknown scenario %q", scenario)
}

// pattern returns n bytes, byte i = i mod 251 (as the tests build them).
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

// stream requests batches[0], then each next batch once the previous one
// arrived; after the last one it cancels (or waits for completion).
func stream(ctx context.Context, cli rsocket.Client, route, data string, batches []int, cancelAtEnd bool) (map[string]any, error) {
	type outcome struct {
		completed bool
		err       error
	}
	done := make(chan outcome, 1)
	var received []string
	var sub rx.Subscription
	batch, target := 0, batches[0]
	finish := func(o outcome) {
		select {
		case done <- o:
		default:
		}
	}
	cli.RequestStream(payload.New([]byte(data), routeMetadata(route))).Subscribe(ctx,
		rx.OnSubscribe(func(_ context.Context, s rx.Subscription) {
			sub = s
			s.Request(batches[0])
		}),
		rx.OnNext(func(p payload.Payload) error {
			received = append(received, text(p.Data()))
			if len(received) == target {
				batch++
				if batch < len(batches) {
					target += batches[batch]
					sub.Request(batches[batch])
				} else if cancelAtEnd {
					sub.Cancel()
					finish(outcome{})
				}
			}
			return nil
		}),
		rx.OnComplete(func() { finish(outcome{completed: true}) }),
		rx.OnError(func(err error) { finish(outcome{err: err}) }),
	)
	select {
	case o := <-done:
		if o.err != nil {
			return nil, o.err
		}
		time.Sleep(100 * time.Millisecond) // let the CANCEL frame leave
		return map[string]any{"received": received, "requested": batches, "completed": o.completed}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
