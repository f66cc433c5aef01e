package main

import (
	"encoding/hex"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/rsocket/frame"
)

// TestServeGarbageClosesOnlyThatConnection sends garbage to `sluice serve`
// over TCP while another client holds a stream open: the garbage
// connection gets an ERROR frame on stream 0 and is closed, the other
// stream and new connections keep being served.
func TestServeGarbageClosesOnlyThatConnection(t *testing.T) {
	uri := serve(t)
	addr := strings.TrimPrefix(uri, "tcp://")
	// A bystander with a stream in flight (one element per request).
	out := newLineWriter()
	done := make(chan int, 1)
	go func() {
		r := client(t, uri, "", "--stream", "--route", "stream", "--data", "50", "--limitRate", "1")
		_, _ = out.Write([]byte(r.stdout))
		done <- r.code
	}()

	setup, err := hex.DecodeString("0000340000000004000001000000004e2000015f90106170706c69636174696f6e2f6a736f6e106170706c69636174696f6e2f6a736f6e")
	require.NoError(t, err)
	for name, garbage := range map[string][]byte{
		"length below header":            []byte("\x00\x00\x02hello world"),
		"unknown frame type first":       {0, 0, 8, 0, 0, 0, 1, 0x3e << 2, 0, 1, 2},
		"metadata length overruns frame": append(append([]byte{}, setup...), 0, 0, 0x0b, 0, 0, 0, 1, 0x11, 0, 0, 0, 0x10, 'm', 'd'),
		"random bytes after setup":       append(append([]byte{}, setup...), 0, 0, 6, 0xde, 0xad, 0xbe, 0xef, 0x3c, 0xed), // reserved bit, type 0x0F, I clear
	} {
		t.Run(name, func(t *testing.T) {
			nc, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer nc.Close()
			_, err = nc.Write(garbage)
			require.NoError(t, err)
			require.NoError(t, nc.SetReadDeadline(time.Now().Add(time.Minute)))
			b, err := frame.ReadFrame(nc, nil, 0)
			require.NoError(t, err)
			f, err := frame.Parse(b)
			require.NoError(t, err)
			ef, ok := f.(*frame.ErrorFrame)
			require.True(t, ok, "want an ERROR frame, got %v", f)
			assert.Equal(t, uint32(0), ef.Stream)
			assert.Contains(t, []frame.ErrorCode{frame.ErrorCodeConnectionError, frame.ErrorCodeInvalidSetup}, ef.Code)
			_, err = nc.Read(make([]byte, 1))
			assert.ErrorIs(t, err, io.EOF, "the server closed the connection")
			// New connections are still served.
			r := client(t, uri, "", "--route", "echo", "--data", "still")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Equal(t, lines("still"), r.stdout)
		})
	}
	require.Equal(t, exitOK, <-done, "the bystander's stream")
	var got []string
	for range 50 {
		got = append(got, <-out.lines)
	}
	assert.Equal(t, "49", got[49])
}
