package workload

import (
	"context"
	"math"

	"github.com/reactivex/rxgo/v2"
	"github.com/samber/lo"
	"github.com/samber/ro"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// Sizes of the asynchronous workloads.
const (
	FlatMapSize  = 1000 * 1000
	HandOffSize  = 1_000_000
	MergeSources = 8
	MergeSize    = 1_000_000
	ZipSize      = 1_000_000
)

func init() {
	mergeNote := "merge of 8 synchronous range sources: sluice and samber/ro drain them on the caller's goroutine, rxgo runs one goroutine per source; plain is the loop over the 8 ranges"
	register(
		Workload{Group: "FlatMap", Impl: Sluice, Unit: "elem", Size: FlatMapSize, New: pure(sluiceFlatMap)},
		Workload{Group: "FlatMap", Impl: Ro, Unit: "elem", Size: FlatMapSize, New: pure(roFlatMap)},
		Workload{Group: "FlatMap", Impl: RxGo, Unit: "elem", Size: FlatMapSize, New: pure(rxgoFlatMap)},
		Workload{Group: "FlatMap", Impl: Plain, Unit: "elem", Size: FlatMapSize, New: pure(plainFlatMap)},

		Workload{Group: "PublishOn", Impl: Sluice, Unit: "elem", Size: HandOffSize, New: newSluicePublishOn},
		Workload{Group: "PublishOn", Impl: Ro, Unit: "elem", Size: HandOffSize, Note: "samber/ro ObserveOn(256)", New: pure(roObserveOn)},
		Workload{Group: "PublishOn", Impl: RxGo, Unit: "elem", Size: HandOffSize, Note: "rxgo Range(…, WithBufferedChannel(256)).Observe(): the producer goroutine's channel", New: pure(rxgoObserve)},
		Workload{Group: "PublishOn", Impl: Plain, Unit: "elem", Size: HandOffSize, Note: "plain PublishOn: a producer goroutine and a chan int of capacity 256", New: pure(plainHandOff)},

		Workload{Group: "Merge8", Impl: Sluice, Unit: "elem", Size: MergeSize, Note: mergeNote, New: pure(sluiceMerge)},
		Workload{Group: "Merge8", Impl: Ro, Unit: "elem", Size: MergeSize, New: pure(roMerge)},
		Workload{Group: "Merge8", Impl: RxGo, Unit: "elem", Size: MergeSize, New: pure(rxgoMerge)},
		Workload{Group: "Merge8", Impl: Plain, Unit: "elem", Size: MergeSize, New: pure(plainMerge)},

		Workload{Group: "Zip2", Impl: Sluice, Unit: "elem", Size: ZipSize, New: pure(sluiceZip)},
		Workload{Group: "Zip2", Impl: Ro, Unit: "elem", Size: ZipSize, New: pure(roZip)},
		Workload{Group: "Zip2", Impl: RxGo, Unit: "elem", Size: ZipSize, New: pure(rxgoZip)},
		Workload{Group: "Zip2", Impl: Plain, Unit: "elem", Size: ZipSize, New: pure(plainZip)},
	)
}

// flatMapShape splits size into outer × inner (1000 × 1000 at full size).
func flatMapShape(size int) (outer, inner int) {
	s := int(math.Sqrt(float64(size)))
	return s, size / s
}

// rangeSum is 0+1+…+(n-1).
func rangeSum(n int) int { return n * (n - 1) / 2 }

// ---- flatMap

func plainFlatMap(size int) error {
	outer, inner := flatMapShape(size)
	c := 0
	for i := 0; i < outer; i++ {
		for j := 0; j < inner; j++ {
			c++
		}
	}
	return checkCount(c, outer*inner)
}

func checkCount[N int | int64](got N, want int) error {
	if int(got) != want {
		return mismatch("count", got, want)
	}
	return nil
}

func sluiceFlatMap(size int) error {
	outer, inner := flatMapShape(size)
	pub := operators.Count(operators.FlatMap(flux.Range(0, outer), func(int) sluice.Publisher[int] {
		return flux.Range(0, inner)
	}, operators.DefaultConcurrency, operators.DefaultPrefetch))
	var r result[int64]
	pub.Subscribe(&r)
	c, err := r.check("count")
	if err != nil {
		return err
	}
	return checkCount(c, outer*inner)
}

func roFlatMap(size int) error {
	outer, inner := flatMapShape(size)
	obs := ro.Pipe2(
		ro.Range(0, int64(outer)),
		ro.FlatMap(func(int64) ro.Observable[int64] { return ro.Range(0, int64(inner)) }),
		ro.Count[int64](),
	)
	c, err := roLast(obs)
	if err != nil {
		return err
	}
	return checkCount(c, outer*inner)
}

// roLast subscribes and waits for the terminal signal, returning the last
// value.
func roLast[T any](obs ro.Observable[T]) (T, error) {
	var last T
	var err error
	done := make(chan struct{})
	obs.Subscribe(ro.NewObserver(
		func(v T) { last = v },
		func(e error) { err = e; close(done) },
		func() { close(done) },
	))
	<-done
	return last, err
}

func rxgoFlatMap(size int) error {
	outer, inner := flatMapShape(size)
	v, err := rxgo.Range(0, outer).
		FlatMap(func(rxgo.Item) rxgo.Observable { return rxgo.Range(0, inner) }).
		Count().
		Get()
	if err != nil {
		return err
	}
	if v.E != nil {
		return v.E
	}
	return checkCount(v.V.(int64), outer*inner)
}

// ---- publishOn hand-off

// waiter sums with unbounded demand and closes done at the terminal signal.
type waiter struct {
	n, sum int
	err    error
	done   chan struct{}
}

func (w *waiter) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (w *waiter) OnNext(v int)                      { w.n++; w.sum += v }
func (w *waiter) OnError(err error)                 { w.err = err; close(w.done) }
func (w *waiter) OnComplete()                       { close(w.done) }

func (w *waiter) check(n, sum int) error {
	<-w.done
	if w.err != nil {
		return w.err
	}
	if w.n != n || w.sum != sum {
		return mismatch("count/sum", [2]int{w.n, w.sum}, [2]int{n, sum})
	}
	return nil
}

type sluicePublishOn struct {
	sched scheduler.Scheduler
	size  int
}

func newSluicePublishOn(size int) (Runner, error) {
	return &sluicePublishOn{sched: scheduler.NewSingle(), size: size}, nil
}

func (p *sluicePublishOn) Round() error {
	w := &waiter{done: make(chan struct{})}
	operators.PublishOn(flux.Range(0, p.size), p.sched, 256).Subscribe(w)
	return w.check(p.size, rangeSum(p.size))
}

func (p *sluicePublishOn) Close() error { p.sched.Dispose(); return nil }

func roObserveOn(n int) error {
	s, err := roLast(ro.Pipe2(
		ro.Range(0, int64(n)),
		ro.ObserveOn[int64](256),
		ro.Sum[int64](),
	))
	if err != nil {
		return err
	}
	if int(s) != rangeSum(n) {
		return mismatch("sum", s, rangeSum(n))
	}
	return nil
}

func rxgoObserve(n int) error {
	c, s := 0, 0
	for it := range rxgo.Range(0, n, rxgo.WithBufferedChannel(256)).Observe() {
		if it.E != nil {
			return it.E
		}
		c++
		s += it.V.(int)
	}
	if c != n || s != rangeSum(n) {
		return mismatch("count/sum", [2]int{c, s}, [2]int{n, rangeSum(n)})
	}
	return nil
}

func plainHandOff(n int) error {
	ch := make(chan int, 256)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	c, s := 0, 0
	for v := range ch {
		c++
		s += v
	}
	if c != n || s != rangeSum(n) {
		return mismatch("count/sum", [2]int{c, s}, [2]int{n, rangeSum(n)})
	}
	return nil
}

// ---- merge of 8

func mergeShape(n int) int { return n / MergeSources }

func sluiceMerge(n int) error {
	per := mergeShape(n)
	srcs := make([]sluice.Publisher[int], MergeSources)
	for i := range srcs {
		srcs[i] = flux.Range(i*per, per)
	}
	w := &waiter{done: make(chan struct{})}
	operators.Merge(operators.DefaultPrefetch, srcs...).Subscribe(w)
	return w.check(per*MergeSources, rangeSum(per*MergeSources))
}

func roMerge(n int) error {
	per := mergeShape(n)
	srcs := make([]ro.Observable[int64], MergeSources)
	for i := range srcs {
		srcs[i] = ro.Range(int64(i*per), int64((i+1)*per))
	}
	s, err := roLast(ro.Pipe1(ro.Merge(srcs...), ro.Sum[int64]()))
	if err != nil {
		return err
	}
	if want := rangeSum(per * MergeSources); int(s) != want {
		return mismatch("sum", s, want)
	}
	return nil
}

func rxgoMerge(n int) error {
	per := mergeShape(n)
	srcs := make([]rxgo.Observable, MergeSources)
	for i := range srcs {
		srcs[i] = rxgo.Range(i*per, per)
	}
	c, s := 0, 0
	for it := range rxgo.Merge(srcs).Observe() {
		if it.E != nil {
			return it.E
		}
		c++
		s += it.V.(int)
	}
	if want := rangeSum(per * MergeSources); c != per*MergeSources || s != want {
		return mismatch("count/sum", [2]int{c, s}, [2]int{per * MergeSources, want})
	}
	return nil
}

func plainMerge(n int) error {
	per := mergeShape(n)
	c, s := 0, 0
	for i := 0; i < MergeSources; i++ {
		for v := i * per; v < (i+1)*per; v++ {
			c++
			s += v
		}
	}
	if want := rangeSum(per * MergeSources); c != per*MergeSources || s != want {
		return mismatch("count/sum", [2]int{c, s}, [2]int{per * MergeSources, want})
	}
	return nil
}

// ---- zip of 2

func sluiceZip(n int) error {
	w := &waiter{done: make(chan struct{})}
	operators.Zip2(flux.Range(0, n), flux.Range(0, n), add, operators.DefaultPrefetch).Subscribe(w)
	return w.check(n, 2*rangeSum(n))
}

func roZip(n int) error {
	s, err := roLast(ro.Pipe2(
		ro.Zip2(ro.Range(0, int64(n)), ro.Range(0, int64(n))),
		ro.Map(func(t lo.Tuple2[int64, int64]) int64 { return t.A + t.B }),
		ro.Sum[int64](),
	))
	if err != nil {
		return err
	}
	if int(s) != 2*rangeSum(n) {
		return mismatch("sum", s, 2*rangeSum(n))
	}
	return nil
}

func rxgoZip(n int) error {
	c, s := 0, 0
	obs := rxgo.Range(0, n).ZipFromIterable(rxgo.Range(0, n), func(_ context.Context, a, b any) (any, error) {
		return a.(int) + b.(int), nil
	})
	for it := range obs.Observe() {
		if it.E != nil {
			return it.E
		}
		c++
		s += it.V.(int)
	}
	if c != n || s != 2*rangeSum(n) {
		return mismatch("count/sum", [2]int{c, s}, [2]int{n, 2 * rangeSum(n)})
	}
	return nil
}

func plainZip(n int) error {
	c, s := 0, 0
	for x, y := 0, 0; x < n && y < n; x, y = x+1, y+1 {
		s += x + y
		c++
	}
	if c != n || s != 2*rangeSum(n) {
		return mismatch("count/sum", [2]int{c, s}, [2]int{n, 2 * rangeSum(n)})
	}
	return nil
}
