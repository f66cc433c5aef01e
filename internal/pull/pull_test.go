package pull

import (
	"errors"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// counter yields 0..n-1; eager adds Exhauster, fail adds a Failer error
// reported after the last element, panicAt panics in Next.
type counter struct {
	n, i    int
	pulled  atomic.Int64
	closed  atomic.Int64
	panicAt int // -1: never
	fail    error
}

func newCounter(n int) *counter { return &counter{n: n, panicAt: -1} }

func (c *counter) Next() (int, bool, error) {
	c.pulled.Add(1)
	if c.i == c.panicAt {
		panic("source bug")
	}
	if c.i == c.n {
		return 0, false, c.fail
	}
	c.i++
	return c.i - 1, true, nil
}

func (c *counter) Close() { c.closed.Add(1) }

// eager is a counter that knows when it is exhausted.
type eager struct{ *counter }

func (e eager) Exhausted() bool { return e.i == e.n }
func (e eager) Err() error      { return e.fail }

// rec records signals and flags overlapping or nested signals.
type rec struct {
	sub       sluice.Subscription
	onSub     func(s sluice.Subscription)
	onNext    func(r *rec, v int)
	mu        sync.Mutex
	items     []int
	err       error
	completes int
	terminals int
	inSignal  atomic.Int32
	overlap   atomic.Bool
	maxNest   int32
}

func (r *rec) enter() {
	if n := r.inSignal.Add(1); n > 1 {
		r.overlap.Store(true)
		r.mu.Lock()
		r.maxNest = max(r.maxNest, n)
		r.mu.Unlock()
	}
}

func (r *rec) leave() { r.inSignal.Add(-1) }

func (r *rec) OnSubscribe(s sluice.Subscription) {
	r.sub = s
	if r.onSub != nil {
		r.onSub(s)
	}
}

func (r *rec) OnNext(v int) {
	r.enter()
	r.mu.Lock()
	r.items = append(r.items, v)
	r.mu.Unlock()
	if r.onNext != nil {
		r.onNext(r, v)
	}
	r.leave()
}

func (r *rec) OnError(err error) {
	r.enter()
	r.mu.Lock()
	r.err = err
	r.terminals++
	r.mu.Unlock()
	r.leave()
}

func (r *rec) OnComplete() {
	r.enter()
	r.mu.Lock()
	r.completes++
	r.terminals++
	r.mu.Unlock()
	r.leave()
}

func (r *rec) snapshot() ([]int, error, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.items...), r.err, r.completes
}

func ints(from, to int) []int {
	out := []int{}
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func TestSubscribeNilPanics(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		assert.ErrorIs(t, err, sluice.ErrNilSubscriber)
	}()
	Subscribe[int](nil, newCounter(1))
}

func TestDemandIsExact(t *testing.T) {
	c := newCounter(100)
	r := &rec{}
	Subscribe[int](r, c)
	assert.Zero(t, c.pulled.Load(), "nothing is pulled before Request")
	r.sub.Request(3)
	items, _, _ := r.snapshot()
	assert.Equal(t, ints(0, 3), items)
	assert.EqualValues(t, 3, c.pulled.Load(), "one pull per unit of demand")
	r.sub.Request(2)
	items, _, done := r.snapshot()
	assert.Equal(t, ints(0, 5), items)
	assert.Zero(t, done)
	r.sub.Request(sluice.Unbounded)
	r.sub.Request(sluice.Unbounded) // saturates, no error (rule 3.17)
	items, err, done := r.snapshot()
	assert.Equal(t, ints(0, 100), items)
	assert.NoError(t, err)
	assert.Equal(t, 1, done)
	assert.EqualValues(t, 1, c.closed.Load())
}

func TestLazyAndEagerCompletion(t *testing.T) {
	lazy := newCounter(3)
	r := &rec{}
	Subscribe[int](r, lazy)
	r.sub.Request(3)
	_, _, done := r.snapshot()
	assert.Zero(t, done, "without Exhauster the end is found only by pulling")
	r.sub.Request(1)
	_, _, done = r.snapshot()
	assert.Equal(t, 1, done)

	ea := eager{newCounter(3)}
	r = &rec{}
	Subscribe[int](r, ea)
	r.sub.Request(3)
	items, _, done := r.snapshot()
	assert.Equal(t, ints(0, 3), items)
	assert.Equal(t, 1, done, "an Exhauster completes right after the last element")
	assert.EqualValues(t, 3, ea.pulled.Load())
	assert.EqualValues(t, 1, ea.closed.Load())
}

func TestFailerEndsWithItsError(t *testing.T) {
	boom := errors.New("boom")
	src := eager{newCounter(2)}
	src.fail = boom
	r := &rec{}
	Subscribe[int](r, src)
	r.sub.Request(2)
	items, err, done := r.snapshot()
	assert.Equal(t, ints(0, 2), items)
	assert.ErrorIs(t, err, boom, "the error follows the last element without more demand")
	assert.Zero(t, done)

	// exhausted at subscription time: the error comes right after OnSubscribe
	src = eager{newCounter(0)}
	src.fail = boom
	r = &rec{}
	Subscribe[int](r, src)
	_, err, done = r.snapshot()
	assert.ErrorIs(t, err, boom)
	assert.Zero(t, done)
	assert.EqualValues(t, 1, src.closed.Load())
}

func TestSourceErrorWithoutExhauster(t *testing.T) {
	boom := errors.New("boom")
	c := newCounter(1)
	c.fail = boom
	r := &rec{}
	Subscribe[int](r, c)
	r.sub.Request(5)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{0}, items)
	assert.ErrorIs(t, err, boom)
	assert.EqualValues(t, 1, c.closed.Load())
}

// TestReentrantRequestIsTrampolined: Request(1) from inside OnNext never
// nests OnNext and never deepens the stack.
func TestReentrantRequestIsTrampolined(t *testing.T) {
	const n = 200_000
	depths := []int{}
	r := &rec{onNext: func(r *rec, v int) {
		if v%50_000 == 0 {
			pcs := make([]uintptr, 1024)
			depths = append(depths, runtime.Callers(0, pcs))
		}
		r.sub.Request(1)
	}}
	r.onSub = func(s sluice.Subscription) { s.Request(1) }
	Subscribe[int](r, eager{newCounter(n)})
	items, err, done := r.snapshot()
	require.NoError(t, err)
	assert.Len(t, items, n)
	assert.Equal(t, 1, done)
	assert.False(t, r.overlap.Load(), "OnNext nested inside OnNext")
	require.NotEmpty(t, depths)
	for _, d := range depths {
		assert.Equal(t, depths[0], d, "stack depth changed: %v", depths)
	}
}

func TestCancel(t *testing.T) {
	c := newCounter(100)
	r := &rec{onNext: func(r *rec, v int) {
		if v == 1 {
			r.sub.Cancel()
			r.sub.Cancel() // idempotent (rule 3.7)
		}
	}}
	Subscribe[int](r, c)
	r.sub.Request(10)
	r.sub.Request(10) // no-op after cancel (rule 3.6)
	r.sub.Request(0)  // no error after cancel (rule 3.6)
	r.sub.Request(-1)
	items, err, done := r.snapshot()
	assert.Equal(t, []int{0, 1}, items)
	assert.NoError(t, err)
	assert.Zero(t, done)
	assert.Zero(t, r.terminals)
	assert.EqualValues(t, 2, c.pulled.Load())
	assert.EqualValues(t, 1, c.closed.Load())
}

func TestCancelBeforeRequestClosesSource(t *testing.T) {
	c := newCounter(5)
	r := &rec{}
	Subscribe[int](r, c)
	r.sub.Cancel()
	r.sub.Request(1)
	assert.Zero(t, c.pulled.Load())
	assert.EqualValues(t, 1, c.closed.Load())
	assert.Zero(t, r.terminals)
}

func TestInvalidDemand(t *testing.T) {
	for _, n := range []int64{0, -1, math.MinInt64} {
		c := newCounter(10)
		r := &rec{}
		Subscribe[int](r, c)
		r.sub.Request(2)
		r.sub.Request(n)
		r.sub.Request(5) // after the error: a no-op
		r.sub.Request(n)
		items, err, done := r.snapshot()
		assert.Equal(t, ints(0, 2), items)
		require.ErrorIs(t, err, sluice.ErrInvalidDemand, "n=%d", n)
		var ide *sluice.InvalidDemandError
		require.ErrorAs(t, err, &ide)
		assert.Equal(t, n, ide.N)
		assert.Zero(t, done)
		assert.Equal(t, 1, r.terminals)
		assert.EqualValues(t, 1, c.closed.Load())
	}
}

func TestInvalidDemandInsideOnNext(t *testing.T) {
	c := newCounter(10)
	r := &rec{onNext: func(r *rec, v int) { r.sub.Request(0) }}
	Subscribe[int](r, c)
	r.sub.Request(5)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{0}, items, "the error overtakes the outstanding demand")
	assert.ErrorIs(t, err, sluice.ErrInvalidDemand)
	assert.Equal(t, 1, r.terminals)
}

func TestPanicInSourceBecomesOnError(t *testing.T) {
	c := newCounter(10)
	c.panicAt = 2
	r := &rec{}
	Subscribe[int](r, c)
	r.sub.Request(10)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{0, 1}, items)
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "source bug", pe.Value)
	assert.Contains(t, string(pe.Stack), "(*counter).Next")
	assert.EqualValues(t, 1, c.closed.Load(), "the source is closed (upstream cancelled)")
}

func TestPanicInSubscriberIsDropped(t *testing.T) {
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)

	c := newCounter(10)
	r := &rec{onNext: func(*rec, int) { panic("subscriber bug") }}
	Subscribe[int](r, c)
	require.NotPanics(t, func() { r.sub.Request(5) })
	r.sub.Request(5) // the subscription counts as cancelled (rule 2.13)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{0}, items)
	assert.NoError(t, err)
	assert.Zero(t, r.terminals)
	assert.EqualValues(t, 1, c.closed.Load())
	require.Len(t, dropped, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, dropped[0], &pe)
	assert.Equal(t, "subscriber bug", pe.Value)
}

type panicOnComplete struct{ rec }

func (p *panicOnComplete) OnComplete() { panic("complete bug") }

func TestPanicInOnCompleteAtSubscribeIsDropped(t *testing.T) {
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)
	require.NotPanics(t, func() { Subscribe[int](&panicOnComplete{}, eager{newCounter(0)}) })
	require.Len(t, dropped, 1)
	var pe *sluice.PanicError
	assert.ErrorAs(t, dropped[0], &pe)
}

// TestConcurrentRequest: Request(1) from many goroutines delivers exactly the
// demanded count, in order, never overlapping.
func TestConcurrentRequest(t *testing.T) {
	const goroutines, each = 16, 1000
	r := &rec{}
	Subscribe[int](r, eager{newCounter(goroutines*each + 10)})
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				r.sub.Request(1)
			}
		}()
	}
	wg.Wait()
	items, err, done := r.snapshot()
	assert.NoError(t, err)
	assert.Zero(t, done)
	assert.Equal(t, ints(0, goroutines*each), items)
	assert.False(t, r.overlap.Load(), "signals overlapped")
}

func TestTerminate(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name    string
		err     error
		onSub   func(s sluice.Subscription)
		wantErr error
		done    int
	}{
		{"complete without demand", nil, nil, nil, 1},
		{"error without demand", boom, nil, boom, 0},
		{"complete with demand", nil, func(s sluice.Subscription) { s.Request(1) }, nil, 1},
		{"invalid request during OnSubscribe", nil, func(s sluice.Subscription) { s.Request(0) }, sluice.ErrInvalidDemand, 0},
		{"invalid request overtakes the error", boom, func(s sluice.Subscription) { s.Request(-1) }, sluice.ErrInvalidDemand, 0},
		{"cancel during OnSubscribe", boom, func(s sluice.Subscription) { s.Cancel() }, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &rec{onSub: tc.onSub}
			Terminate[int](r, tc.err)
			_, err, done := r.snapshot()
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tc.done, done)
			assert.LessOrEqual(t, r.terminals, 1)
			r.sub.Request(0) // after the end: a no-op
			r.sub.Cancel()
			assert.LessOrEqual(t, r.terminals, 1)
		})
	}
}

// fuser takes the source over in OnSubscribe.
type fuser struct {
	rec
	src Source[int]
}

func (f *fuser) OnSubscribe(s sluice.Subscription) {
	f.rec.OnSubscribe(s)
	f.src = s.(*Subscription[int]).Fuse()
}

func TestFuse(t *testing.T) {
	c := newCounter(3)
	f := &fuser{}
	Subscribe[int](f, eager{c})
	require.NotNil(t, f.src, "Fuse inside OnSubscribe hands the source over")
	f.sub.Request(10) // ignored once fused
	assert.Zero(t, f.terminals)
	assert.Empty(t, f.items)
	var got []int
	for {
		v, ok, err := f.src.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
		got = append(got, v)
	}
	assert.Equal(t, ints(0, 3), got)
	assert.Zero(t, c.closed.Load(), "closing is the fusing subscriber's job")

	r := &rec{onSub: func(s sluice.Subscription) { s.Request(1) }}
	Subscribe[int](r, newCounter(3))
	assert.Nil(t, r.sub.(*Subscription[int]).Fuse(), "no fusion after a Request")
	r.sub.Request(2)
	items, _, _ := r.snapshot()
	assert.Equal(t, ints(0, 3), items)
}
