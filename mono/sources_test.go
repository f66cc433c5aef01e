package mono

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rec records signals and requests only when told to.
type rec struct {
	mu        sync.Mutex
	sub       sluice.Subscription
	items     []int
	err       error
	completed bool
	done      chan struct{}
	initial   int64
}

func newRec(initial int64) *rec { return &rec{done: make(chan struct{}), initial: initial} }

func (r *rec) OnSubscribe(s sluice.Subscription) {
	r.mu.Lock()
	r.sub = s
	r.mu.Unlock()
	if r.initial != 0 {
		s.Request(r.initial)
	}
}
func (r *rec) OnNext(v int) { r.mu.Lock(); r.items = append(r.items, v); r.mu.Unlock() }
func (r *rec) OnError(err error) {
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
	close(r.done)
}
func (r *rec) OnComplete() {
	r.mu.Lock()
	r.completed = true
	r.mu.Unlock()
	close(r.done)
}
func (r *rec) subscription() sluice.Subscription { r.mu.Lock(); defer r.mu.Unlock(); return r.sub }
func (r *rec) isDone() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}
func (r *rec) result() ([]int, error, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.items...), r.err, r.completed
}

var monoSources = map[string]func() Mono[int]{
	"Just":     func() Mono[int] { return Just(7) },
	"FromFunc": func() Mono[int] { return FromFunc(func(context.Context) (int, error) { return 7, nil }) },
	"Create":   func() Mono[int] { return Create(func(s MonoSink[int]) { s.Success(7) }) },
	"FromChannel": func() Mono[int] {
		ch := make(chan int, 1)
		ch <- 7
		return FromChannel(ch)
	},
	"Defer": func() Mono[int] { return Defer(func() Mono[int] { return Just(7) }) },
}

func TestMonoSourcesDemandAndInvalid(t *testing.T) {
	for name, src := range monoSources {
		t.Run(name, func(t *testing.T) {
			r := newRec(0)
			src().Subscribe(r)
			assert.False(t, r.isDone(), "nothing before demand")
			r.subscription().Request(1)
			<-r.done
			items, err, completed := r.result()
			assert.Equal(t, []int{7}, items)
			assert.NoError(t, err)
			assert.True(t, completed)

			for _, n := range []int64{0, -1} {
				bad := newRec(0)
				src().Subscribe(bad)
				bad.subscription().Request(n)
				<-bad.done
				_, err, _ := bad.result()
				assert.ErrorIs(t, err, sluice.ErrInvalidDemand)
			}

			c := newRec(0)
			src().Subscribe(c)
			c.subscription().Cancel()
			c.subscription().Request(0)
			assert.False(t, c.isDone())
		})
	}
}

func TestMonoBlock(t *testing.T) {
	for name, src := range monoSources {
		v, ok, err := src().Block(t.Context())
		assert.Equal(t, 7, v, name)
		assert.True(t, ok, name)
		assert.NoError(t, err, name)
	}
	_, ok, err := Empty[int]().Block(t.Context())
	assert.False(t, ok)
	assert.NoError(t, err)
	boom := errors.New("boom")
	_, _, err = Error[int](boom).Block(t.Context())
	assert.ErrorIs(t, err, boom)
	_, ok, err = Mono[int]{}.Block(t.Context())
	assert.False(t, ok)
	assert.NoError(t, err)
}

func TestFromFuncRunsOnDemandWithCancellableCtx(t *testing.T) {
	var calls atomic.Int32
	started := make(chan struct{})
	m := FromFunc(func(ctx context.Context) (int, error) {
		calls.Add(1)
		close(started)
		<-ctx.Done() // blocks until the subscriber cancels
		return 0, ctx.Err()
	})
	r := newRec(0)
	m.Subscribe(r)
	assert.Equal(t, int32(0), calls.Load())

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { _, _, err := m.Block(ctx); done <- err }()
	<-started
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	r.subscription().Cancel()
}

func TestFromFuncErrorAndPanic(t *testing.T) {
	boom := errors.New("boom")
	_, _, err := FromFunc(func(context.Context) (int, error) { return 0, boom }).Block(t.Context())
	assert.ErrorIs(t, err, boom)
	_, _, err = FromFunc(func(context.Context) (int, error) { panic("fn") }).Block(t.Context())
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "fn", pe.Value)
	_, _, err = Defer(func() Mono[int] { panic("supplier") }).Block(t.Context())
	require.ErrorAs(t, err, &pe)
	_, _, err = Create(func(MonoSink[int]) { panic("create") }).Block(t.Context())
	require.ErrorAs(t, err, &pe)
}

func TestCreateHoldsValueUntilDemand(t *testing.T) {
	var sink MonoSink[int]
	disposed, cancelled := 0, 0
	r := newRec(0)
	Create(func(s MonoSink[int]) {
		sink = s
		s.OnDispose(func() { disposed++ })
		s.OnCancel(func() { cancelled++ })
	}).Subscribe(r)
	sink.Success(1)
	sink.Success(2) // dropped
	sink.Error(errors.New("late"))
	assert.False(t, r.isDone())
	r.subscription().Request(1)
	items, err, completed := r.result()
	assert.Equal(t, []int{1}, items)
	assert.NoError(t, err)
	assert.True(t, completed)
	assert.Equal(t, 1, disposed)
	assert.Equal(t, 0, cancelled)
	<-sink.Context().Done()
}

func TestCreateCancel(t *testing.T) {
	var sink MonoSink[int]
	events := []string{}
	r := newRec(1)
	Create(func(s MonoSink[int]) {
		sink = s
		s.OnCancel(func() { events = append(events, "cancel") })
		s.OnDispose(func() { events = append(events, "dispose") })
	}).Subscribe(r)
	r.subscription().Cancel()
	r.subscription().Cancel()
	sink.Success(1)
	assert.False(t, r.isDone())
	assert.Equal(t, []string{"cancel", "dispose"}, events)
}

func TestFromChannel(t *testing.T) {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	m := FromChannel(ch)
	r := newRec(0)
	m.Subscribe(r)
	assert.Len(t, ch, 2, "nothing read before demand")
	r.subscription().Request(5)
	<-r.done
	items, _, completed := r.result()
	assert.Equal(t, []int{1}, items)
	assert.True(t, completed)
	assert.Len(t, ch, 1, "only the first value is read")

	empty := make(chan int)
	close(empty)
	_, ok, err := FromChannel(empty).Block(t.Context())
	assert.False(t, ok)
	assert.NoError(t, err)

	never := make(chan int)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { _, _, err := FromChannel(never).Block(ctx); done <- err }()
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)

	ctx2, cancel2 := context.WithCancel(t.Context())
	r2 := newRec(1)
	FromChannelCtx(ctx2, never).Subscribe(r2)
	cancel2()
	<-r2.done
	_, err, _ = r2.result()
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSubscribeWith(t *testing.T) {
	var got []int
	completed := false
	Just(3).SubscribeWith(t.Context(), Callbacks[int]{
		OnNext:     func(v int) { got = append(got, v) },
		OnComplete: func() { completed = true },
	})
	assert.Equal(t, []int{3}, got)
	assert.True(t, completed)

	var gotErr error
	Just(3).SubscribeWith(t.Context(), Callbacks[int]{
		OnNext:  func(int) { panic("cb") },
		OnError: func(err error) { gotErr = err },
	})
	var pe *sluice.PanicError
	require.ErrorAs(t, gotErr, &pe)

	stop := Never[int]().SubscribeWith(t.Context(), Callbacks[int]{})
	stop()
}

func TestNeverInvalidDemandAndCancel(t *testing.T) {
	r := newRec(-1)
	Never[int]().Subscribe(r)
	_, err, _ := r.result()
	assert.ErrorIs(t, err, sluice.ErrInvalidDemand)
	c := newRec(1)
	Never[int]().Subscribe(c)
	c.subscription().Cancel()
	c.subscription().Request(0)
	assert.False(t, c.isDone())
}
