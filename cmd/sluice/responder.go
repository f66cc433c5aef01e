package main

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/router"
)

// testResponder is the service behind `sluice serve`: a handful of routes
// for trying every interaction model, and the statistics of what it
// observed since it started, across all connections.
type testResponder struct {
	mu      sync.Mutex
	fnf     int
	push    string
	streams []*streamStats
}

// streamStats is what the responder saw of one request-stream or channel.
type streamStats struct {
	id        uint32
	route     string
	requestN  []int64
	emitted   int64
	cancelled bool
}

// errBoom is the error of the fail route.
var errBoom = rsocket.NewError(frame.ErrorCodeApplicationError, "boom")

// router returns the routes of the responder.
func (t *testResponder) router() *router.Router {
	return router.New().
		RequestResponse("echo", func(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] {
			return mono.Just(p)
		}).
		RequestResponse("fail", func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload] {
			return mono.Error[rsocket.Payload](errBoom)
		}).
		RequestStream("fail", func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
			return flux.Error[rsocket.Payload](errBoom)
		}).
		RequestResponse("stats", func(context.Context, rsocket.Payload) mono.Mono[rsocket.Payload] {
			return mono.FromFunc(func(context.Context) (rsocket.Payload, error) {
				return rsocket.Payload{Data: t.statsJSON()}, nil
			})
		}).
		FireAndForget("fnf", func(context.Context, rsocket.Payload) {
			t.mu.Lock()
			t.fnf++
			t.mu.Unlock()
		}).
		RequestStream("stream", func(ctx context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
			n, err := strconv.ParseInt(strings.TrimSpace(p.DataString()), 10, 64)
			if err != nil || n < 0 {
				return flux.Error[rsocket.Payload](rsocket.NewError(frame.ErrorCodeApplicationError,
					"stream: data must be a decimal count >= 0, got "+strconv.Quote(p.DataString())))
			}
			return t.observe(ctx, numbers(n))
		}).
		RequestStream("infinite", func(ctx context.Context, _ rsocket.Payload) flux.Flux[rsocket.Payload] {
			return t.observe(ctx, numbers(math.MaxInt64))
		}).
		RequestChannel("channel", func(ctx context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
			return t.observe(ctx, in)
		}).
		MetadataPush(func(_ context.Context, md []byte) {
			t.mu.Lock()
			t.push = string(md)
			t.mu.Unlock()
		})
}

// numbers emits "0", "1", … "n-1", one per unit of demand: a generator
// that runs only when the requester asks. The last value completes the
// stream in the same step, so no demand arrives after it.
func numbers(n int64) flux.Flux[rsocket.Payload] {
	if n == 0 {
		return flux.Empty[rsocket.Payload]()
	}
	return flux.Generate(func() int64 { return 0 }, func(i int64, sink flux.SynchronousSink[rsocket.Payload]) int64 {
		sink.Next(rsocket.Payload{Data: strconv.AppendInt(nil, i, 10)})
		if i+1 == n {
			sink.Complete()
		}
		return i + 1
	})
}

// observe records the demand f receives, the elements it emits and its
// cancellation, under the stream id and route of the request.
func (t *testResponder) observe(ctx context.Context, f flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
	s := &streamStats{requestN: []int64{}}
	s.id, _ = rsocket.StreamID(ctx)
	s.route, _ = router.RouteFrom(ctx)
	t.mu.Lock()
	t.streams = append(t.streams, s)
	t.mu.Unlock()
	return f.
		DoOnNext(func(rsocket.Payload) {
			t.mu.Lock()
			s.emitted++
			t.mu.Unlock()
		}).
		DoOnRequest(func(n int64) {
			if n >= frame.MaxRequestN {
				n = frame.MaxRequestN // unbounded, as on the wire
			}
			t.mu.Lock()
			s.requestN = append(s.requestN, n)
			t.mu.Unlock()
		}).
		DoOnCancel(func() {
			t.mu.Lock()
			s.cancelled = true
			t.mu.Unlock()
		})
}

// statsJSON renders the statistics in the documented layout:
//
//	{"fnf": 3, "metadataPush": "text", "streams": [{"id": 1, "route": "stream",
//	"requestN": [5, 4, 4], "emitted": 13, "cancelled": false}]}
func (t *testResponder) statsJSON() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := []byte(`{"fnf": `)
	b = strconv.AppendInt(b, int64(t.fnf), 10)
	b = append(b, `, "metadataPush": `...)
	b = appendJSONString(b, t.push)
	b = append(b, `, "streams": [`...)
	for i, s := range t.streams {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"id": `...)
		b = strconv.AppendUint(b, uint64(s.id), 10)
		b = append(b, `, "route": `...)
		b = appendJSONString(b, s.route)
		b = append(b, `, "requestN": [`...)
		for j, n := range s.requestN {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendInt(b, n, 10)
		}
		b = append(b, `], "emitted": `...)
		b = strconv.AppendInt(b, s.emitted, 10)
		b = append(b, `, "cancelled": `...)
		b = strconv.AppendBool(b, s.cancelled)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendJSONString appends s as a JSON string (invalid UTF-8 becomes U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xF])
		default:
			b = append(b, string(r)...)
		}
	}
	return append(b, '"')
}
