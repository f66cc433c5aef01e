package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseURI(t *testing.T) {
	for uri, want := range map[string]endpoint{
		"tcp://127.0.0.1:7878":        {scheme: "tcp", host: "127.0.0.1:7878"},
		"ws://localhost:8080":         {scheme: "ws", host: "localhost:8080", path: "/"},
		"ws://localhost:8080/rsocket": {scheme: "ws", host: "localhost:8080", path: "/rsocket"},
		"wss://example.com:443/a/b":   {scheme: "wss", host: "example.com:443", path: "/a/b"},
		"quic://[::1]:7880":           {scheme: "quic", host: "[::1]:7880"},
	} {
		got, err := parseURI(uri)
		require.NoError(t, err, uri)
		assert.Equal(t, want, got, uri)
	}
	for _, uri := range []string{
		"", "tcp://", "tcp://host", "tcp://h:1/path", "quic://h:1/x", "http://h:1", "ws://h",
		"ws://h:1/?q=1", "ws://h:1/#f", "udp://h:1", "tcp:h:1", "ws://user@h:1/",
	} {
		_, err := parseURI(uri)
		assert.Error(t, err, uri)
	}
}

// serveOn runs `sluice serve uri` until the test ends and returns the URI
// it listens on.
func serveOn(t *testing.T, uri string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := newLineWriter()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"serve", uri}, nil, out, &stderr) }()
	var got string
	select {
	case line := <-out.lines:
		var ok bool
		got, ok = strings.CutPrefix(line, "listening on ")
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
	return got
}

func TestServeAndRequestOverEveryTransport(t *testing.T) {
	for _, tc := range []struct {
		listen, prefix string
		insecure       bool
	}{
		{"tcp://127.0.0.1:0", "tcp://127.0.0.1:", false},
		{"ws://127.0.0.1:0/rsocket", "ws://127.0.0.1:", false},
		{"wss://127.0.0.1:0", "wss://127.0.0.1:", true},
		{"quic://127.0.0.1:0", "quic://127.0.0.1:", true},
	} {
		t.Run(tc.listen, func(t *testing.T) {
			uri := serveOn(t, tc.listen)
			require.True(t, strings.HasPrefix(uri, tc.prefix), uri)
			var flags []string
			if tc.insecure {
				r := client(t, uri, "", "--route", "echo", "--data", "hi")
				require.Equal(t, exitError, r.code, "the self-signed certificate is refused without --insecure")
				flags = append(flags, "--insecure")
			}
			r := client(t, uri, "", append(flags, "--route", "echo", "--data", "hi")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, lines("hi"), r.stdout)
			r = client(t, uri, "", append(flags, "--stream", "--route", "stream", "--data", "3", "--limitRate", "2")...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, 3, strings.Count(r.stdout, "\n"), r.stdout)
		})
	}
}
