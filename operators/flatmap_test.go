package operators

import (
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

var errAsync = errors.New("boom")

const asyncWait = 10 * time.Second

func asyncPair(x int) sluice.Publisher[int] { return probe.Just(x*10, x*10+1) }

func TestFlatMapNormal(t *testing.T) {
	cases := []struct {
		name    string
		pub     sluice.Publisher[int]
		ordered bool
	}{
		{"FlatMap", FlatMap(probe.Range(0, 4), asyncPair, 2, 4), false},
		{"FlatMapDelayError", FlatMapDelayError(probe.Range(0, 4), asyncPair, 2, 4), false},
		{"FlatMapSequential", FlatMapSequential(probe.Range(0, 4), asyncPair, 2, 4), true},
		{"ConcatMap", ConcatMap(probe.Range(0, 4), asyncPair, 4), true},
	}
	want := []int{0, 1, 10, 11, 20, 21, 30, 31}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := probe.NewRecorder[int](sluice.Unbounded)
			c.pub.Subscribe(r)
			require.True(t, r.Await(asyncWait))
			require.True(t, r.Completed())
			if c.ordered {
				assert.Equal(t, want, r.Values())
			} else {
				assert.ElementsMatch(t, want, r.Values())
			}
			assert.Empty(t, r.Violations())
		})
	}
}

func TestFlatMapSequentialOrderWithAsyncInners(t *testing.T) {
	src := probe.Range(0, 20)
	pub := FlatMapSequential(src, func(x int) sluice.Publisher[int] {
		return &probe.GoRange{Start: x * 100, Count: 50}
	}, 8, 4)
	r := probe.NewRecorder[int](sluice.Unbounded)
	pub.Subscribe(r)
	require.True(t, r.Await(asyncWait))
	var want []int
	for x := range 20 {
		for k := range 50 {
			want = append(want, x*100+k)
		}
	}
	assert.Equal(t, want, r.Values())
	assert.Empty(t, r.Violations())
}

func TestFlatMapEmptySource(t *testing.T) {
	r := probe.NewRecorder[int](1)
	FlatMap(probe.Empty[int](), asyncPair, 4, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
	assert.Empty(t, r.Values())

	r = probe.NewRecorder[int](1)
	FlatMap(probe.Range(0, 5), func(int) sluice.Publisher[int] { return probe.Empty[int]() }, 2, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
}

func TestFlatMapUpstreamError(t *testing.T) {
	r := probe.NewRecorder[int](sluice.Unbounded)
	FlatMap(probe.Error[int](errAsync), asyncPair, 4, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errAsync)
}

func TestFlatMapInnerErrorFailFast(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 10))
	never := &probe.Never[int]{}
	pub := FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		if x == 2 {
			return probe.Error[int](errAsync)
		}
		return never
	}, 4, 4)
	r := probe.NewRecorder[int](sluice.Unbounded)
	pub.Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errAsync)
	assert.Equal(t, int64(1), src.Cancelled.Load())
	assert.Equal(t, int64(0), never.Live(), "live inners cancelled")
}

func TestFlatMapDelayErrorRunsOthersToTheEnd(t *testing.T) {
	pub := FlatMapDelayError(probe.Range(0, 4), func(x int) sluice.Publisher[int] {
		if x == 1 {
			return probe.Error[int](errAsync)
		}
		return asyncPair(x)
	}, 4, 4)
	r := probe.NewRecorder[int](sluice.Unbounded)
	pub.Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errAsync)
	assert.ElementsMatch(t, []int{0, 1, 20, 21, 30, 31}, r.Values())
}

func TestFlatMapPanicInMapper(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 10))
	pub := FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		if x == 3 {
			panic("mapper failed")
		}
		return asyncPair(x)
	}, 2, 4)
	r := probe.NewRecorder[int](sluice.Unbounded)
	pub.Subscribe(r)
	require.True(t, r.Await(asyncWait))
	var pe *sluice.PanicError
	require.ErrorAs(t, r.Err(), &pe)
	assert.Equal(t, "mapper failed", pe.Value)
	assert.Equal(t, int64(1), src.Cancelled.Load())
	assert.ElementsMatch(t, []int{0, 1, 10, 11, 20, 21}, r.Values())
}

func TestFlatMapNilPublisher(t *testing.T) {
	r := probe.NewRecorder[int](sluice.Unbounded)
	FlatMap(probe.Range(0, 3), func(int) sluice.Publisher[int] { return nil }, 2, 4).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), errNilPublisher)
}

func TestFlatMapInvalidDemand(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](0)
	FlatMap[int, int](src, asyncPair, 2, 4).Subscribe(r)
	r.Request(0)
	require.True(t, r.Await(asyncWait))
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
	assert.Equal(t, int64(1), src.Cancelled.Load())
}

func TestFlatMapCancelMidStream(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 1000))
	r := probe.NewRecorder[int](0)
	r.OnNextHook = func(r *probe.Recorder[int], v int) {
		if r.Len() == 5 {
			r.Cancel()
		}
	}
	FlatMap[int, int](src, asyncPair, 4, 4).Subscribe(r)
	r.Request(100)
	assert.Equal(t, 5, r.Len())
	assert.False(t, r.Terminated())
	assert.Equal(t, int64(1), src.Cancelled.Load())
	r.Request(10)
	assert.Equal(t, 5, r.Len())
}

func TestFlatMapOneAtATimeBoundsBuffering(t *testing.T) {
	const conc, prefetch = 3, 8
	src := probe.NewSpy(probe.Range(0, 10))
	var inners []*probe.Spy[int]
	pub := FlatMap[int, int](src, func(x int) sluice.Publisher[int] {
		s := probe.NewSpy(probe.Range(x*1000, 100))
		inners = append(inners, s)
		return s
	}, conc, prefetch)
	r := probe.NewRecorder[int](0)
	pub.Subscribe(r)
	innerEmitted := func() int64 {
		var n int64
		for _, s := range inners {
			n += s.Emitted.Load()
		}
		return n
	}
	for i := 1; i <= 250; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len(), "exactly what was asked")
		assert.LessOrEqual(t, src.Requested.Load(), int64(i/100+conc), "source demand bounded by concurrency")
		assert.LessOrEqual(t, innerEmitted()-int64(i), int64(conc*prefetch), "buffered at most prefetch per live inner")
	}
	assert.Equal(t, []int64{prefetch, prefetch - prefetch/4}, inners[0].Requests()[:2], "prefetch then batched replenishment")
	r.Request(sluice.Unbounded)
	require.True(t, r.Await(asyncWait))
	assert.Equal(t, 1000, r.Len())
	assert.Empty(t, r.Violations())
}

func TestFlatMapBatchedDemand(t *testing.T) {
	r := probe.NewRecorder[int](0)
	FlatMap(probe.Range(0, 100), func(x int) sluice.Publisher[int] { return probe.Range(x*10, 10) }, 4, 4).Subscribe(r)
	for i := 1; i <= 10; i++ {
		r.Request(100)
		require.Equal(t, i*100, r.Len())
	}
	require.True(t, r.Await(asyncWait))
	assert.True(t, r.Completed())
}

func TestFlatMapCancelThousandLiveInnersLeavesNoGoroutine(t *testing.T) {
	never := &probe.Never[int]{}
	var ranges []*probe.GoRange
	pub := FlatMap(probe.Range(0, 1000), func(x int) sluice.Publisher[int] {
		if x%2 == 0 {
			return never
		}
		g := &probe.GoRange{Start: 0, Count: 1 << 30}
		ranges = append(ranges, g)
		return g
	}, 0, 4)
	r := probe.NewRecorder[int](0)
	pub.Subscribe(r)
	r.Request(10)
	require.Eventually(t, func() bool { return r.Len() == 10 }, asyncWait, time.Millisecond)
	require.Equal(t, int64(500), never.Live())
	r.Cancel()
	assert.Equal(t, int64(0), never.Live())
	require.Eventually(t, func() bool {
		for _, g := range ranges {
			if g.Live.Load() != 0 {
				return false
			}
		}
		return true
	}, asyncWait, time.Millisecond)
	goleak.VerifyNone(t)
	assert.Empty(t, r.Violations())
}

func TestFlatMapThousandConcurrentInnersExactlyOnce(t *testing.T) {
	const inners, per = 1000, 50
	for _, demandMode := range []string{"unbounded", "batches"} {
		t.Run(demandMode, func(t *testing.T) {
			pub := FlatMap(probe.Range(0, inners), func(x int) sluice.Publisher[int] {
				return &probe.GoRange{Start: x * per, Count: per}
			}, 0, 8)
			var r *probe.Recorder[int]
			if demandMode == "unbounded" {
				r = probe.NewRecorder[int](sluice.Unbounded)
			} else {
				r = probe.NewRecorder[int](64)
				r.OnNextHook = func(r *probe.Recorder[int], v int) {
					if r.Len()%64 == 0 {
						r.Request(64)
					}
				}
			}
			pub.Subscribe(r)
			require.True(t, r.Await(30*time.Second))
			require.True(t, r.Completed())
			got := r.Values()
			sort.Ints(got)
			require.Len(t, got, inners*per)
			for i, v := range got {
				require.Equal(t, i, v)
			}
			assert.Empty(t, r.Violations())
		})
	}
}
