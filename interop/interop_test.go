package interop

import (
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice/rsocket/router"
)

// peer is one independent RSocket implementation, run as a process.
type peer struct {
	name string
	dir  string
	// server and client are the commands of the peer's server and client
	// (see js/server.js, js/client.js and gopeer).
	server, client []string
	// skip names the peer's own bugs that make a case impossible.
	skip map[string]string
}

func peers() []peer {
	return []peer{
		{
			name: "rsocket-js", dir: "js",
			server: []string{"node", "server.js"},
			client: []string{"node", "client.js"},
			skip: map[string]string{
				"sluice->peer metadataPush": "rsocket-js 1.0.0-alpha.3 bug: its server drops the connection on an inbound METADATA_PUSH",
				"peer->sluice metadataPush": "rsocket-js 1.0.0-alpha.3 bug: RSocketRequester.metadataPush throws \"Method not implemented.\"",
			},
		},
		{
			name: "rsocket-go", dir: "",
			server: []string{bin.gopeer, "server"},
			client: []string{bin.gopeer, "client"},
		},
	}
}

func (p peer) skipIf(t *testing.T, c string) {
	if why, ok := p.skip[c]; ok {
		t.Skip(why)
	}
}

// echoMetadata is the composite metadata with a routing entry "echo", as
// every implementation encodes it (well-known routing id 0x7E).
func echoMetadata(t *testing.T) string {
	md, err := router.Metadata("echo")
	require.NoError(t, err)
	require.Equal(t, "fe000005046563686f", hex.EncodeToString(md))
	return hex.EncodeToString(md)
}

// TestSluiceClientToPeerServer drives each peer's server with the sluice
// command.
func TestSluiceClientToPeerServer(t *testing.T) {
	for _, p := range peers() {
		t.Run(p.name, func(t *testing.T) {
			srv := start(t, p.dir, p.server[0], p.server[1:]...)
			uri := "tcp://127.0.0.1:" + ready(t, srv)

			t.Run("request-response", func(t *testing.T) {
				r := runSluice(t, "", "--request", "--route", "echo", "--data", "hello", uri)
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, "hello\n", r.stdout)
			})
			t.Run("application error", func(t *testing.T) {
				r := runSluice(t, "", "--request", "--route", "fail", "--data", "x", uri)
				assert.Equal(t, 1, r.code)
				assert.Contains(t, r.stderr, "APPLICATION_ERROR: boom")
			})
			t.Run("request-stream", func(t *testing.T) {
				r := runSluice(t, "", "--stream", "--route", "stream", "--data", "3", uri)
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, "0\n1\n2\n", r.stdout)
				ev := srv.event(t)
				assert.Equal(t, false, ev["cancelled"])
				assert.Equal(t, float64(3), ev["emitted"])
			})
			t.Run("request-stream demand", func(t *testing.T) {
				// LimitRate(4) asks 4, then 3 each time 3 were consumed;
				// take 10 cancels. The peer must record exactly what the
				// sluice client put on the wire (its --debug frame log).
				r := runSluice(t, "", "--stream", "--route", "stream", "--data", "inf", "--limitRate", "4", "--take", "10", "--debug", uri)
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", r.stdout)
				expressed := wireDemand(t, r.stderr)
				assert.Equal(t, []any{4.0, 3.0, 3.0, 3.0}, expressed)
				ev := srv.event(t)
				assert.Equal(t, expressed, ev["requestN"], "demand recorded by %s", p.name)
				assert.Equal(t, true, ev["cancelled"])
				assert.LessOrEqual(t, ev["emitted"], 13.0)
			})
			t.Run("request-channel", func(t *testing.T) {
				r := runSluice(t, "a\nb\nc\n", "--channel", "--route", "channel", "--data", "-", uri)
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, "a\nb\nc\n", r.stdout)
			})
			t.Run("fire-and-forget", func(t *testing.T) {
				r := runSluice(t, "", "--fnf", "--route", "fnf", "--data", "fire", uri)
				require.Equal(t, 0, r.code, r.stderr)
				ev := srv.event(t)
				assert.Equal(t, map[string]any{"event": "fnf", "route": "fnf", "data": "fire"}, ev)
			})
			t.Run("metadataPush", func(t *testing.T) {
				p.skipIf(t, "sluice->peer metadataPush")
				r := runSluice(t, "", "--metadataPush", "--metadata", "pushed", uri)
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, map[string]any{"event": "metadataPush", "metadata": "pushed"}, srv.event(t))
			})
		})
	}
}

// TestPeerClientToSluiceServer drives `sluice serve` with each peer's
// client and checks what sluice observed through its stats route.
func TestPeerClientToSluiceServer(t *testing.T) {
	for _, p := range peers() {
		t.Run(p.name, func(t *testing.T) {
			port := sluiceServe(t)
			uri := "tcp://127.0.0.1:" + port
			client := func(t *testing.T, args ...string) map[string]any {
				t.Helper()
				return result(t, p.dir, p.client[0], append(append(append([]string{}, p.client[1:]...), port), args...)...)
			}
			// stats and statsContain poll the stats route (FNF, METADATA_PUSH
			// and CANCEL are unacknowledged) and report the last answer.
			stats := func(t *testing.T, want string) {
				t.Helper()
				require.EventuallyWithT(t, func(c *assert.CollectT) {
					r := runSluice(t, "", "--route", "stats", uri)
					assert.Equal(c, want+"\n", r.stdout, "stats (stderr: %s)", r.stderr)
				}, timeout, 20*time.Millisecond)
			}
			statsContain := func(t *testing.T, want string) {
				t.Helper()
				require.EventuallyWithT(t, func(c *assert.CollectT) {
					r := runSluice(t, "", "--route", "stats", uri)
					assert.Contains(c, r.stdout, want, "stats (stderr: %s)", r.stderr)
				}, timeout, 20*time.Millisecond)
			}

			t.Run("request-response", func(t *testing.T) {
				res := client(t, "rr", "echo", "hello")
				assert.Equal(t, "hello", res["data"])
				md, _ := hex.DecodeString(res["metadata"].(string))
				assert.Equal(t, echoMetadata(t), hex.EncodeToString(md), "echo returns the metadata too")
			})
			t.Run("application error", func(t *testing.T) {
				assert.Equal(t, "boom", client(t, "rr", "fail", "x")["error"])
			})
			t.Run("request-stream demand honoured", func(t *testing.T) {
				// The peer asks 5, then 3, then 2, then cancels: sluice must
				// emit exactly 10 and see exactly that demand.
				res := client(t, "stream", "infinite", "x", "5,3,2", "cancel")
				assert.Equal(t, []any{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, res["received"])
				res = client(t, "stream", "stream", "10", "5,5", "complete")
				assert.Equal(t, []any{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, res["received"])
				assert.Equal(t, true, res["completed"])
				stats(t, `{"fnf": 0, "metadataPush": "", "streams": [`+
					`{"id": 1, "route": "infinite", "requestN": [5, 3, 2], "emitted": 10, "cancelled": true}, `+
					`{"id": 1, "route": "stream", "requestN": [5, 5], "emitted": 10, "cancelled": false}]}`)
			})
			t.Run("request-channel", func(t *testing.T) {
				res := client(t, "channel", "channel", "a,b,c")
				assert.Equal(t, []any{"a", "b", "c"}, res["received"])
			})
			t.Run("fire-and-forget", func(t *testing.T) {
				assert.Equal(t, true, client(t, "fnf", "fnf", "x")["sent"])
				assert.Equal(t, true, client(t, "fnf", "fnf", "y")["sent"])
				statsContain(t, `{"fnf": 2, `)
			})
			t.Run("metadataPush", func(t *testing.T) {
				if p.name == "rsocket-js" {
					// Demonstrate the peer's bug before skipping.
					assert.Equal(t, "Method not implemented.", client(t, "push", "x")["error"])
				}
				p.skipIf(t, "peer->sluice metadataPush")
				assert.Equal(t, true, client(t, "push", "pushed by "+p.name)["sent"])
				statsContain(t, `"metadataPush": "pushed by `+p.name+`"`)
			})
		})
	}
}
