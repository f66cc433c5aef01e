package flux

import (
	"errors"
	"iter"
	"slices"
	"sync"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// finiteSource builds a flux that emits 0..n-1 and completes.
type finiteSource struct {
	name  string
	make  func(n int) Flux[int]
	async bool // emits from another goroutine: wait for signals
}

func seqOf(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func countGen(n int) Flux[int] {
	return Generate(func() int { return 0 }, func(i int, s SynchronousSink[int]) int {
		if i == n {
			s.Complete()
			return i
		}
		s.Next(i)
		return i + 1
	})
}

func intsUpTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

var finiteSources = []finiteSource{
	{name: "Just", make: func(n int) Flux[int] { return Just(intsUpTo(n)...) }},
	{name: "FromSlice", make: func(n int) Flux[int] { return FromSlice(intsUpTo(n)) }},
	{name: "Range", make: func(n int) Flux[int] { return Range(0, n) }},
	{name: "FromIter", make: func(n int) Flux[int] { return FromIter(seqOf(n)) }},
	{name: "Generate", make: countGen},
	{name: "Defer", make: func(n int) Flux[int] {
		return Defer(func() sluice.Publisher[int] { return Range(0, n) })
	}},
	{name: "FromChannel", async: true, make: func(n int) Flux[int] {
		ch := make(chan int, n)
		for i := range n {
			ch <- i
		}
		close(ch)
		return FromChannel(ch)
	}},
	{name: "CreateBuffer", make: func(n int) Flux[int] {
		return Create(func(s FluxSink[int]) {
			for i := range n {
				_ = s.Next(i)
			}
			s.Complete()
		}, OverflowBuffer)
	}},
	{name: "CreateOnRequest", make: func(n int) Flux[int] {
		return Create(func(s FluxSink[int]) {
			next := 0
			s.OnRequest(func(r int64) {
				for ; r > 0 && next < n; r-- {
					_ = s.Next(next)
					next++
				}
				if next == n {
					s.Complete()
				}
			})
			if n == 0 {
				s.Complete()
			}
		}, OverflowError)
	}},
	{name: "Using", make: func(n int) Flux[int] {
		return Using(func() (int, error) { return n, nil },
			func(n int) sluice.Publisher[int] { return Range(0, n) }, func(int) {})
	}},
}

// waitFor waits until the recorder holds want items or is done.
func waitItems(t *testing.T, r *srcRec[int], want int) {
	t.Helper()
	require.Eventually(t, func() bool {
		items, _, _ := r.snapshot()
		return len(items) >= want || r.isDone()
	}, waitLong, tick)
}

func TestSourcesOneByOne(t *testing.T) {
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			r := newRec[int](0)
			src.make(5).Subscribe(r)
			for i := 1; i <= 5; i++ {
				r.request(1)
				waitItems(t, r, i)
				items, _, _ := r.snapshot()
				require.Len(t, items, i, "never more than requested")
			}
			if !r.isDone() {
				r.request(1)
			}
			<-r.done
			items, err, completed := r.snapshot()
			require.NoError(t, err)
			assert.True(t, completed)
			assert.Equal(t, intsUpTo(5), items)
			assert.False(t, r.overlap.Load())
		})
	}
}

func TestSourcesBatchesAndEmpty(t *testing.T) {
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			r := newRec[int](3)
			src.make(10).Subscribe(r)
			waitItems(t, r, 3)
			items, _, _ := r.snapshot()
			require.Len(t, items, 3)
			r.request(4)
			waitItems(t, r, 7)
			items, _, _ = r.snapshot()
			require.Len(t, items, 7)
			r.request(100)
			<-r.done
			items, err, completed := r.snapshot()
			require.NoError(t, err)
			require.True(t, completed)
			require.Equal(t, intsUpTo(10), items)

			e := newRec[int](0)
			src.make(0).Subscribe(e)
			if !e.isDone() {
				e.request(1)
			}
			<-e.done
			items, err, completed = e.snapshot()
			require.NoError(t, err)
			require.True(t, completed)
			require.Empty(t, items)
		})
	}
}

func TestSourcesCancelMidStream(t *testing.T) {
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			r := newRec[int](0)
			r.onNext = func(r *srcRec[int], v int) {
				if v == 2 {
					r.cancel()
				}
			}
			src.make(10).Subscribe(r)
			r.request(sluice.Unbounded)
			waitItems(t, r, 3)
			items, _, _ := r.snapshot()
			assert.Equal(t, []int{0, 1, 2}, items)
			r.request(5) // no-op after cancel
			items, err, completed := r.snapshot()
			assert.Equal(t, []int{0, 1, 2}, items)
			assert.NoError(t, err)
			assert.False(t, completed)
		})
	}
}

func TestSourcesInvalidDemand(t *testing.T) {
	for _, src := range finiteSources {
		for _, n := range []int64{0, -1} {
			t.Run(src.name, func(t *testing.T) {
				r := newRec[int](0)
				src.make(10).Subscribe(r)
				r.request(n)
				<-r.done
				_, err, _ := r.snapshot()
				require.ErrorIs(t, err, sluice.ErrInvalidDemand)
				r.request(-1) // after the terminal: no second signal
				r.cancel()
				assert.Equal(t, 1, r.terminals)

				c := newRec[int](0)
				src.make(10).Subscribe(c)
				c.cancel()
				c.request(n) // after cancel: a no-op (rule 3.6)
				assert.False(t, c.isDone())
			})
		}
	}
}

func TestSourcesConcurrentRequest(t *testing.T) {
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			const goroutines, each = 8, 50
			r := newRec[int](0)
			src.make(10_000).Subscribe(r)
			var wg sync.WaitGroup
			for range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range each {
						r.request(1)
					}
				}()
			}
			wg.Wait()
			waitItems(t, r, goroutines*each)
			items, _, _ := r.snapshot()
			require.Len(t, items, goroutines*each)
			assert.Equal(t, intsUpTo(goroutines*each), items)
			assert.False(t, r.overlap.Load(), "signals overlapped")
			r.cancel()
		})
	}
}

func TestSourcesReentrantMillion(t *testing.T) {
	const n = 1_000_000
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			var count int
			var done sync.WaitGroup
			done.Add(1)
			s := &reentrant{onNext: func() { count++ }, done: done.Done}
			src.make(n).Subscribe(s)
			done.Wait()
			require.NoError(t, s.err)
			assert.Equal(t, n, count)
			assert.Less(t, s.maxDepth, 2048, "stack grew with re-entrant Request")
		})
	}
}

// reentrant requests one element at a time from inside OnNext and measures
// the stack depth there.
type reentrant struct {
	sub      sluice.Subscription
	onNext   func()
	done     func()
	err      error
	maxDepth int
	calls    int
}

func (r *reentrant) OnSubscribe(s sluice.Subscription) { r.sub = s; s.Request(1) }
func (r *reentrant) OnNext(int) {
	r.onNext()
	if r.calls++; r.calls%100_000 == 1 {
		r.maxDepth = max(r.maxDepth, stackDepth())
	}
	r.sub.Request(1)
}
func (r *reentrant) OnError(err error) { r.err = err; r.done() }
func (r *reentrant) OnComplete()       { r.done() }

func TestSourcesPanicInSubscriberIsDropped(t *testing.T) {
	var dropped []error
	var mu sync.Mutex
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) {
		mu.Lock()
		dropped = append(dropped, err)
		mu.Unlock()
	}})
	defer sluice.SetDroppedHooks(prev)
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			r := newRec[int](0)
			r.onNext = func(*srcRec[int], int) { panic("subscriber bug") }
			src.make(3).Subscribe(r)
			r.request(10)
			waitItems(t, r, 1)
			items, err, _ := r.snapshot()
			assert.Len(t, items, 1)
			assert.NoError(t, err)
		})
	}
	mu.Lock()
	defer mu.Unlock()
	for _, err := range dropped {
		var pe *sluice.PanicError
		require.True(t, errors.As(err, &pe))
	}
}

func TestSourcesCollect(t *testing.T) {
	for _, src := range finiteSources {
		t.Run(src.name, func(t *testing.T) {
			got, err := src.make(100).Collect(t.Context())
			require.NoError(t, err)
			assert.Equal(t, intsUpTo(100), got)
			var all []int
			for v, err := range src.make(1000).All(t.Context()) {
				require.NoError(t, err)
				all = append(all, v)
			}
			assert.True(t, slices.Equal(intsUpTo(1000), all))
		})
	}
}
