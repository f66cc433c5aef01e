// Command sluice talks RSocket from the command line, with the flags of the
// rsc tool (github.com/making/rsc), and serves a small test responder.
//
// Client:
//
//	sluice [--request|--stream|--channel|--fnf|--metadataPush] [--route R]
//	       [--data D|-] [--metadata M] [--dataMimeType T] [--metadataMimeType T]
//	       [--setupData D] [--setupMetadata M] [--limitRate N] [--take N]
//	       [--debug] [--insecure] URI
//
// prints the data of every payload received on its own line. --debug
// prints every frame sent and received to stderr. --data - reads the data
// from stdin (for --channel, one payload per line).
//
// URI is tcp://host:port, ws://host:port/path, wss://host:port/path or
// quic://host:port. --insecure skips the verification of the server's
// certificate (wss, quic), as needed against sluice serve.
//
// Server:
//
//	sluice serve [--debug] tcp://127.0.0.1:7878
//	sluice serve ws://127.0.0.1:7879/rsocket
//	sluice serve quic://127.0.0.1:7880
//
// answers the routes echo, fail, fnf, stream, infinite, channel and stats
// (see serve.go) until interrupted; wss:// and quic:// use a self-signed
// certificate made at start. Exit status: 0 on success, 1 on error
// (the error is printed to stderr), 2 for bad usage.
package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// run is the whole command: it parses args and runs the client or the
// server until done or ctx is cancelled, and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "serve" {
		return runServe(ctx, args[1:], stdout, stderr)
	}
	return runClient(ctx, args, stdin, stdout, stderr)
}

// parseInterspersed parses fs from args, allowing flags after positional
// arguments (flag.Parse stops at the first one), and returns the
// positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// lockedWriter serializes writes from several connections (each frame dump
// is one Write, so dumps never interleave).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
