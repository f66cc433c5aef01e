package inner

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// upstream is a Subscription that records every Request and Cancel.
type upstream struct {
	mu        sync.Mutex
	requests  []int64
	cancels   atomic.Int32
	requested atomic.Int64
	wake      chan struct{} // optional: signalled (non-blocking) on Request
}

func (u *upstream) Request(n int64) {
	u.mu.Lock()
	u.requests = append(u.requests, n)
	u.mu.Unlock()
	u.requested.Add(n)
	if u.wake != nil {
		select {
		case u.wake <- struct{}{}:
		default:
		}
	}
}

func (u *upstream) Cancel() { u.cancels.Add(1) }

func (u *upstream) got() []int64 {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]int64(nil), u.requests...)
}

// parent records Drain calls and inner errors.
type parent struct {
	drains atomic.Int32
	mu     sync.Mutex
	errs   []error
	wake   chan struct{} // optional: signalled (non-blocking) on Drain
}

func (p *parent) Drain() {
	p.drains.Add(1)
	if p.wake != nil {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
}

func (p *parent) InnerError(err error) {
	p.mu.Lock()
	p.errs = append(p.errs, err)
	p.mu.Unlock()
}

func (p *parent) errors() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]error(nil), p.errs...)
}

// captureDropped installs dropped hooks for the test and returns accessors.
func captureDropped(t *testing.T) (errs func() []error, nexts func() []any) {
	var mu sync.Mutex
	var de []error
	var dn []any
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{
		OnErrorDropped: func(err error) { mu.Lock(); de = append(de, err); mu.Unlock() },
		OnNextDropped:  func(v any) { mu.Lock(); dn = append(dn, v); mu.Unlock() },
	})
	t.Cleanup(func() { sluice.SetDroppedHooks(prev) })
	return func() []error {
			mu.Lock()
			defer mu.Unlock()
			return append([]error(nil), de...)
		}, func() []any {
			mu.Lock()
			defer mu.Unlock()
			return append([]any(nil), dn...)
		}
}

// TestPrefetchAndLimit: OnSubscribe requests exactly the prefetch; the
// replenishment limit is prefetch - prefetch/4; prefetch < 1 means 1.
func TestPrefetchAndLimit(t *testing.T) {
	cases := []struct{ prefetch, want, limit int64 }{
		{-5, 1, 1}, {0, 1, 1}, {1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {4, 4, 3},
		{7, 7, 6}, {8, 8, 6}, {32, 32, 24}, {256, 256, 192},
	}
	for _, tc := range cases {
		in := New[int](&parent{}, nil, int(tc.prefetch))
		u := &upstream{}
		in.OnSubscribe(u)
		assert.Equal(t, []int64{tc.want}, u.got(), "prefetch %d", tc.prefetch)
		assert.Equal(t, tc.limit, in.limit, "prefetch %d", tc.prefetch)
	}
}

// TestRefillBatches: Produced replenishes only once the consumed count
// reaches prefetch - prefetch/4, with exactly the count consumed since the
// last replenishment, and never before.
func TestRefillBatches(t *testing.T) {
	t.Run("one at a time", func(t *testing.T) {
		in := New[int](&parent{}, nil, 32)
		u := &upstream{}
		in.OnSubscribe(u)
		for i := 1; i <= 23; i++ {
			in.Produced(1)
		}
		assert.Equal(t, []int64{32}, u.got(), "no refill before 24 consumed")
		in.Produced(1)
		assert.Equal(t, []int64{32, 24}, u.got())
		for i := 1; i <= 48; i++ {
			in.Produced(1)
		}
		assert.Equal(t, []int64{32, 24, 24, 24}, u.got())
	})
	t.Run("batched Produced requests what was consumed", func(t *testing.T) {
		in := New[int](&parent{}, nil, 32)
		u := &upstream{}
		in.OnSubscribe(u)
		in.Produced(20)
		in.Produced(10) // crosses 24 with 30
		in.Produced(5)
		in.Produced(19) // 24 again
		assert.Equal(t, []int64{32, 30, 24}, u.got())
	})
	t.Run("prefetch 1 refills every element", func(t *testing.T) {
		in := New[int](&parent{}, nil, 1)
		u := &upstream{}
		in.OnSubscribe(u)
		in.Produced(1)
		in.Produced(1)
		assert.Equal(t, []int64{1, 1, 1}, u.got())
	})
	t.Run("Produced before the subscription is lost", func(t *testing.T) {
		// Inner uses a plain Slot: a refill due before OnSubscribe has
		// nowhere to go (parents only consume what an inner delivered, so
		// this cannot happen in practice). Pinned so a change is deliberate.
		in := New[int](&parent{}, nil, 4)
		in.Produced(3)
		u := &upstream{}
		in.OnSubscribe(u)
		assert.Equal(t, []int64{4}, u.got())
	})
}

// TestQueueFIFOAndBound: elements are queued in order; a producer that keeps
// to the requested amount never holds more than prefetch queued.
func TestQueueFIFOAndBound(t *testing.T) {
	p := &parent{}
	in := New[int](p, nil, 8)
	u := &upstream{}
	assert.True(t, in.IsEmpty())
	assert.Zero(t, in.Len())
	_, ok := in.Poll()
	assert.False(t, ok, "Poll before the queue exists")
	_, ok = in.Peek()
	assert.False(t, ok)
	in.OnSubscribe(u)
	next := 0
	for i := 0; i < 8; i++ {
		in.OnNext(next)
		next++
	}
	assert.Equal(t, 8, in.Len())
	assert.EqualValues(t, 8, p.drains.Load(), "one Drain per queued element")
	v, ok := in.Peek()
	require.True(t, ok)
	assert.Equal(t, 0, v)
	// Consume a batch, let the upstream send exactly what was refilled.
	want := 0
	for round := 0; round < 10; round++ {
		for i := 0; i < 6; i++ {
			v, ok := in.Poll()
			require.True(t, ok)
			require.Equal(t, want, v)
			want++
			in.Produced(1)
		}
		for int64(next) < u.requested.Load() {
			in.OnNext(next)
			next++
			require.LessOrEqual(t, in.Len(), 8)
		}
	}
	assert.Empty(t, p.errors())
}

// TestOverflow: a producer sending more than requested overflows the queue:
// the inner cancels upstream, becomes done, reports ErrOverflow once, and
// further elements go to the dropped hook.
func TestOverflow(t *testing.T) {
	_, nexts := captureDropped(t)
	p := &parent{}
	in := New[int](p, nil, 4)
	u := &upstream{}
	in.OnSubscribe(u)
	for i := 0; i < 4; i++ {
		in.OnNext(i)
	}
	assert.Empty(t, p.errors())
	in.OnNext(4)
	assert.True(t, in.Done())
	assert.True(t, in.Cancelled())
	assert.EqualValues(t, 1, u.cancels.Load())
	require.Equal(t, []error{ErrOverflow}, p.errors())
	in.OnNext(5)
	assert.Equal(t, []any{5}, nexts())
	assert.False(t, in.Offer(6), "Offer on a full queue keeps failing")
	assert.Len(t, p.errors(), 1, "ErrOverflow reported once")
	assert.Equal(t, 4, in.Len(), "queued elements stay until Clear")
}

// TestOverflowNonPowerOfTwo pins a limit of the overflow check: the queue is
// rounded up to a power of two, so with prefetch 3 an upstream that sends
// one unrequested element (4 in total) is not caught; the fifth is.
func TestOverflowNonPowerOfTwo(t *testing.T) {
	p := &parent{}
	in := New[int](p, nil, 3)
	in.OnSubscribe(&upstream{})
	for i := 0; i < 4; i++ {
		in.OnNext(i)
	}
	assert.Empty(t, p.errors(), "one element over prefetch 3 fits the 4-slot ring")
	assert.Equal(t, 4, in.Len())
	in.OnNext(4)
	assert.Equal(t, []error{ErrOverflow}, p.errors())
}

// TestCancel: Cancel cancels upstream once (idempotent), also when it comes
// before OnSubscribe (the late subscription is cancelled and not requested
// from). Cancel does not clear the queue nor mark the inner done: the parent
// clears from its drain loop; elements already in flight are still queued.
func TestCancel(t *testing.T) {
	t.Run("after subscribe", func(t *testing.T) {
		p := &parent{}
		in := New[int](p, nil, 4)
		u := &upstream{}
		in.OnSubscribe(u)
		in.OnNext(1)
		in.OnNext(2)
		in.Cancel()
		in.Cancel()
		assert.EqualValues(t, 1, u.cancels.Load())
		assert.True(t, in.Cancelled())
		assert.False(t, in.Done(), "Cancel does not mark the inner done")
		assert.Equal(t, 2, in.Len(), "Cancel does not clear")
		in.Produced(3)
		assert.Equal(t, []int64{4}, u.got(), "no refill after Cancel")
		in.Request(5)
		assert.Equal(t, []int64{4}, u.got(), "no Request after Cancel")
		in.Clear()
		assert.True(t, in.IsEmpty())
		assert.Zero(t, in.Len())
	})
	t.Run("before subscribe", func(t *testing.T) {
		in := New[int](&parent{}, nil, 4)
		in.Cancel()
		u := &upstream{}
		in.OnSubscribe(u)
		assert.EqualValues(t, 1, u.cancels.Load())
		assert.Empty(t, u.got(), "a cancelled inner requests nothing")
	})
	t.Run("Clear before any element", func(t *testing.T) {
		in := New[int](&parent{}, nil, 4)
		require.NotPanics(t, in.Clear)
	})
}

// TestTerminalSignals: OnComplete and OnError mark the inner done once; the
// first terminal wins, a later error goes to the dropped hook, a later
// completion is ignored, later elements are dropped.
func TestTerminalSignals(t *testing.T) {
	boom, late := errors.New("boom"), errors.New("late")
	t.Run("complete", func(t *testing.T) {
		errs, nexts := captureDropped(t)
		p := &parent{}
		in := New[int](p, nil, 4)
		in.OnSubscribe(&upstream{})
		in.OnNext(1)
		in.OnComplete()
		assert.True(t, in.Done())
		assert.EqualValues(t, 2, p.drains.Load())
		in.OnComplete()
		assert.EqualValues(t, 2, p.drains.Load(), "second OnComplete ignored")
		in.OnError(late)
		in.OnNext(2)
		assert.Equal(t, []error{late}, errs())
		assert.Equal(t, []any{2}, nexts())
		assert.Empty(t, p.errors())
		assert.Equal(t, 1, in.Len(), "the queued element stays for the parent")
	})
	t.Run("error", func(t *testing.T) {
		errs, _ := captureDropped(t)
		p := &parent{}
		in := New[int](p, nil, 4)
		in.OnSubscribe(&upstream{})
		in.OnError(boom)
		in.OnError(late)
		in.OnComplete()
		assert.True(t, in.Done())
		assert.Equal(t, []error{boom}, p.errors())
		assert.Equal(t, []error{late}, errs())
		assert.Zero(t, p.drains.Load(), "an error does not call Drain")
	})
}

// emitter is a fast path that records what it was handed.
type emitter struct{ got []int }

func (e *emitter) TryEmit(_ *Inner[int], v int) { e.got = append(e.got, v) }

// TestFastPath: with an Emitter, OnNext hands elements to it and queues
// nothing; after the inner is done, elements are dropped instead.
func TestFastPath(t *testing.T) {
	_, nexts := captureDropped(t)
	p := &parent{}
	e := &emitter{}
	in := New[int](p, e, 4)
	in.OnSubscribe(&upstream{})
	in.OnNext(1)
	in.OnNext(2)
	assert.Equal(t, []int{1, 2}, e.got)
	assert.True(t, in.IsEmpty())
	assert.Zero(t, p.drains.Load(), "the emitter decides whether to drain")
	in.OnComplete()
	in.OnNext(3)
	assert.Equal(t, []int{1, 2}, e.got)
	assert.Equal(t, []any{3}, nexts())
}

// TestDuplicateOnSubscribe: a second subscription is cancelled, not
// requested from, and reported as ErrDuplicateSubscription (rule 2.5).
func TestDuplicateOnSubscribe(t *testing.T) {
	errs, _ := captureDropped(t)
	in := New[int](&parent{}, nil, 4)
	u1, u2 := &upstream{}, &upstream{}
	in.OnSubscribe(u1)
	in.OnSubscribe(u2)
	assert.Equal(t, []int64{4}, u1.got())
	assert.Empty(t, u2.got())
	assert.EqualValues(t, 0, u1.cancels.Load())
	assert.EqualValues(t, 1, u2.cancels.Load())
	assert.Equal(t, []error{ErrDuplicateSubscription}, errs())
}

// TestConcurrentProducerConsumer: one producer goroutine emits exactly what
// was requested while a consumer goroutine polls and replenishes; every
// element arrives once and in order, the queue never holds more than
// prefetch, and the requests add up to prefetch + what was refilled.
func TestConcurrentProducerConsumer(t *testing.T) {
	for _, prefetch := range []int{1, 3, 7, 32} {
		const total = 20000
		u := &upstream{wake: make(chan struct{}, 1)}
		p := &parent{wake: make(chan struct{}, 1)}
		in := New[int](p, nil, prefetch)
		in.OnSubscribe(u)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // producer: the inner publisher
			defer wg.Done()
			sent := int64(0)
			for sent < total {
				if sent < u.requested.Load() {
					in.OnNext(int(sent))
					sent++
					continue
				}
				select {
				case <-u.wake:
				case <-stop:
					return
				}
			}
			in.OnComplete()
		}()
		want, maxLen := 0, 0
		for { // consumer: the parent's drain loop
			done := in.Done()
			for {
				if l := in.Len(); l > maxLen {
					maxLen = l
				}
				v, ok := in.Poll()
				if !ok {
					break
				}
				if v != want {
					close(stop)
					wg.Wait()
					require.Equal(t, want, v, "prefetch %d", prefetch)
				}
				want++
				in.Produced(1)
			}
			if done && in.IsEmpty() {
				break
			}
			<-p.wake
		}
		wg.Wait()
		assert.Equal(t, total, want, "prefetch %d", prefetch)
		assert.LessOrEqual(t, maxLen, prefetch, "prefetch %d", prefetch)
		assert.Empty(t, p.errors(), "prefetch %d", prefetch)
		var sum int64
		for _, r := range u.got() {
			sum += r
		}
		assert.GreaterOrEqual(t, sum, int64(total), "prefetch %d", prefetch)
		assert.LessOrEqual(t, sum, int64(total+prefetch), "prefetch %d", prefetch)
	}
}

// TestErrors pins both policies: SetFirst keeps the first error and reports
// whether it stored; Join keeps all of them via errors.Join.
func TestErrors(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	t.Run("first wins", func(t *testing.T) {
		var e Errors
		assert.NoError(t, e.Load())
		assert.True(t, e.SetFirst(a))
		assert.False(t, e.SetFirst(b))
		assert.Same(t, a, e.Load())
	})
	t.Run("join", func(t *testing.T) {
		var e Errors
		e.Join(a)
		assert.Same(t, a, e.Load(), "a single error is stored as is")
		e.Join(b)
		e.Join(c)
		err := e.Load()
		for _, x := range []error{a, b, c} {
			assert.ErrorIs(t, err, x)
		}
		assert.Equal(t, "a\nb\nc", err.Error())
	})
	t.Run("concurrent", func(t *testing.T) {
		var first, joined Errors
		const n = 64
		errs := make([]error, n)
		for i := range errs {
			errs[i] = errors.New("e")
		}
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if first.SetFirst(errs[i]) {
					wins.Add(1)
				}
				joined.Join(errs[i])
			}()
		}
		wg.Wait()
		assert.EqualValues(t, 1, wins.Load())
		for _, x := range errs {
			assert.ErrorIs(t, joined.Load(), x)
		}
	})
}

// TestSlot: set once; a second Set cancels its argument and reports it
// dropped; Cancel before Set cancels the late subscription without a report;
// Get is nil before Set and after Cancel; Cancel reports the first call.
func TestSlot(t *testing.T) {
	t.Run("set once", func(t *testing.T) {
		errs, _ := captureDropped(t)
		var sl Slot
		assert.Nil(t, sl.Get())
		sl.Request(3) // nothing to forward to, nothing remembered
		u1, u2 := &upstream{}, &upstream{}
		assert.True(t, sl.Set(u1))
		assert.False(t, sl.Set(u2))
		assert.Same(t, u1, sl.Get())
		assert.EqualValues(t, 1, u2.cancels.Load())
		assert.Zero(t, u1.cancels.Load())
		assert.Equal(t, []error{ErrDuplicateSubscription}, errs())
		sl.Request(5)
		assert.Equal(t, []int64{5}, u1.got(), "a Request before Set is not remembered")
		assert.True(t, sl.Cancel())
		assert.False(t, sl.Cancel())
		assert.EqualValues(t, 1, u1.cancels.Load())
		assert.Nil(t, sl.Get())
		assert.True(t, sl.Cancelled())
		sl.Request(1)
		assert.Equal(t, []int64{5}, u1.got())
	})
	t.Run("cancel before set", func(t *testing.T) {
		errs, _ := captureDropped(t)
		var sl Slot
		assert.True(t, sl.Cancel())
		assert.False(t, sl.Cancel())
		u := &upstream{}
		assert.False(t, sl.Set(u))
		assert.EqualValues(t, 1, u.cancels.Load())
		assert.Nil(t, sl.Get())
		assert.Empty(t, errs(), "a late subscription to a cancelled slot is not a violation")
	})
	t.Run("nil", func(t *testing.T) {
		var sl Slot
		assert.PanicsWithValue(t, sluice.ErrNilSubscription, func() { sl.Set(nil) })
	})
	t.Run("Set races Cancel", func(t *testing.T) {
		for i := 0; i < 200; i++ {
			var sl Slot
			u := &upstream{}
			var wg sync.WaitGroup
			wg.Add(2)
			go func() { defer wg.Done(); sl.Set(u) }()
			go func() { defer wg.Done(); sl.Cancel() }()
			wg.Wait()
			require.EqualValues(t, 1, u.cancels.Load(), "the subscription is cancelled exactly once")
		}
	})
}

// TestDeferred: requests made before Set are accumulated (saturating) and
// forwarded in one Request on Set; later ones go straight through; a
// cancelled Deferred forwards nothing.
func TestDeferred(t *testing.T) {
	t.Run("pending forwarded", func(t *testing.T) {
		var d Deferred
		d.Request(2)
		d.Request(3)
		u := &upstream{}
		assert.True(t, d.Set(u))
		assert.Equal(t, []int64{5}, u.got())
		d.Request(7)
		assert.Equal(t, []int64{5, 7}, u.got())
	})
	t.Run("no pending", func(t *testing.T) {
		var d Deferred
		u := &upstream{}
		d.Set(u)
		assert.Empty(t, u.got())
	})
	t.Run("saturates", func(t *testing.T) {
		var d Deferred
		d.Request(math.MaxInt64)
		d.Request(10)
		u := &upstream{}
		d.Set(u)
		assert.Equal(t, []int64{math.MaxInt64}, u.got())
	})
	t.Run("cancel before set", func(t *testing.T) {
		var d Deferred
		d.Request(4)
		d.Cancel()
		u := &upstream{}
		assert.False(t, d.Set(u))
		assert.EqualValues(t, 1, u.cancels.Load())
		assert.Empty(t, u.got(), "pending demand is not forwarded to a cancelled subscription")
	})
	t.Run("duplicate set", func(t *testing.T) {
		errs, _ := captureDropped(t)
		var d Deferred
		u1, u2 := &upstream{}, &upstream{}
		d.Set(u1)
		d.Request(1)
		assert.False(t, d.Set(u2))
		assert.Empty(t, u2.got())
		assert.EqualValues(t, 1, u2.cancels.Load())
		assert.Equal(t, []error{ErrDuplicateSubscription}, errs())
	})
	t.Run("Request races Set", func(t *testing.T) {
		// Every unit requested from any goroutine reaches the subscription
		// exactly once, whichever side wins the race.
		for i := 0; i < 200; i++ {
			var d Deferred
			u := &upstream{}
			var wg sync.WaitGroup
			const reqs = 8
			wg.Add(reqs + 1)
			for j := 0; j < reqs; j++ {
				go func() { defer wg.Done(); d.Request(1) }()
			}
			go func() { defer wg.Done(); d.Set(u) }()
			wg.Wait()
			require.EqualValues(t, reqs, u.requested.Load())
		}
	})
}

// TestNoop: both methods are no-ops.
func TestNoop(t *testing.T) {
	var s sluice.Subscription = Noop{}
	require.NotPanics(t, func() {
		s.Request(1)
		s.Request(-1)
		s.Cancel()
		s.Cancel()
	})
}
