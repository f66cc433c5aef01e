package rsocket_test

// Tests of the peer's small REQUEST_N served on the reader goroutine
// (inline.go requestOnReader): the reader requests an idle publisher itself,
// and the frames sent meanwhile (the publisher's elements, the REQUEST_N a
// subscriber sends from inside OnNext) are written by the reader before it
// next blocks reading.

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readerMaxStalls mirrors maxStalls (inline.go): after that many stalls the
// reader stops requesting publishers itself.
const readerMaxStalls = 4

// readerMaxDemand mirrors maxDemandOnReader (inline.go).
const readerMaxDemand = 256

// demandTransports starts a server with h and returns a connected client,
// over TCP on 127.0.0.1 and over the local transport.
var demandTransports = []struct {
	name  string
	start func(t *testing.T, h rsocket.Handler) *rsocket.Conn
}{
	{"tcp", func(t *testing.T, h rsocket.Handler) *rsocket.Conn {
		return startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	}},
	{"local", func(t *testing.T, h rsocket.Handler) *rsocket.Conn {
		return startPair(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}).client
	}},
}

// calledByReader reports whether the calling goroutine is a connection's
// reader requesting a publisher itself.
func calledByReader() bool {
	buf := make([]byte, 16<<10)
	return bytes.Contains(buf[:runtime.Stack(buf, false)], []byte("(*stream).requestOnReader"))
}

func numbered(i int) rsocket.Payload { return rsocket.PayloadString(strconv.Itoa(i), "") }

// numbers publishes "0", "1", … "n-1" synchronously on the requesting
// goroutine.
func numbers(n int) flux.Flux[rsocket.Payload] {
	return flux.Map[int, rsocket.Payload](flux.Range(0, n), numbered)
}

func wantNumbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// countOf parses the decimal request payload of the test handlers.
func countOf(p rsocket.Payload) int {
	n, err := strconv.Atoi(p.DataString())
	if err != nil {
		panic(err)
	}
	return n
}

// probe counts the Request calls a publisher receives, how many of them the
// connection's reader made, and its cancellations.
type probe struct {
	calls, onReader, cancels atomic.Int64
	slowOnReader             atomic.Int64 // calls on the reader that took slowRequest or more
}

// slowRequest is half the connection's slowCall (inline.go): a Request on
// the reader that took this long may have been counted as a stall (the
// connection's measure spans a little more than the probe's).
const slowRequest = 500 * time.Microsecond

func (pr *probe) wrap(pub sluice.Publisher[rsocket.Payload]) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		pub.Subscribe(&probed{Subscriber: s, pr: pr})
	}))
}

type probed struct {
	sluice.Subscriber[rsocket.Payload]
	pr *probe
}

func (p *probed) OnSubscribe(sub sluice.Subscription) {
	p.Subscriber.OnSubscribe(probedSubscription{sub: sub, pr: p.pr})
}

type probedSubscription struct {
	sub sluice.Subscription
	pr  *probe
}

func (p probedSubscription) Request(n int64) {
	start := time.Now()
	p.pr.calls.Add(1)
	onReader := calledByReader()
	if onReader {
		p.pr.onReader.Add(1)
	}
	p.sub.Request(n)
	if onReader && time.Since(start) >= slowRequest {
		p.pr.slowOnReader.Add(1)
	}
}

func (p probedSubscription) Cancel() {
	p.pr.cancels.Add(1)
	p.sub.Cancel()
}

// batcher asks for batch elements at a time: the first batch in
// OnSubscribe, the next one each time a whole batch has arrived, from
// inside OnNext or, with async, from another goroutine that OnNext hands
// the request to. It counts the elements that arrive beyond its demand.
type batcher struct {
	batch     int64
	async     bool
	sub       sluice.Subscription
	requested atomic.Int64
	received  atomic.Int64
	asks      chan int64
	stop      chan struct{}
	stopped   sync.WaitGroup
	got       []string // OnNext only; read after done
	excess    int
	err       error
	done      chan struct{}
}

func newBatcher(batch int64, async bool) *batcher {
	return &batcher{batch: batch, async: async, asks: make(chan int64, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

func (b *batcher) OnSubscribe(s sluice.Subscription) {
	b.sub = s
	if b.async {
		b.stopped.Add(1)
		go b.asker()
	}
	b.ask()
}

func (b *batcher) asker() {
	defer b.stopped.Done()
	for {
		select {
		case n := <-b.asks:
			b.requested.Add(n)
			b.sub.Request(n)
		case <-b.stop:
			return
		}
	}
}

func (b *batcher) ask() {
	if b.async {
		b.asks <- b.batch
		return
	}
	b.requested.Add(b.batch)
	b.sub.Request(b.batch)
}

func (b *batcher) OnNext(p rsocket.Payload) {
	b.got = append(b.got, p.DataString())
	b.received.Add(1)
	if int64(len(b.got)) > b.requested.Load() {
		b.excess++
	}
	if int64(len(b.got))%b.batch == 0 {
		b.ask()
	}
}

func (b *batcher) OnError(err error) {
	b.err = err
	close(b.done)
}

func (b *batcher) OnComplete() { close(b.done) }

// wait waits for the end of the stream (bounded: a frame left unwritten
// shows up as a stream that never ends) and stops the asking goroutine.
func (b *batcher) wait(t *testing.T, what string, bound time.Duration) error {
	t.Helper()
	defer func() {
		close(b.stop)
		b.stopped.Wait()
	}()
	select {
	case <-b.done:
		return b.err
	case <-time.After(bound):
		t.Fatalf("%s: stream not finished after %v (%d elements received, %d requested): it stalled (a REQUEST_N or PAYLOAD left unwritten?)",
			what, bound, b.received.Load(), b.requested.Load())
		return nil
	}
}

// gated publishes "0", "1", … "total-1". Its first Request emits at once;
// its second one reports on entered whether the reader called it, then
// waits until release is closed (or Cancel) before emitting.
type gated struct {
	s         sluice.Subscriber[rsocket.Payload]
	total     int
	next      int
	calls     int
	completed bool
	entered   chan<- bool
	release   <-chan struct{}
	cancelled chan struct{}
	once      sync.Once
}

func (g *gated) Request(n int64) {
	g.calls++
	if g.calls == 2 {
		g.entered <- calledByReader()
		select {
		case <-g.release:
		case <-g.cancelled:
			return
		case <-time.After(4 * waitFor):
			g.s.OnError(errors.New("gated: never released"))
			return
		}
	}
	for ; n > 0 && g.next < g.total; n-- {
		g.s.OnNext(numbered(g.next))
		g.next++
	}
	if g.next == g.total && !g.completed {
		g.completed = true
		g.s.OnComplete()
	}
}

func (g *gated) Cancel() { g.once.Do(func() { close(g.cancelled) }) }

func gatedStream(total int, entered chan<- bool, release <-chan struct{}, subs chan<- *gated) flux.Flux[rsocket.Payload] {
	return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
		g := &gated{s: s, total: total, entered: entered, release: release, cancelled: make(chan struct{})}
		if subs != nil {
			subs <- g
		}
		s.OnSubscribe(g)
	}))
}

// ping checks that the connection still answers a request-response.
func ping(t *testing.T, c *rsocket.Conn, what string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	v, ok, err := c.RequestResponse(rsocket.PayloadString("ping", "")).Block(ctx)
	require.NoError(t, err, what)
	require.True(t, ok, what)
	require.Equal(t, "ping", v.DataString(), what)
}

func echoRR(_ context.Context, p rsocket.Payload) mono.Mono[rsocket.Payload] { return mono.Just(p) }

// A publisher whose Request blocks on the reader holds up only its own
// stream: the stall watch replaces the reader, so that request-responses
// and other streams on the connection are answered meanwhile. After
// maxStalls such stalls the REQUEST_Ns go to workers (and block there).
// Once released, every blocked stream delivers the rest of its elements in
// order.
func TestStreamRequestBlockingOnReaderDoesNotStallConnection(t *testing.T) {
	const streams, total = readerMaxStalls + 3, 6
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			entered := make(chan bool, streams)
			release := make(chan struct{})
			var once sync.Once
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
					if p.DataString() == "block" {
						return gatedStream(total, entered, release, nil)
					}
					return numbers(countOf(p))
				},
			}
			c := tr.start(t, h)
			// Runs before the connection closes (cleanups run last
			// first), so that no Request stays blocked.
			t.Cleanup(func() { once.Do(func() { close(release) }) })

			recs := make([]*recorder, streams)
			onReader := 0
			for i := range recs {
				r := newRecorder(2)
				r.onNext = func(r *recorder, _ rsocket.Payload) {
					if n := r.count(); n == 2 || n == 4 {
						r.request(2)
					}
				}
				recs[i] = r
				c.RequestStream(rsocket.PayloadString("block", "")).Subscribe(r)
				var byReader bool
				select {
				case byReader = <-entered:
				case <-timeout():
					t.Fatalf("stream %d: the publisher was never requested a second time", i)
				}
				if onReader >= readerMaxStalls {
					require.False(t, byReader, "stream %d: requested on the reader after %d stalls", i, onReader)
				}
				if byReader {
					onReader++
				}

				// The connection still works while the publisher blocks.
				ping(t, c, "request-response while a Request blocks")
				b := newBatcher(16, false)
				c.RequestStream(rsocket.PayloadString("200", "")).Subscribe(b)
				require.NoError(t, b.wait(t, "stream while a Request blocks", waitFor))
				require.Equal(t, wantNumbers(200), b.got)
				require.Zero(t, b.excess)
				for _, r := range recs[:i+1] {
					require.Equal(t, 2, r.count(), "a blocked stream got elements before its release")
				}
			}
			require.Positive(t, onReader, "no Request ran on the reader")

			once.Do(func() { close(release) })
			for i, r := range recs {
				require.NoError(t, r.wait(t), "stream %d", i)
				require.Equal(t, wantNumbers(total), r.data(), "stream %d", i)
			}
			ping(t, c, "after the release")
		})
	}
}

// A publisher whose Request, called on the reader, emits an element and
// waits until the requester has received it before emitting the next: the
// stall watch replaces the reader, and the elements the stalled Request
// emits afterwards must still be written although the new reader is idle
// (blocked reading, with nothing else to answer). Three rounds on one
// connection (fewer than maxStalls), so that the reader requests the
// publisher in at least one of them.
func TestStalledRequestOnReaderElementsAreWritten(t *testing.T) {
	const total, rounds = 6, readerMaxStalls - 1
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			acks := make(chan struct{}, total)
			var onReader atomic.Int64
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					return flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
						s.OnSubscribe(&ackGated{s: s, acks: acks, end: total, onReader: &onReader})
					}))
				},
			}
			c := tr.start(t, h)
			for i := 0; i < rounds; i++ {
				r := newRecorder(1)
				r.onNext = func(r *recorder, _ rsocket.Payload) {
					if r.count() == 1 {
						r.request(total - 1)
					} else {
						acks <- struct{}{}
					}
				}
				c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
				require.NoError(t, r.wait(t), "round %d", i)
				require.Equal(t, wantNumbers(total), r.data(), "round %d", i)
				ping(t, c, "after the stream")
			}
			require.Positive(t, onReader.Load(), "the second Request never ran on the reader")
		})
	}
}

// ackGated emits its first demand at once; later, it emits one element at
// a time and waits for an ack (sent by the requester's subscriber when it
// has the element) before the next.
type ackGated struct {
	s        sluice.Subscriber[rsocket.Payload]
	acks     <-chan struct{}
	calls    int
	next     int
	end      int
	onReader *atomic.Int64
}

func (a *ackGated) Request(n int64) {
	a.calls++
	if a.calls > 1 && calledByReader() {
		a.onReader.Add(1)
	}
	for ; n > 0 && a.next < a.end; n-- {
		a.s.OnNext(numbered(a.next))
		a.next++
		if a.calls == 1 {
			continue
		}
		select {
		case <-a.acks:
		case <-time.After(waitFor):
			a.s.OnError(errors.New("ackGated: element " + strconv.Itoa(a.next-1) + " never reached the requester"))
			a.next = a.end + 1
			return
		}
	}
	if a.next == a.end {
		a.next++
		a.s.OnComplete()
	}
}

func (a *ackGated) Cancel() {}

// A requester asks for batch elements at a time, from inside OnNext or from
// another goroutine, over a synchronous stream of numbers: every element
// arrives once, in order, none beyond the demand, and the stream completes.
// Batches up to maxDemandOnReader are requested by the reader; a larger one
// goes to a worker.
func TestStreamBatchDemand(t *testing.T) {
	cases := []struct {
		batch int64
		n     int
	}{
		{1, 1_000},
		{7, 10_000},
		{64, 10_000},
		{readerMaxDemand, 10_000},
		{readerMaxDemand + 1, 10_000},
	}
	for _, tr := range demandTransports {
		for _, tc := range cases {
			for _, async := range []bool{false, true} {
				name := tr.name + "/batch " + strconv.FormatInt(tc.batch, 10)
				if async {
					name += " from another goroutine"
				}
				t.Run(name, func(t *testing.T) {
					var pr probe
					h := rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
						return pr.wrap(numbers(countOf(p)))
					}}
					c := tr.start(t, h)
					b := newBatcher(tc.batch, async)
					c.RequestStream(rsocket.PayloadString(strconv.Itoa(tc.n), "")).Subscribe(b)
					require.NoError(t, b.wait(t, name, 4*waitFor))
					require.Equal(t, wantNumbers(tc.n), b.got)
					require.Zero(t, b.excess, "elements beyond the demand")
					require.Positive(t, pr.calls.Load())
					if tc.batch > readerMaxDemand {
						require.Zero(t, pr.onReader.Load(), "a REQUEST_N above %d was served on the reader", readerMaxDemand)
					} else {
						require.Positive(t, pr.onReader.Load(), "no REQUEST_N was served on the reader")
					}
				})
			}
		}
	}
}

// Many short streams at once on one connection, each requesting small
// batches from another goroutine (or from OnNext, alternately): a REQUEST_N
// or PAYLOAD queued as owed just as the reader stops dispatching must still
// be written, so every stream ends.
func TestStreamSmallDemandManyStreams(t *testing.T) {
	const workers, rounds, n = 8, 25, 300
	h := rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		return numbers(countOf(p))
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	type result struct {
		what   string
		err    error
		got    []string
		excess int
	}
	results := make(chan result, workers*rounds)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				batch := int64(1 + (w+i)%8)
				async := (w+i)%3 != 0
				what := "worker " + strconv.Itoa(w) + " round " + strconv.Itoa(i) + " batch " + strconv.FormatInt(batch, 10)
				b := newBatcher(batch, async)
				c.RequestStream(rsocket.PayloadString(strconv.Itoa(n), "")).Subscribe(b)
				select {
				case <-b.done:
					results <- result{what: what, err: b.err, got: b.got, excess: b.excess}
				case <-time.After(4 * waitFor):
					results <- result{what: what, err: errors.New("stream stalled: a REQUEST_N or PAYLOAD left unwritten?")}
					close(b.stop)
					b.stopped.Wait()
					return
				}
				close(b.stop)
				b.stopped.Wait()
			}
		})
	}
	wg.Wait()
	close(results)
	for r := range results {
		require.NoError(t, r.err, r.what)
		require.Equal(t, wantNumbers(n), r.got, r.what)
		require.Zero(t, r.excess, r.what)
	}
}

// Publishers that emit from their own goroutine, with small REQUEST_Ns
// requested on the reader: the elements they emit while (or after) the
// reader requests them are all written.
func TestAsyncPublisherSmallDemand(t *testing.T) {
	const n = 1_000
	sched := scheduler.NewSingle()
	t.Cleanup(sched.Dispose)
	publishers := []struct {
		name string
		pub  func() flux.Flux[rsocket.Payload]
	}{
		{"create with a producer goroutine", func() flux.Flux[rsocket.Payload] {
			return flux.Create(func(sink flux.FluxSink[rsocket.Payload]) {
				demanded := make(chan struct{}, 1)
				sink.OnRequest(func(int64) {
					select {
					case demanded <- struct{}{}:
					default:
					}
				})
				go func() {
					for i := 0; i < n; i++ {
						for sink.Requested() == 0 {
							select {
							case <-demanded:
							case <-sink.Context().Done():
								return
							}
						}
						if sink.Next(numbered(i)) != nil {
							return
						}
					}
					sink.Complete()
				}()
			}, flux.OverflowError) // an element beyond the demand fails the stream
		}},
		{"publishOn", func() flux.Flux[rsocket.Payload] {
			return numbers(n).PublishOn(sched, flux.WithPrefetch(16))
		}},
		{"subscribeOn", func() flux.Flux[rsocket.Payload] {
			return numbers(n).SubscribeOn(sched)
		}},
	}
	for _, tr := range demandTransports {
		for _, pc := range publishers {
			t.Run(tr.name+"/"+pc.name, func(t *testing.T) {
				var pr probe
				h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					return pr.wrap(pc.pub())
				}}
				c := tr.start(t, h)
				for _, batch := range []int64{1, 5, 64} {
					for _, async := range []bool{false, true} {
						what := pc.name + " batch " + strconv.FormatInt(batch, 10)
						b := newBatcher(batch, async)
						c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(b)
						require.NoError(t, b.wait(t, what, 4*waitFor), what)
						require.Equal(t, wantNumbers(n), b.got, what)
						require.Zero(t, b.excess, what)
					}
				}
				require.Positive(t, pr.onReader.Load(), "no REQUEST_N was served on the reader")
			})
		}
	}
}

// A request-channel echo with small batch demand both ways: the requester
// asks for its output a few elements at a time, and the responder's handler
// takes its input through LimitRate, so that REQUEST_Ns flow both ways and
// are sent from inside OnNext on both readers. Everything is echoed in
// order.
func TestChannelEchoSmallBatches(t *testing.T) {
	const n = 2_000
	cases := []struct {
		name          string
		high, low     int
		batch         int64
		asyncRequests bool
	}{
		{"limit 8/6, batch 5", 8, 6, 5, false},
		{"limit 1/1, batch 1", 1, 1, 1, false},
		{"limit 32/24, batch 3 from another goroutine", 32, 24, 3, true},
		{"limit 256/256, batch 256", 256, 256, 256, false},
		{"limit 300/300, batch 257 from another goroutine", 300, 300, 257, true},
	}
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			var high, low atomic.Int64
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
					return in.LimitRate(int(high.Load()), int(low.Load()))
				},
			}
			c := tr.start(t, h)
			for _, tc := range cases {
				high.Store(int64(tc.high))
				low.Store(int64(tc.low))
				b := newBatcher(tc.batch, tc.asyncRequests)
				c.RequestChannel(numbers(n)).Subscribe(b)
				require.NoError(t, b.wait(t, tc.name, 4*waitFor), tc.name)
				require.Equal(t, wantNumbers(n), b.got, tc.name)
				require.Zero(t, b.excess, tc.name)
			}
			ping(t, c, "after the channels")
		})
	}
}

// The requester cancels while the responder's publisher is blocked inside
// a Request that the reader made: the CANCEL is read by the reader that
// replaced the stalled one, the publisher sees Cancel (which ends its
// Request), and the connection keeps working, also after maxStalls such
// stalls.
func TestCancelWhileRequestBlocksOnReader(t *testing.T) {
	const streams = readerMaxStalls + 2
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			entered := make(chan bool, streams)
			subs := make(chan *gated, streams)
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					return gatedStream(1_000, entered, nil, subs) // released only by Cancel
				},
			}
			c := tr.start(t, h)
			onReader := 0
			for i := 0; i < streams; i++ {
				r := newRecorder(3)
				r.onNext = func(r *recorder, _ rsocket.Payload) {
					if r.count() == 3 {
						r.request(3)
					}
				}
				c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
				var g *gated
				select {
				case g = <-subs:
				case <-timeout():
					t.Fatalf("stream %d: handler not called", i)
				}
				select {
				case byReader := <-entered:
					if byReader {
						onReader++
					}
				case <-timeout():
					t.Fatalf("stream %d: the publisher was never requested a second time", i)
				}
				r.cancel()
				select {
				case <-g.cancelled:
				case <-timeout():
					t.Fatalf("stream %d: the publisher did not see Cancel", i)
				}
				assert.Equal(t, 3, r.count(), "stream %d", i)
				ping(t, c, "after a cancel")
			}
			require.Positive(t, onReader, "no Request ran on the reader")
		})
	}
}

// The requester cancels an endless stream at various points while the
// responder's reader requests its publisher in small batches: the
// publisher always sees Cancel, nothing hangs, and the connection keeps
// working.
func TestCancelRacesRequestOnReader(t *testing.T) {
	const rounds = 60
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			closed := make(chan chan struct{}, 1)
			var produced atomic.Int64
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					ch := make(chan struct{})
					closed <- ch
					return generator(&produced, ch)
				},
			}
			c := tr.start(t, h)
			for i := 0; i < rounds; i++ {
				at := 1 + i%23
				fromOnNext := i%2 == 0
				cancelNow := make(chan struct{})
				r := newRecorder(2)
				r.onNext = func(r *recorder, _ rsocket.Payload) {
					n := r.count()
					switch {
					case n == at && fromOnNext:
						r.cancel()
					case n == at:
						close(cancelNow)
					case n < at && n%2 == 0:
						r.request(2)
					}
				}
				c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
				var ch chan struct{}
				select {
				case ch = <-closed:
				case <-timeout():
					t.Fatalf("round %d: handler not called", i)
				}
				if !fromOnNext {
					select {
					case <-cancelNow:
						r.cancel()
					case <-timeout():
						t.Fatalf("round %d: %d elements arrived, want at least %d", i, r.count(), at)
					}
				}
				select {
				case <-ch:
				case <-timeout():
					t.Fatalf("round %d: the publisher did not see Cancel", i)
				}
				require.LessOrEqual(t, r.count(), at+1, "round %d: elements beyond the demand", i)
			}
			ping(t, c, "after the cancellations")
		})
	}
}

// A publisher whose Request panics when the reader calls it: the stream
// fails with APPLICATION_ERROR carrying the panic, the publisher is
// cancelled, and the connection keeps working (a panic is not a stall:
// later ones still run on the reader).
func TestPanicInRequestOnReader(t *testing.T) {
	const rounds = readerMaxStalls + 2
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			var pr probe
			var panics, panicsOnReader atomic.Int64
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
					return pr.wrap(flux.From[rsocket.Payload](pubFunc[rsocket.Payload](func(s sluice.Subscriber[rsocket.Payload]) {
						s.OnSubscribe(&panicOnSecond{s: s, panics: &panics, onReader: &panicsOnReader})
					})))
				},
			}
			c := tr.start(t, h)
			for i := 0; i < rounds; i++ {
				cancels := pr.cancels.Load()
				r := newRecorder(3)
				r.onNext = func(r *recorder, _ rsocket.Payload) {
					if r.count() == 3 {
						r.request(3)
					}
				}
				c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(r)
				err := r.wait(t)
				require.ErrorIs(t, err, rsocket.ErrApplication, "round %d", i)
				require.Contains(t, err.Error(), "publisher exploded on request 2", "round %d", i)
				require.Equal(t, wantNumbers(3), r.data(), "round %d", i)
				require.Eventually(t, func() bool { return pr.cancels.Load() > cancels }, waitFor, the,
					"round %d: the publisher that panicked was not cancelled", i)
				ping(t, c, "after a panic")
				b := newBatcher(4, false)
				c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(b)
				require.Error(t, b.wait(t, "stream after a panic", waitFor)) // it panics too, after 4
				require.Equal(t, wantNumbers(4), b.got)
			}
			require.Equal(t, int64(2*rounds), panics.Load())
			require.Positive(t, panicsOnReader.Load(), "no panic happened on the reader")
		})
	}
}

// panicOnSecond emits its first demand at once and panics at its second
// Request.
type panicOnSecond struct {
	s        sluice.Subscriber[rsocket.Payload]
	calls    int
	next     int
	panics   *atomic.Int64
	onReader *atomic.Int64
}

func (p *panicOnSecond) Request(n int64) {
	p.calls++
	if p.calls == 2 {
		p.panics.Add(1)
		if calledByReader() {
			p.onReader.Add(1)
		}
		panic("publisher exploded on request 2")
	}
	for ; n > 0; n-- {
		p.s.OnNext(numbered(p.next))
		p.next++
	}
}

func (p *panicOnSecond) Cancel() {}

// A publisher that answers every small REQUEST_N at once never stalls the
// reader, so the reader keeps requesting it itself to the end of a long
// stream (the stall watch must not count quick calls as stalls and switch
// the connection to workers). A loaded machine may itself stall calls on
// the reader for a millisecond (the probe's stack dump makes them slow
// under -race); only after as many such calls as it takes stalls may the
// connection move the rest to workers.
func TestQuickRequestsOnReaderAreNotStalls(t *testing.T) {
	const n, batch = 10_000, 7
	var pr probe
	h := rsocket.Handler{RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
		return pr.wrap(numbers(countOf(p)))
	}}
	c := startTCP(t, h, rsocket.SetupOptions{}, rsocket.ServerOptions{}, tcp.Options{}, tcp.Options{}).client
	b := newBatcher(batch, false)
	c.RequestStream(rsocket.PayloadString(strconv.Itoa(n), "")).Subscribe(b)
	require.NoError(t, b.wait(t, "stream", 4*waitFor))
	require.Equal(t, wantNumbers(n), b.got)
	calls, onReader, slow := pr.calls.Load(), pr.onReader.Load(), pr.slowOnReader.Load()
	t.Logf("%d of %d Request calls on the reader, %d of them slow", onReader, calls, slow)
	if onReader != calls-1 {
		const maxStalls = 4 // mirrors inline.go's: the stalls it takes to move to workers
		require.GreaterOrEqual(t, slow, int64(maxStalls),
			"REQUEST_Ns went to workers with fewer slow calls on the reader than stalls it takes: the stall watch took quick calls for stalls")
	}
}

// Large payloads, fragmented, emitted on the reader above a small write
// buffer limit (the reader does not wait for room while it dispatches):
// every fragment is written, and the elements arrive whole and in order.
func TestFragmentedElementsRequestedOnReader(t *testing.T) {
	const n, size = 200, 20_000
	big := bytes.Repeat([]byte("x"), size)
	var pr probe
	h := rsocket.Handler{RequestStream: func(context.Context, rsocket.Payload) flux.Flux[rsocket.Payload] {
		return pr.wrap(flux.Map[int, rsocket.Payload](flux.Range(0, n), func(i int) rsocket.Payload {
			return rsocket.Payload{Data: big, Metadata: []byte(strconv.Itoa(i)), HasMetadata: true}
		}))
	}}
	so := rsocket.ServerOptions{ConnectionOptions: rsocket.ConnectionOptions{MTU: 1_000, WriteBufferLimit: 8 << 10}}
	c := startTCP(t, h, rsocket.SetupOptions{}, so, tcp.Options{}, tcp.Options{}).client
	for _, batch := range []int64{1, 4, 64} {
		for _, async := range []bool{false, true} {
			what := "batch " + strconv.FormatInt(batch, 10)
			b := newBatcher(batch, async)
			var metas []string
			c.RequestStream(rsocket.PayloadString("x", "")).Subscribe(&metaTap{Subscriber: b, metas: &metas})
			require.NoError(t, b.wait(t, what, 4*waitFor), what)
			require.Len(t, b.got, n, what)
			require.Equal(t, wantNumbers(n), metas, what)
			for i, d := range b.got {
				require.Len(t, d, size, "%s: element %d", what, i)
			}
			require.Zero(t, b.excess, what)
		}
	}
	require.Positive(t, pr.onReader.Load(), "no REQUEST_N was served on the reader")
}

// metaTap records the metadata of each element before passing it on.
type metaTap struct {
	sluice.Subscriber[rsocket.Payload]
	metas *[]string
}

func (m *metaTap) OnNext(p rsocket.Payload) {
	*m.metas = append(*m.metas, string(p.Metadata))
	m.Subscriber.OnNext(p)
}

// The client side: the input of a requester channel blocks inside a
// Request that the client's reader made (the server echoes the input and
// asks for it a little at a time). The client's stall watch replaces its
// reader, so that its other requests (blocking request-responses, streams)
// complete meanwhile, also after maxStalls stalls; once released, every
// channel echoes its whole input in order.
func TestChannelInputBlockingOnClientReader(t *testing.T) {
	const channels, total = readerMaxStalls + 2, 6
	for _, tr := range demandTransports {
		t.Run(tr.name, func(t *testing.T) {
			h := rsocket.Handler{
				RequestResponse: echoRR,
				RequestStream: func(_ context.Context, p rsocket.Payload) flux.Flux[rsocket.Payload] {
					return numbers(countOf(p))
				},
				RequestChannel: func(_ context.Context, _ rsocket.Payload, in flux.Flux[rsocket.Payload]) flux.Flux[rsocket.Payload] {
					return in
				},
			}
			c := tr.start(t, h)
			entered := make(chan bool, channels)
			release := make(chan struct{})
			var once sync.Once
			t.Cleanup(func() { once.Do(func() { close(release) }) })

			outs := make([]*batcher, channels)
			onReader := 0
			for i := range outs {
				outs[i] = newBatcher(2, false)
				c.RequestChannel(gatedStream(total, entered, release, nil)).Subscribe(outs[i])
				select {
				case byReader := <-entered:
					if onReader >= readerMaxStalls {
						require.False(t, byReader, "channel %d: requested on the reader after %d stalls", i, onReader)
					}
					if byReader {
						onReader++
					}
				case <-timeout():
					t.Fatalf("channel %d: the input was never requested a second time", i)
				}
				ping(t, c, "request-response while a channel input blocks")
				b := newBatcher(8, true)
				c.RequestStream(rsocket.PayloadString("100", "")).Subscribe(b)
				require.NoError(t, b.wait(t, "stream while a channel input blocks", waitFor))
				require.Equal(t, wantNumbers(100), b.got)
			}
			require.Positive(t, onReader, "no channel input was requested on the client's reader")

			once.Do(func() { close(release) })
			for i, b := range outs {
				require.NoError(t, b.wait(t, "channel "+strconv.Itoa(i), waitFor))
				require.Equal(t, wantNumbers(total), b.got, "channel %d", i)
				require.Zero(t, b.excess, "channel %d", i)
			}
		})
	}
}
