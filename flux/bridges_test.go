package flux

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingRange counts how many elements the source produced (generator
// calls), so tests can check demand.
func countingRange(n int, produced *atomic.Int64) Flux[int] {
	return Generate(nil, func(i int, s SynchronousSink[int]) int {
		if i == n {
			s.Complete()
			return i
		}
		produced.Add(1)
		s.Next(i)
		return i + 1
	})
}

// requestLog records every Request made through it.
type requestLog struct {
	src  Flux[int]
	reqs *[]int64
}

func (p requestLog) Subscribe(s sluice.Subscriber[int]) {
	p.src.Subscribe(&reqTap{Subscriber: s, reqs: p.reqs})
}

type reqTap struct {
	sluice.Subscriber[int]
	reqs *[]int64
	up   sluice.Subscription
}

func (t *reqTap) OnSubscribe(s sluice.Subscription) { t.up = s; t.Subscriber.OnSubscribe(t) }
func (t *reqTap) Request(n int64)                   { *t.reqs = append(*t.reqs, n); t.up.Request(n) }
func (t *reqTap) Cancel()                           { t.up.Cancel() }

func TestSubscribeWithBatches(t *testing.T) {
	var reqs []int64
	var got []int
	completed := false
	From[int](requestLog{src: Range(0, 20), reqs: &reqs}).SubscribeWith(t.Context(), Callbacks[int]{
		OnNext:     func(v int) { got = append(got, v) },
		OnComplete: func() { completed = true },
	}, Batches(8))
	assert.Equal(t, intsUpTo(20), got)
	assert.True(t, completed)
	assert.Equal(t, []int64{8, 6, 6, 6}, reqs, "first 8, then 6 each time 75 %% is consumed")

	reqs = nil
	From[int](requestLog{src: Range(0, 3), reqs: &reqs}).SubscribeWith(t.Context(), Callbacks[int]{}, Unbounded())
	assert.Equal(t, []int64{sluice.Unbounded}, reqs)
}

func TestSubscribeWithPanicGoesToOnError(t *testing.T) {
	var produced atomic.Int64
	var gotErr error
	countingRange(100, &produced).SubscribeWith(t.Context(), Callbacks[int]{
		OnNext: func(v int) {
			if v == 3 {
				panic("callback")
			}
		},
		OnError: func(err error) { gotErr = err },
	}, Batches(1))
	var pe *sluice.PanicError
	require.ErrorAs(t, gotErr, &pe)
	assert.Equal(t, int64(4), produced.Load(), "upstream cancelled at the panic")
}

func TestSubscribeWithCancel(t *testing.T) {
	ch := make(chan int)
	ctx, cancel := context.WithCancel(t.Context())
	called := false
	FromChannel(ch).SubscribeWith(ctx, Callbacks[int]{
		OnError:    func(error) { called = true },
		OnComplete: func() { called = true },
	}, Unbounded())
	cancel() // the receiving goroutine must exit (goleak)
	assert.False(t, called)

	stop := FromChannel(ch).SubscribeWith(t.Context(), Callbacks[int]{}, Batches(4))
	stop()
	stop()
}

func TestBlockFirstLast(t *testing.T) {
	var produced atomic.Int64
	v, ok, err := countingRange(1000, &produced).BlockFirst(t.Context())
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 0, v)
	assert.Equal(t, int64(1), produced.Load(), "BlockFirst requests one")

	v, ok, err = Range(0, 10).BlockLast(t.Context())
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 9, v)
	v, ok, err = countingRange(10, &produced).BlockLast(t.Context())
	assert.Equal(t, 9, v)
	assert.True(t, ok)
	assert.NoError(t, err)

	_, ok, err = Empty[int]().BlockFirst(t.Context())
	assert.False(t, ok)
	assert.NoError(t, err)
	_, ok, err = Empty[int]().BlockLast(t.Context())
	assert.False(t, ok)
	assert.NoError(t, err)

	boom := errors.New("boom")
	_, _, err = Error[int](boom).BlockFirst(t.Context())
	assert.ErrorIs(t, err, boom)
	_, _, err = Error[int](boom).BlockLast(t.Context())
	assert.ErrorIs(t, err, boom)
	_, err = Error[int](boom).Collect(t.Context())
	assert.ErrorIs(t, err, boom)
	got, err := Empty[int]().Collect(t.Context())
	assert.NoError(t, err)
	assert.Equal(t, []int{}, got)
}

func TestBlockingCallsHonourContext(t *testing.T) {
	blocking := map[string]func(ctx context.Context, f Flux[int]) error{
		"BlockFirst": func(ctx context.Context, f Flux[int]) error { _, _, err := f.BlockFirst(ctx); return err },
		"BlockLast":  func(ctx context.Context, f Flux[int]) error { _, _, err := f.BlockLast(ctx); return err },
		"Collect":    func(ctx context.Context, f Flux[int]) error { _, err := f.Collect(ctx); return err },
		"All": func(ctx context.Context, f Flux[int]) error {
			for _, err := range f.All(ctx) {
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	for name, call := range blocking {
		t.Run(name+"/async", func(t *testing.T) {
			ch := make(chan int) // never sends
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error)
			go func() { done <- call(ctx, FromChannel(ch)) }()
			cancel()
			assert.ErrorIs(t, <-done, context.Canceled)
		})
		t.Run(name+"/never", func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error)
			go func() { done <- call(ctx, Never[int]()) }()
			cancel()
			assert.ErrorIs(t, <-done, context.Canceled)
		})
		t.Run(name+"/sync infinite", func(t *testing.T) {
			if name == "BlockFirst" {
				t.Skip("BlockFirst ends after one element")
			}
			ctx, cancel := context.WithCancel(t.Context())
			n := 0
			inf := Generate(nil, func(i int, s SynchronousSink[int]) int {
				if n++; n == 5000 {
					cancel()
				}
				s.Next(i)
				return i + 1
			})
			assert.ErrorIs(t, call(ctx, inf), context.Canceled)
		})
	}
}

func TestAllBatchesAndBreak(t *testing.T) {
	var reqs []int64
	var produced atomic.Int64
	n := 0
	for v, err := range From[int](requestLog{src: countingRange(10_000, &produced), reqs: &reqs}).All(t.Context()) {
		require.NoError(t, err)
		require.Equal(t, n, v)
		if n++; n == 1000 {
			break
		}
	}
	assert.Equal(t, int64(DefaultPrefetch), reqs[0])
	for _, r := range reqs[1:] {
		assert.Equal(t, int64(DefaultPrefetch-DefaultPrefetch/4), r)
	}
	assert.LessOrEqual(t, produced.Load(), int64(1000+DefaultPrefetch), "never more than prefetch ahead")
}

func TestAllAsyncAndError(t *testing.T) {
	ch := make(chan int)
	go func() {
		for i := range 2000 {
			ch <- i
		}
		close(ch)
	}()
	var got []int
	for v, err := range FromChannel(ch).All(t.Context()) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, intsUpTo(2000), got)

	boom := errors.New("boom")
	var errs []error
	for _, err := range Error[int](boom).All(t.Context()) {
		errs = append(errs, err)
	}
	assert.Equal(t, []error{boom}, errs)
}

func TestAllPanicInBodyCancels(t *testing.T) {
	ch := make(chan int, 1)
	ch <- 1
	assert.Panics(t, func() {
		for range FromChannel(ch).All(t.Context()) {
			panic("body")
		}
	}) // the subscription is cancelled: goleak sees no receiver left
}

func TestToChannel(t *testing.T) {
	out, errf := Range(0, 100).ToChannel(t.Context(), 8)
	var got []int
	for v := range out {
		got = append(got, v)
	}
	assert.Equal(t, intsUpTo(100), got)
	assert.NoError(t, errf())

	boom := errors.New("boom")
	out, errf = Error[int](boom).ToChannel(t.Context(), 0)
	for range out {
	}
	assert.ErrorIs(t, errf(), boom)

	ctx, cancel := context.WithCancel(t.Context())
	out, errf = Range(0, 1_000_000).ToChannel(ctx, 0)
	<-out
	cancel()
	for range out {
	}
	assert.ErrorIs(t, errf(), context.Canceled)
}

func TestAllFusedPanicAndBreak(t *testing.T) {
	assert.PanicsWithValue(t, "body", func() {
		for range Range(0, 10).All(t.Context()) {
			panic("body")
		}
	})
	// FromIter's ForEach recovers panics of the sequence, not of the body.
	assert.PanicsWithValue(t, "body", func() {
		for range FromIter(seqOf(10)).All(t.Context()) {
			panic("body")
		}
	})
	n := 0
	for v := range Just(1, 2, 3, 4).All(t.Context()) {
		if n += v; v == 2 {
			break
		}
	}
	assert.Equal(t, 3, n)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, err := range Range(0, 10).All(ctx) {
		assert.ErrorIs(t, err, context.Canceled)
	}
}
