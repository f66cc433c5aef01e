package operators_test

import (
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

// fairBT is BufferTimeout with FairBackpressure over src.
func fairBT(src sluice.Publisher[int], maxSize int, v *scheduler.Virtual) sluice.Publisher[[]int] {
	return operators.BufferTimeout[int](src, maxSize, time.Second, v, operators.FairBackpressure())
}

// The source is asked for maxSize elements per requested slice, and a
// slice whose time is up while nothing is requested waits for demand
// instead of failing the stream; it keeps filling meanwhile with elements
// already requested.
func TestBufferTimeoutFairLateDemandAfterTimeout(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(fairBT(src, 3, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		Then(func() { require.Zero(t, src.demand(), "nothing requested yet") }).
		ThenRequest(1).
		Then(func() { require.EqualValues(t, 3, src.demand(), "maxSize per slice") }).
		Then(func() { src.next(1) }).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext([]int{1}).
		Then(func() { src.next(2) }).    // a new slice, its own timer
		ExpectNoEvent(10 * time.Second). // due after 1 s, but no demand: no overflow
		Then(func() { src.next(3) }).    // the last element already requested
		ExpectNoEvent(time.Second).
		Then(func() { require.EqualValues(t, 3, src.demand(), "no demand, no request") }).
		ThenRequest(1).
		ExpectNext([]int{2, 3}). // at once: it was due
		Then(func() { require.EqualValues(t, 3, src.demand(), "the request was used by the waiting slice") }).
		ThenRequest(1).
		Then(func() { require.EqualValues(t, 6, src.demand()) }).
		Then(func() { src.next(4, 5, 6) }).
		ExpectNext([]int{4, 5, 6}). // full: at once
		Then(src.complete).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

// Full slices wait for demand too, in order, and so does the completion.
func TestBufferTimeoutFairFullSlicesAndCompletionWaitForDemand(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(fairBT(src, 2, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ThenRequest(2).
		Then(func() { src.next(1) }).
		ThenAdvance(time.Second).
		ExpectNext([]int{1}).
		Then(func() { src.next(2) }).
		ThenAdvance(time.Second).
		ExpectNext([]int{2}).
		Then(func() { src.next(3, 4) }). // requested before: held
		Then(src.complete).
		ExpectNoEvent(5 * time.Second).
		ThenRequest(1).
		ExpectNext([]int{3, 4}).
		ExpectComplete().
		Verify(t)
	require.EqualValues(t, 4, src.demand())
	noTimers(t, v)

	// completion after a partial slice: the slice waits for demand, then
	// the completion follows it
	src = &hot[int]{}
	step.Create(fairBT(src, 5, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ThenRequest(1).
		Then(func() { src.next(1, 2) }).
		ThenAdvance(time.Second).
		ExpectNext([]int{1, 2}).
		Then(func() { src.next(3) }).
		Then(src.complete).
		ExpectNoEvent(time.Second).
		ThenRequest(1).
		ExpectNext([]int{3}).
		ExpectComplete().
		Verify(t)
	noTimers(t, v)
}

// The timer restarts for every slice: a slice that starts with elements
// left over by the previous one gets a full period from that moment.
func TestBufferTimeoutFairTimerRestartsPerSlice(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(fairBT(src, 2, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ThenRequest(2).
		Then(func() { src.next(1, 2, 3) }). // [1 2] full, 3 starts a slice
		ExpectNext([]int{1, 2}).
		ThenAdvance(500 * time.Millisecond).
		Then(func() { src.next(4) }).
		ExpectNext([]int{3, 4}).
		ThenRequest(1).
		Then(func() { src.next(5) }).
		ExpectNoEvent(999 * time.Millisecond).
		ThenAdvance(time.Millisecond).
		ExpectNext([]int{5}).
		ThenCancel().
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

func TestBufferTimeoutFairUnboundedDemand(t *testing.T) {
	v := vt(t)
	for _, n := range []int64{sluice.Unbounded, math.MaxInt64 / 2} {
		src := &hot[int]{}
		step.Create(fairBT(src, 3, v), step.WithVirtualTime(v), step.WithInitialRequest(n)).
			Then(func() { src.next(1, 2, 3, 4) }).
			ExpectNext([]int{1, 2, 3}).
			ThenAdvance(time.Second).
			ExpectNext([]int{4}).
			Then(src.complete).
			ExpectComplete().
			Verify(t)
		// n×maxSize saturates: the source is asked once, for everything
		src.mu.Lock()
		assert.Equal(t, []int64{sluice.Unbounded}, src.requests, "request %d", n)
		src.mu.Unlock()
	}
	noTimers(t, v)
}

// An error ends the stream without waiting for demand; a full slice that
// was requested goes out first, the partial one is dropped.
func TestBufferTimeoutFairErrorAtOnce(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(fairBT(src, 2, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ThenRequest(1).
		Then(func() { src.next(1) }).
		Then(func() { src.fail(errBoom) }).
		ExpectErrorIs(errBoom).
		Verify(t)
	noTimers(t, v)

	src = &hot[int]{}
	step.Create(fairBT(src, 2, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
		ThenRequest(2).
		Then(func() { src.next(1) }).
		ThenAdvance(time.Second).
		ExpectNext([]int{1}).
		Then(func() { src.next(2, 3) }).
		ThenAdvance(time.Second).
		ExpectNext([]int{2, 3}).
		Then(func() { src.fail(errBoom) }). // no demand left: the error still goes
		ExpectErrorIs(errBoom).
		Verify(t)
	noTimers(t, v)

	step.Create(fairBT(failing[int](errBoom, 1, 2, 3), 2, v)).
		ExpectNext([]int{1, 2}).
		ExpectErrorIs(errBoom).
		Verify(t)
}

func TestBufferTimeoutFairCancelEmptyInvalidOverflow(t *testing.T) {
	v := vt(t)
	src := &hot[int]{}
	step.Create(fairBT(src, 3, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		Then(func() { src.next(1) }).
		ThenCancel().
		ExpectNoEvent(5 * time.Second).
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)

	step.Create(fairBT(items[int](), 3, v), step.WithInitialRequest(0)).ExpectComplete().Verify(t)

	src = &hot[int]{}
	step.Create(fairBT(src, 3, v), step.WithInitialRequest(0)).
		ThenRequest(0).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
	require.True(t, src.isCancelled())

	// a source sending more than it was asked for
	src = &hot[int]{}
	step.Create(fairBT(src, 2, v), step.WithVirtualTime(v), step.WithInitialRequest(1)).
		Then(func() { src.next(1, 2, 3) }).
		ExpectNext([]int{1, 2}).
		ExpectErrorIs(operators.ErrOverflow).
		Verify(t)
	require.True(t, src.isCancelled())
	noTimers(t, v)
}

// Request one slice at a time, and in batches, over a synchronous range:
// exactly the slices requested arrive, and the range is asked for maxSize
// elements per slice.
func TestBufferTimeoutFairBoundedDemandOverRange(t *testing.T) {
	for _, batch := range []int64{1, 2, 3} {
		v := vt(t)
		src := &countingRange{n: 10}
		vf := step.Create(fairBT(src, 3, v), step.WithVirtualTime(v), step.WithInitialRequest(0)).
			ExpectNoEvent(0)
		want := [][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9}}
		for i := 0; i < len(want); i += int(batch) {
			vf = vf.ThenRequest(batch).ExpectNext(want[i:min(i+int(batch), len(want))]...)
			down := int64(i) + batch
			vf = vf.Then(func() { require.LessOrEqual(t, src.requested(), 3*down) })
		}
		vf.ExpectComplete().Verify(t)
		noTimers(t, v)
	}
}

// countingRange is flux.Range(0, n) that records the demand it receives.
type countingRange struct {
	n   int
	mu  sync.Mutex
	req int64
}

func (c *countingRange) Subscribe(s sluice.Subscriber[int]) {
	flux.Range(0, c.n).DoOnRequest(func(n int64) {
		c.mu.Lock()
		c.req += n
		c.mu.Unlock()
	}).Subscribe(s)
}

func (c *countingRange) requested() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.req
}

// Upstream elements on one goroutine, timers on another, requests from the
// consumer: every element arrives once, in order, in slices of at most
// maxSize, and nothing goes beyond demand (run with -race).
func TestBufferTimeoutFairConcurrent(t *testing.T) {
	par := scheduler.NewParallel()
	defer par.Dispose()
	const n = 20000
	src := flux.Range(0, n).PublishOn(par)
	p := operators.BufferTimeout[int](src, 7, 50*time.Microsecond, par, operators.FairBackpressure())
	c := &oneByOne{done: make(chan struct{})}
	p.Subscribe(c)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Fatal("timed out")
	}
	require.NoError(t, c.err)
	require.Len(t, c.got, n)
	for i, x := range c.got {
		require.Equal(t, i, x)
	}
	for _, size := range c.sizes {
		require.LessOrEqual(t, size, 7)
		require.Positive(t, size)
	}
}

// oneByOne requests one slice at a time, from inside OnNext.
type oneByOne struct {
	sub   sluice.Subscription
	got   []int
	sizes []int
	err   error
	out   int64 // outstanding demand, checked on every slice
	done  chan struct{}
}

func (c *oneByOne) OnSubscribe(s sluice.Subscription) {
	c.sub = s
	c.out = 1
	s.Request(1)
}

func (c *oneByOne) OnNext(b []int) {
	if c.out == 0 {
		c.err = errors.New("slice beyond demand")
	}
	c.out--
	c.got = append(c.got, b...)
	c.sizes = append(c.sizes, len(b))
	c.out++
	c.sub.Request(1)
}

func (c *oneByOne) OnError(err error) { c.err = err; close(c.done) }
func (c *oneByOne) OnComplete()       { close(c.done) }
