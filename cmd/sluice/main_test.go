package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// lineWriter collects output and reports each complete line on a channel.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 1024)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line) // incomplete: keep it
			return len(p), nil
		}
		select {
		case w.lines <- strings.TrimSuffix(line, "\n"):
		default:
		}
	}
}

// serve runs `sluice serve tcp://127.0.0.1:0` in-process until the test
// ends (then checks the graceful shutdown) and returns its URI.
func serve(t *testing.T, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := newLineWriter()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append(append([]string{"serve"}, extra...), "tcp://127.0.0.1:0"), nil, out, &stderr)
	}()
	var uri string
	select {
	case line := <-out.lines:
		var ok bool
		uri, ok = strings.CutPrefix(line, "listening on ")
		require.True(t, ok, line)
	case c := <-code:
		t.Fatalf("serve exited with %d: %s", c, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		assert.Equal(t, exitOK, <-code, "serve exit status")
	})
	return uri
}

type result struct {
	code           int
	stdout, stderr string
}

// client runs the client with args (the URI last) and stdin.
func client(t *testing.T, uri, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, append(args, uri), strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

func TestClientRoutes(t *testing.T) {
	uri := serve(t)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{"echo", []string{"--request", "--route", "echo", "--data", "hello"}, "", exitOK, lines("hello"), ""},
		{"request is the default", []string{"--route", "echo", "--data", "hi"}, "", exitOK, lines("hi"), ""},
		{"single dash flags", []string{"-route", "echo", "-data", "hi"}, "", exitOK, lines("hi"), ""},
		{"data from stdin", []string{"--route", "echo", "--data", "-"}, "from stdin\n", exitOK, lines("from stdin"), ""},
		{"echo with metadata", []string{"--route", "echo", "--data", "d", "--metadata", "m"}, "", exitOK, lines("d"), ""},
		{"fail", []string{"--route", "fail", "--data", "x"}, "", exitError, "", "rsocket: APPLICATION_ERROR: boom\n"},
		{"fail stream", []string{"--stream", "--route", "fail"}, "", exitError, "", "APPLICATION_ERROR: boom\n"},
		{"unknown route", []string{"--route", "nope"}, "", exitError, "", `APPLICATION_ERROR: no request-response handler for route "nope"`},
		{"no route", []string{"--data", "x"}, "", exitError, "", "APPLICATION_ERROR: no route in metadata"},
		{"stream", []string{"--stream", "--route", "stream", "--data", "3"}, "", exitOK, lines("0", "1", "2"), ""},
		{"empty stream", []string{"--stream", "--route", "stream", "--data", "0"}, "", exitOK, "", ""},
		{"bad stream count", []string{"--stream", "--route", "stream", "--data", "x"}, "", exitError, "", "data must be a decimal count"},
		{"stream limitRate", []string{"--stream", "--route", "stream", "--data", "5", "--limitRate", "2"}, "", exitOK, lines("0", "1", "2", "3", "4"), ""},
		{"infinite take", []string{"--stream", "--route", "infinite", "--take", "3"}, "", exitOK, lines("0", "1", "2"), ""},
		{"infinite take limitRate", []string{"--stream", "--route", "infinite", "--take", "5", "--limitRate", "2"}, "", exitOK, lines("0", "1", "2", "3", "4"), ""},
		{"channel from stdin", []string{"--channel", "--route", "channel", "--data", "-"}, "a\nb\nc\n", exitOK, lines("a", "b", "c"), ""},
		{"channel one payload", []string{"--channel", "--route", "channel", "--data", "x"}, "", exitOK, lines("x"), ""},
		{"channel take", []string{"--channel", "--route", "channel", "--data", "-", "--take", "2"}, "a\nb\nc\n", exitOK, lines("a", "b"), ""},
		{"fnf", []string{"--fnf", "--route", "fnf", "--data", "x"}, "", exitOK, "", ""},
		{"metadataPush", []string{"--metadataPush", "--metadata", "m"}, "", exitOK, "", ""},
		{"routing metadata", []string{"--metadataMimeType", "message/x.rsocket.routing.v0", "--route", "echo", "--data", "r"}, "", exitOK, lines("r"), ""},
		{"setup and mime flags", []string{"--dataMimeType", "text/plain", "--setupData", "sd", "--setupMetadata", "sm", "--route", "echo", "--data", "s"}, "", exitOK, lines("s"), ""},
		{"two models", []string{"--request", "--stream"}, "", exitUsage, "", "choose one of"},
		{"route without routing", []string{"--metadataMimeType", "text/plain", "--route", "x"}, "", exitUsage, "", "--route needs"},
		{"negative take", []string{"--take", "-1"}, "", exitUsage, "", "must be >= 0"},
		{"unknown flag", []string{"--nope"}, "", exitUsage, "", "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := client(t, uri, tc.stdin, tc.args...)
			assert.Equal(t, tc.code, r.code, r.stderr)
			assert.Equal(t, tc.stdout, r.stdout)
			if tc.stderr == "" {
				assert.Empty(t, r.stderr)
			} else {
				assert.Contains(t, r.stderr, tc.stderr)
			}
		})
	}
}

func TestFlagsAfterURI(t *testing.T) {
	uri := serve(t)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"--stream", uri, "--route", "stream", "--data", "2"}, nil, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	assert.Equal(t, lines("0", "1"), stdout.String())
}

func TestBadURI(t *testing.T) {
	for _, args := range [][]string{{}, {"http://x"}, {"tcp://"}, {"serve"}, {"serve", "ws://x"}, {"tcp://a", "tcp://b"}} {
		var stderr bytes.Buffer
		assert.Equal(t, exitUsage, run(context.Background(), args, nil, io.Discard, &stderr), "%q", args)
	}
	r := client(t, "tcp://127.0.0.1:1", "", "--route", "echo")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "connect")
}

// requireStats polls the stats route until it returns want (fire-and-forget,
// metadata push and cancellation are handled asynchronously). On timeout
// the failure shows the last stats seen against want.
func requireStats(t *testing.T, uri, want string) {
	t.Helper()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		r := client(t, uri, "", "--route", "stats")
		require.Equal(c, exitOK, r.code, "stats request failed: %s", r.stderr)
		assert.Equal(c, want+"\n", r.stdout, "stats")
	}, time.Minute, 20*time.Millisecond)
}

func TestStatsExact(t *testing.T) {
	uri := serve(t)
	requireStats(t, uri, `{"fnf": 0, "metadataPush": "", "streams": []}`)

	r := client(t, uri, "", "--stream", "--route", "stream", "--data", "9", "--limitRate", "4")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Equal(t, lines("0", "1", "2", "3", "4", "5", "6", "7", "8"), r.stdout)
	r = client(t, uri, "", "--stream", "--route", "infinite", "--take", "4", "--limitRate", "2")
	require.Equal(t, lines("0", "1", "2", "3"), r.stdout)
	r = client(t, uri, "a\nb\n", "--channel", "--route", "channel", "--data", "-")
	require.Equal(t, lines("a", "b"), r.stdout)
	r = client(t, uri, "", "--stream", "--route", "stream", "--data", "2")
	require.Equal(t, lines("0", "1"), r.stdout)
	for range 3 {
		require.Equal(t, exitOK, client(t, uri, "", "--fnf", "--route", "fnf").code)
	}
	// METADATA_PUSH is unacknowledged and each client has its own
	// connection, so the server may handle two pushes from two processes in
	// either order: wait until the first one is recorded before the second.
	streams := `"streams": [` +
		`{"id": 1, "route": "stream", "requestN": [4, 3, 3], "emitted": 9, "cancelled": false}, ` +
		`{"id": 1, "route": "infinite", "requestN": [2, 2], "emitted": 4, "cancelled": true}, ` +
		`{"id": 1, "route": "channel", "requestN": [2147483647], "emitted": 2, "cancelled": false}, ` +
		`{"id": 1, "route": "stream", "requestN": [2147483647], "emitted": 2, "cancelled": false}]}`
	require.Equal(t, exitOK, client(t, uri, "", "--metadataPush", "--metadata", "first").code)
	requireStats(t, uri, `{"fnf": 3, "metadataPush": "first", `+streams)
	require.Equal(t, exitOK, client(t, uri, "", "--metadataPush", "--metadata", `last "pushed" metadata`).code)
	requireStats(t, uri, `{"fnf": 3, "metadataPush": "last \"pushed\" metadata", `+streams)
}

func TestDebugPrintsFrames(t *testing.T) {
	uri := serve(t, "--debug")
	r := client(t, uri, "", "--debug", "--stream", "--route", "stream", "--data", "4", "--limitRate", "2",
		"--setupData", "my-setup-data", "--setupMetadata", "my-setup-md")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, lines("0", "1", "2", "3"), r.stdout)
	for _, want := range []string{
		"sending ->\nFrame => Stream ID: 0 Type: SETUP",
		"Type: REQUEST_STREAM Flags: 0b100000000 (M) Length: 25 InitialRequestN: 2",
		"Type: REQUEST_N Flags: 0b0 Length: 10 RequestN: 2",
		"receiving ->\nFrame => Stream ID: 1 Type: PAYLOAD",
		"|my-setup-data   |",
		"|my-setup-md     |",
	} {
		assert.Contains(t, r.stderr, want)
	}
}

func TestInterruptCancels(t *testing.T) {
	uri := serve(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newLineWriter()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"--stream", "--route", "infinite", "--limitRate", "1", uri}, nil, out, &stderr)
	}()
	require.Equal(t, "0", <-out.lines)
	cancel() // what Ctrl-C does
	assert.Equal(t, exitError, <-code)
	assert.Contains(t, stderr.String(), "context canceled")
	require.Eventually(t, func() bool {
		r := client(t, uri, "", "--route", "stats")
		return strings.Contains(r.stdout, `"route": "infinite", "requestN": [1, `) && strings.Contains(r.stdout, `"cancelled": true}]}`) ||
			strings.Contains(r.stdout, `"route": "infinite", "requestN": [1], "emitted": 1, "cancelled": true}]}`)
	}, time.Minute, 20*time.Millisecond)
}
