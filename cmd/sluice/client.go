package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/extension/composite"
	"github.com/sluicego/sluice/rsocket/extension/routing"
	"github.com/sluicego/sluice/rsocket/transport"
)

// clientFlags are the options of the client mode, named as in rsc.
type clientFlags struct {
	request, stream, channel, fnf, metadataPush bool

	route, data, metadata                   string
	dataMimeType, metadataMimeType, mdEntry string
	setupData, setupMetadata                string
	limitRate, take                         int
	debug, insecure                         bool
}

func newClientFlagSet(stderr io.Writer) (*flag.FlagSet, *clientFlags) {
	f := &clientFlags{}
	fs := flag.NewFlagSet("sluice", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&f.request, "request", false, "request-response (the default interaction)")
	fs.BoolVar(&f.stream, "stream", false, "request-stream")
	fs.BoolVar(&f.channel, "channel", false, "request-channel (with --data -, one payload per stdin line)")
	fs.BoolVar(&f.fnf, "fnf", false, "fire-and-forget")
	fs.BoolVar(&f.metadataPush, "metadataPush", false, "metadata push of --metadata")
	fs.StringVar(&f.route, "route", "", "route, sent as a routing entry of the composite metadata")
	fs.StringVar(&f.data, "data", "", "data of the request; - reads stdin")
	fs.StringVar(&f.metadata, "metadata", "", "metadata of the request (a composite entry of --metadataEntryMimeType when the metadata is composite)")
	fs.StringVar(&f.dataMimeType, "dataMimeType", "application/json", "data MIME type announced in SETUP")
	fs.StringVar(&f.metadataMimeType, "metadataMimeType", composite.Format, "metadata MIME type announced in SETUP")
	fs.StringVar(&f.mdEntry, "metadataEntryMimeType", "text/plain", "MIME type of the --metadata entry in composite metadata")
	fs.StringVar(&f.setupData, "setupData", "", "data of the SETUP frame")
	fs.StringVar(&f.setupMetadata, "setupMetadata", "", "metadata of the SETUP frame")
	fs.IntVar(&f.limitRate, "limitRate", 0, "request N elements at a time (REQUEST_N frames of N, then N-N/4), 0: all at once")
	fs.IntVar(&f.take, "take", 0, "cancel the stream after N elements, 0: never")
	fs.BoolVar(&f.debug, "debug", false, "print every frame sent and received to stderr")
	fs.BoolVar(&f.insecure, "insecure", false, "do not verify the server's certificate (wss://, quic://)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sluice [--request|--stream|--channel|--fnf|--metadataPush] [flags] URI")
		fmt.Fprintln(stderr, "       sluice serve [--debug] URI")
		fmt.Fprintln(stderr, "URI: "+uriUsage)
		fs.PrintDefaults()
	}
	return fs, f
}

// runClient is the client mode of run.
func runClient(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, f := newClientFlagSet(stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	ep, err := parseURI(pos[0])
	if err == nil {
		err = f.check()
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice:", err)
		return exitUsage
	}
	if err := f.run(ctx, ep.dialer(f.insecure), stdin, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "sluice:", err)
		return exitError
	}
	return exitOK
}

func (f *clientFlags) check() error {
	models := 0
	for _, b := range []bool{f.request, f.stream, f.channel, f.fnf, f.metadataPush} {
		if b {
			models++
		}
	}
	switch {
	case models > 1:
		return errors.New("choose one of --request, --stream, --channel, --fnf, --metadataPush")
	case models == 0:
		f.request = true
	}
	if f.limitRate < 0 || f.take < 0 {
		return errors.New("--limitRate and --take must be >= 0")
	}
	if f.route != "" && f.metadataMimeType != composite.Format && f.metadataMimeType != routing.Format {
		return fmt.Errorf("--route needs --metadataMimeType %s or %s", composite.Format, routing.Format)
	}
	return nil
}

// requestMetadata builds the metadata of the request from --route and
// --metadata, for the connection's metadata MIME type. nil means none.
func (f *clientFlags) requestMetadata() ([]byte, error) {
	switch f.metadataMimeType {
	case composite.Format:
		var md []byte
		if f.route != "" {
			rt, err := routing.Append(nil, f.route)
			if err != nil {
				return nil, err
			}
			if md, err = composite.Append(md, routing.Format, rt); err != nil {
				return nil, err
			}
		}
		if f.metadata != "" {
			var err error
			if md, err = composite.Append(md, f.mdEntry, []byte(f.metadata)); err != nil {
				return nil, err
			}
		}
		return md, nil
	case routing.Format:
		if f.metadata != "" {
			return []byte(f.metadata), nil
		}
		if f.route == "" {
			return nil, nil
		}
		return routing.Append(nil, f.route)
	}
	if f.metadata == "" {
		return nil, nil
	}
	return []byte(f.metadata), nil
}

// run connects, performs the interaction and prints what comes back.
func (f *clientFlags) run(ctx context.Context, d transport.Dialer, stdin io.Reader, stdout, stderr io.Writer) error {
	ctx, cancel := context.WithCancel(ctx) // stops the stdin reader, if any
	defer cancel()
	md, err := f.requestMetadata()
	if err != nil {
		return err
	}
	opts := rsocket.SetupOptions{
		DataMimeType:     f.dataMimeType,
		MetadataMimeType: f.metadataMimeType,
		SetupPayload:     rsocket.PayloadString(f.setupData, f.setupMetadata),
	}
	if f.debug {
		opts.FrameLogger = stderr
	}
	c, err := rsocket.Connect(ctx, d, opts)
	if err != nil {
		return err
	}
	defer func() {
		_ = c.Close()
		<-c.Done()
	}()

	var data []byte
	if f.data == "-" && !f.channel {
		if data, err = io.ReadAll(stdin); err != nil {
			return err
		}
		data = []byte(strings.TrimSuffix(string(data), "\n"))
	} else {
		data = []byte(f.data)
	}
	p := rsocket.NewPayload(data, md)
	print := func(p rsocket.Payload) { fmt.Fprintf(stdout, "%s\n", p.Data) }

	switch {
	case f.fnf:
		return f.flush(ctx, c, c.FireAndForget(ctx, p))
	case f.metadataPush:
		return f.flush(ctx, c, c.MetadataPush(ctx, []byte(f.metadata)))
	case f.request:
		r, ok, err := c.RequestResponse(p).Block(ctx)
		if ok {
			print(r)
		}
		return err
	case f.stream:
		return f.consume(ctx, c.RequestStream(p), print)
	default:
		var in sluice.Publisher[rsocket.Payload] = flux.Just(p)
		if f.data == "-" {
			in = stdinPayloads(ctx, stdin, md)
		}
		return f.consume(ctx, c.RequestChannel(in), print)
	}
}

// flush waits, after a fire-and-forget or metadata push, until the frame
// has left: closing the connection flushes what is queued.
func (f *clientFlags) flush(ctx context.Context, c *rsocket.Conn, err error) error {
	if err != nil {
		return err
	}
	_ = c.Close()
	select {
	case <-c.Done():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// consume subscribes to a stream with the --limitRate and --take policies
// and calls print for every element, until it ends or ctx is cancelled.
func (f *clientFlags) consume(ctx context.Context, in flux.Flux[rsocket.Payload], print func(rsocket.Payload)) error {
	if f.limitRate > 0 {
		in = in.LimitRate(f.limitRate, 0)
	}
	if f.take > 0 {
		in = in.Take(int64(f.take))
	}
	done := make(chan error, 1)
	cancel := in.SubscribeWith(ctx, flux.Callbacks[rsocket.Payload]{
		OnNext:     print,
		OnError:    func(err error) { done <- err },
		OnComplete: func() { done <- nil },
	}, flux.Unbounded())
	defer cancel()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stdinPayloads emits one payload per line of r; the first carries md (the
// route). A goroutine reads the lines (a read from a terminal cannot be
// interrupted, so it must not run on a connection goroutine); it stops at
// the end of r or when ctx ends, and the channel between them holds one
// line, so lines are read about as fast as the responder grants credit.
func stdinPayloads(ctx context.Context, r io.Reader, md []byte) flux.Flux[rsocket.Payload] {
	return flux.Defer(func() sluice.Publisher[rsocket.Payload] {
		lines := make(chan rsocket.Payload)
		errc := make(chan error, 1)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(r)
			for first := true; sc.Scan(); first = false {
				p := rsocket.Payload{Data: []byte(sc.Text())}
				if first {
					p = rsocket.NewPayload(p.Data, md)
				}
				select {
				case lines <- p:
				case <-ctx.Done():
					return
				}
			}
			errc <- sc.Err()
		}()
		return flux.Concat[rsocket.Payload](flux.FromChannelCtx(ctx, lines), flux.Defer(func() sluice.Publisher[rsocket.Payload] {
			select {
			case err := <-errc:
				if err != nil {
					return flux.Error[rsocket.Payload](err)
				}
			default: // ctx ended
			}
			return flux.Empty[rsocket.Payload]()
		}))
	})
}
