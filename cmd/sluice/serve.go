package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/sluicego/sluice/rsocket"
)

// shutdownGrace is how long `sluice serve` lets streams in flight finish
// when interrupted before it closes their connections.
const shutdownGrace = 5 * time.Second

// runServe is `sluice serve [--debug] URI`: it serves the test responder
// until ctx is cancelled (SIGINT/SIGTERM), then shuts down gracefully. It
// prints "listening on URI" (with the actual port, useful with port 0) to
// stdout once it accepts connections.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sluice serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	debug := fs.Bool("debug", false, "print every frame sent and received to stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sluice serve [--debug] URI ("+uriUsage+")")
		fmt.Fprintln(stderr, "routes: echo, fail, fnf, stream (data: count), infinite, channel, stats")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	ep, err := parseURI(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, "sluice:", err)
		return exitUsage
	}
	l, uri, err := ep.listen(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "sluice:", err)
		return exitError
	}
	opts := rsocket.ServerOptions{Acceptor: (&testResponder{}).router().Acceptor()}
	if *debug {
		opts.FrameLogger = &lockedWriter{w: stderr}
	}
	srv := rsocket.NewServer(opts)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	fmt.Fprintf(stdout, "listening on %s\n", uri)

	select {
	case <-ctx.Done():
	case err := <-served: // the listener failed
		fmt.Fprintln(stderr, "sluice:", err)
		_ = srv.Close()
		return exitError
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "sluice: shutdown:", err)
	}
	if err := <-served; err != nil && !errors.Is(err, rsocket.ErrServerClosed) {
		fmt.Fprintln(stderr, "sluice:", err)
		return exitError
	}
	return exitOK
}
