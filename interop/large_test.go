package interop

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/router"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

// Sizes of the fragmentation cases: a payload of a few MTUs, and the
// 64 MiB payload of the issue (four times the largest possible frame).
const (
	smallMTU  = 4096
	mediumLen = 300_000
	hugeLen   = 64 << 20
	// hugeMTU fragments the 64 MiB payload into 64 frames: rsocket-js
	// reassembles by concatenating the buffer on every fragment, which at
	// 4 KiB fragments would copy terabytes.
	hugeMTU = 1 << 20
)

// Known peer bugs met by the fragmentation and malformed-frame cases.
const (
	goFragmentCompleteBug = "rsocket-go v0.8.12 bug: a fragmented request-response answer carries C (complete) " +
		"on its FIRST fragment together with F (DuplexConnection.sendPayload ORs the N|C flags into fragment 0), " +
		"so a conforming receiver ends the response after the first fragment; fixed upstream by " +
		"https://github.com/rsocket/rsocket-go/pull/147 (not in v0.8.12)"
	goMetadataLengthPanic = "rsocket-go v0.8.12 bug: a metadata length that overruns the frame is not checked " +
		"(core/framing/buffered.go trySliceMetadata slices without a bounds check: within the read buffer's capacity " +
		"it returns bytes that are not part of the frame, beyond it it panics), so no ERROR[CONNECTION_ERROR] is sent " +
		"and the handler decodes garbage (here: a recovered slice-bounds panic in its composite-metadata scanner); " +
		"fixed upstream by https://github.com/rsocket/rsocket-go/pull/150 (not in v0.8.12)"
	jsResponderNoFragments = "rsocket-js 1.0.0-alpha.3 bug: its responder is built with fragment size 0 whatever " +
		"the server's fragmentation option (rsocket-core dist/RSocketServer.js: new DefaultStreamRequestHandler(responder, 0)), " +
		"so an answer over 16 MiB is written as one frame and its u24 length overflows (RangeError in writeUInt24BE); " +
		"the 64 MiB echo cannot come back from rsocket-js, the request direction is checked with the digest route"
	jsMetadataLength = "rsocket-js 1.0.0-alpha.3 deviation (not named in the issue): its frame decoder does not check " +
		"the metadata length against the frame (Buffer.slice clamps), so the request reaches the handler and only that " +
		"stream fails (ERROR APPLICATION_ERROR from the composite-metadata decoder) instead of ERROR[CONNECTION_ERROR] " +
		"and a close"
)

// pattern returns n bytes, byte i = i mod 251 (the peers build the same).
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// peerServer starts p's server with outbound fragmentation at mtu.
func peerServer(t *testing.T, p peer, mtu int) string {
	t.Helper()
	_, port := peerServerProc(t, p, mtu)
	return port
}

func peerServerProc(t *testing.T, p peer, mtu int) (*proc, string) {
	t.Helper()
	srv := start(t, p.dir, p.server[0], append(append([]string{}, p.server[1:]...), strconv.Itoa(mtu))...)
	return srv, ready(t, srv)
}

// dialSluice connects a sluice client to 127.0.0.1:port with the given
// MTU and no reassembly limit.
func dialSluice(t *testing.T, port string, mtu int, log io.Writer) *rsocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c, err := rsocket.Connect(ctx, tcp.NewDialer("127.0.0.1:"+port, tcp.Options{}), rsocket.SetupOptions{
		DataMimeType:     "text/plain",
		MetadataMimeType: rsocket.DefaultMetadataMimeType,
		ConnectionOptions: rsocket.ConnectionOptions{
			MTU: mtu, MaxReassembledSize: -1, FrameLogger: log,
		},
	})
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = c.Close()
		<-c.Done()
	})
	return c
}

func routeMD(t *testing.T, route string) []byte {
	md, err := router.Metadata(route)
	require.NoError(t, err)
	return md
}

// channelEcho sends three payloads of data through the peer's channel
// route and returns what came back.
func channelEcho(t *testing.T, c *rsocket.Conn, data []byte) []rsocket.Payload {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	in := flux.Just(rsocket.NewPayload(data, routeMD(t, "channel")), rsocket.NewPayload(data, nil), rsocket.NewPayload(data, nil))
	out, err := c.RequestChannel(in).Collect(ctx)
	require.NoError(t, err)
	return out
}

func requestEcho(t *testing.T, c *rsocket.Conn, data []byte) rsocket.Payload {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	r, ok, err := c.RequestResponse(rsocket.NewPayload(data, routeMD(t, "echo"))).Block(ctx)
	require.NoError(t, err)
	require.True(t, ok, "empty response")
	return r
}

// TestSluiceClientLargePayloads sends payloads larger than the MTU (and
// the 64 MiB one, larger than any frame) from a sluice client to each
// peer's server, which answers fragmented too: fragmentation and
// reassembly in both directions against an independent implementation.
func TestSluiceClientLargePayloads(t *testing.T) {
	for _, p := range peers() {
		t.Run(p.name, func(t *testing.T) {
			port := peerServer(t, p, smallMTU)
			data := pattern(mediumLen)

			t.Run("request-response over MTU", func(t *testing.T) {
				var log syncBuffer
				c := dialSluice(t, port, smallMTU, &log)
				r := requestEcho(t, c, data)
				if p.name == "rsocket-go" {
					// Demonstrate the peer's bug: its first answer fragment has
					// F and C, so the answer ends with that fragment.
					assert.Less(t, len(r.Data), len(data), "truncated by the peer's flags")
					assert.Regexp(t, `receiving ->\nFrame => Stream ID: 1 Type: PAYLOAD Flags: \S+ \([^)]*F[^)]*C[^)]*\)`, log.String())
					t.Skip(goFragmentCompleteBug)
				}
				assert.Equal(t, len(data), len(r.Data))
				assert.True(t, bytes.Equal(data, r.Data), "data intact")
				assert.Contains(t, log.String(), "Type: REQUEST_RESPONSE Flags: 0b110000000 (M|F)", "the request was fragmented")
			})
			t.Run("request-channel over MTU", func(t *testing.T) {
				c := dialSluice(t, port, smallMTU, nil)
				out := channelEcho(t, c, data)
				require.Len(t, out, 3)
				for _, o := range out {
					assert.True(t, bytes.Equal(data, o.Data), "data intact (%d bytes)", len(o.Data))
				}
			})
			t.Run("64 MiB", func(t *testing.T) {
				huge := pattern(hugeLen)
				srv, port := peerServerProc(t, p, hugeMTU)
				c := dialSluice(t, port, hugeMTU, nil)
				if p.name == "rsocket-go" {
					// Its request-response answer has the fragment bug above;
					// the channel answers are PAYLOAD(N) and cross intact.
					c2 := dialSluice(t, port, hugeMTU, nil)
					ctx, cancel := context.WithTimeout(context.Background(), timeout)
					defer cancel()
					out, err := c2.RequestChannel(flux.Just(rsocket.NewPayload(huge, routeMD(t, "channel")))).Collect(ctx)
					require.NoError(t, err)
					require.Len(t, out, 1)
					assert.Equal(t, sha(huge), sha(out[0].Data), "64 MiB through the rsocket-go channel")
					r := requestEcho(t, c, huge)
					assert.Less(t, len(r.Data), hugeLen, "truncated by the peer's flags")
					t.Skip("request-response 64 MiB: " + goFragmentCompleteBug)
				}
				// sluice -> rsocket-js: 64 fragments reassembled by the peer.
				ctx, cancel := context.WithTimeout(context.Background(), timeout)
				defer cancel()
				d, ok, err := c.RequestResponse(rsocket.NewPayload(huge, routeMD(t, "digest"))).Block(ctx)
				require.NoError(t, err)
				require.True(t, ok)
				assert.Equal(t, strconv.Itoa(hugeLen)+" "+sha(huge), d.DataString())
				// rsocket-js -> sluice: its responder never fragments.
				// It never answers: stop waiting once its error is logged.
				echoCtx, stop := context.WithCancel(ctx)
				echoed := make(chan error, 1)
				go func() {
					_, _, err := c.RequestResponse(rsocket.NewPayload(huge, routeMD(t, "echo"))).Block(echoCtx)
					echoed <- err
				}()
				require.Eventually(t, func() bool {
					return strings.Contains(srv.stderr.String(), `It must be >= 0 and <= 255. Received 1024`)
				}, timeout, 20*time.Millisecond, "rsocket-js stderr: %s", srv.stderr)
				stop()
				require.Error(t, <-echoed)
				t.Skip(jsResponderNoFragments)
			})
		})
	}
}

// sluiceLibServer serves echo and channel with the sluice library on a
// free port (no reassembly limit, outbound fragmentation at mtu) until the
// test ends.
func sluiceLibServer(t *testing.T, mtu int) string {
	t.Helper()
	nl, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r := router.New().
		RequestResponse("echo", func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			return mono.Just(rsocket.NewPayload(bytes.Clone(p.Data), nil))
		}).
		RequestChannel("channel", func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
			return flux.Map[rsocket.Payload](in, func(p rsocket.Payload) rsocket.Payload { return rsocket.NewPayload(bytes.Clone(p.Data), nil) })
		})
	srv := rsocket.NewServer(rsocket.ServerOptions{
		Acceptor:          r.Acceptor(),
		ConnectionOptions: rsocket.ConnectionOptions{MTU: mtu, MaxReassembledSize: -1},
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(tcp.NewListener(nl, tcp.Options{})) }()
	t.Cleanup(func() {
		_ = srv.Close()
		err := <-served
		if !errors.Is(err, rsocket.ErrServerClosed) {
			assert.NoError(t, err)
		}
	})
	return strconv.Itoa(nl.Addr().(*net.TCPAddr).Port)
}

// TestPeerClientLargePayloads has each peer's client send fragmented
// payloads (over its MTU, and 64 MiB) to a sluice server that answers them
// fragmented.
func TestPeerClientLargePayloads(t *testing.T) {
	for _, p := range peers() {
		t.Run(p.name, func(t *testing.T) {
			port := sluiceLibServer(t, smallMTU)
			client := func(t *testing.T, args ...string) map[string]any {
				t.Helper()
				return result(t, p.dir, p.client[0], append(append(append([]string{}, p.client[1:]...), port, "big"), args...)...)
			}
			check := func(t *testing.T, res map[string]any, n, size int) {
				t.Helper()
				require.NotContains(t, res, "error")
				want := sha(pattern(size))
				require.Len(t, res["len"], n, "%v", res)
				for i := range n {
					assert.Equal(t, float64(size), res["len"].([]any)[i])
					assert.Equal(t, want, res["sha256"].([]any)[i])
				}
			}
			t.Run("request-response over MTU", func(t *testing.T) {
				check(t, client(t, "rr", strconv.Itoa(mediumLen), strconv.Itoa(smallMTU)), 1, mediumLen)
			})
			t.Run("request-channel over MTU", func(t *testing.T) {
				check(t, client(t, "channel", strconv.Itoa(mediumLen), strconv.Itoa(smallMTU)), 3, mediumLen)
			})
			t.Run("64 MiB", func(t *testing.T) {
				port := sluiceLibServer(t, hugeMTU)
				res := result(t, p.dir, p.client[0], append(append([]string{}, p.client[1:]...), port, "big", "rr", strconv.Itoa(hugeLen), strconv.Itoa(hugeMTU))...)
				check(t, res, 1, hugeLen)
			})
		})
	}
}

// TestMalformedMetadataToPeerServer sends a valid SETUP and then a
// REQUEST_RESPONSE whose metadata length overruns the frame (vector
// invalid_metadata_length_overruns) to each peer's server. The protocol
// wants ERROR[CONNECTION_ERROR] on stream 0 and the server serving others.
func TestMalformedMetadataToPeerServer(t *testing.T) {
	setup, _ := hex.DecodeString("0000340000000004000001000000004e2000015f90106170706c69636174696f6e2f6a736f6e106170706c69636174696f6e2f6a736f6e")
	bad, _ := hex.DecodeString("00000b0000000111000000106d64")
	for _, p := range peers() {
		t.Run(p.name, func(t *testing.T) {
			srv := start(t, p.dir, p.server[0], p.server[1:]...)
			port := ready(t, srv)
			nc, err := net.Dial("tcp", "127.0.0.1:"+port)
			require.NoError(t, err)
			defer nc.Close()
			_, err = nc.Write(append(setup, bad...))
			require.NoError(t, err)
			// The peer answers with one frame (or closes, or says nothing).
			require.NoError(t, nc.SetReadDeadline(time.Now().Add(timeout)))
			var got []byte
			if p.name != "rsocket-go" {
				got = readFrame(t, nc)
			}
			// Whatever the peer did with it, it still serves others.
			r := runSluice(t, "", "--request", "--route", "echo", "--data", "after", "tcp://127.0.0.1:"+port)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, "after\n", r.stdout)
			switch p.name {
			case "rsocket-go":
				// Demonstrate: the frame's metadata is read past its end and
				// the handler's metadata decoding panics on those bytes.
				require.Eventually(t, func() bool {
					return strings.Contains(srv.stderr.String(), "slice bounds out of range")
				}, timeout, 20*time.Millisecond, "rsocket-go stderr: %s", srv.stderr)
				t.Skip(goMetadataLengthPanic)
			case "rsocket-js":
				// Demonstrate: the request reached the handler (whose
				// composite-metadata decoding failed), answered on stream 1.
				require.GreaterOrEqual(t, len(got), 10, "answer: %x", got)
				assert.Equal(t, "000000012c00", hex.EncodeToString(got[:6]), "ERROR on stream 1: %x", got)
				t.Skip(jsMetadataLength)
			}
			// ERROR on stream 0 (type 0x0B) with CONNECTION_ERROR (0x101).
			require.GreaterOrEqual(t, len(got), 10, "answer: %x", got)
			assert.Equal(t, "000000002c00", hex.EncodeToString(got[:6]), "ERROR on stream 0: %x", got)
			assert.Equal(t, "00000101", hex.EncodeToString(got[6:10]), "CONNECTION_ERROR: %x", got)
		})
	}
}

// readFrame reads one length-prefixed frame from nc.
func readFrame(t *testing.T, nc net.Conn) []byte {
	t.Helper()
	var n [3]byte
	_, err := io.ReadFull(nc, n[:])
	require.NoError(t, err)
	b := make([]byte, int(n[0])<<16|int(n[1])<<8|int(n[2]))
	_, err = io.ReadFull(nc, b)
	require.NoError(t, err)
	return b
}

// syncBuffer is a bytes.Buffer safe for the connection's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
