package workload

import (
	"context"

	rflux "github.com/jjeffcaii/reactor-go/flux"

	reactor "github.com/jjeffcaii/reactor-go"
	"github.com/reactivex/rxgo/v2"
	"github.com/samber/ro"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// ChainSize is the number of elements of the chain workloads.
const ChainSize = 1_000_000

// chainSum is the checksum of range(0,n)→map(x*2)→filter(x%3==0)→sum:
// the elements kept are 2x for x = 0, 3, 6, …, so with m = ceil(n/3) the sum
// is 6·(0+1+…+m-1) = 3m(m-1).
func chainSum(n int) int {
	m := (n + 2) / 3
	return 3 * m * (m - 1)
}

func double(x int) int { return x * 2 }
func div3(x int) bool  { return x%3 == 0 }
func add(a, b int) int { return a + b }

func init() {
	note1 := "reactor-go requests recursively: its stack grows per element (2.5M elements overflow the 1 GB stack), hence its peak RSS"
	register(
		Workload{Group: "Chain", Impl: Sluice, Unit: "elem", Size: ChainSize, New: pure(sluiceChain)},
		Workload{Group: "Chain", Impl: ReactorGo, Unit: "elem", Size: ChainSize, New: pure(func(n int) error { return reactorChain(n, reactor.RequestInfinite) })},
		Workload{Group: "Chain", Impl: Ro, Unit: "elem", Size: ChainSize, New: pure(roChain)},
		Workload{Group: "Chain", Impl: RxGo, Unit: "elem", Size: ChainSize, New: pure(rxgoChain)},
		Workload{Group: "Chain", Impl: Plain, Unit: "elem", Size: ChainSize, New: pure(plainChain)},

		// The same sum folded by a user function (ReduceSeed), which the
		// fused loop calls once per element kept.
		Workload{Group: "ChainReduce", Impl: Sluice, Unit: "elem", Size: ChainSize, New: pure(sluiceChainReduce)},
		Workload{Group: "ChainReduce", Impl: Plain, Unit: "elem", Size: ChainSize, New: pure(plainChain)},

		Workload{Group: "ChainRequest1", Impl: Sluice, Unit: "elem", Size: ChainSize, New: pure(func(n int) error { return sluiceChainBatch(n, 1) })},
		Workload{Group: "ChainRequest1", Impl: ReactorGo, Unit: "elem", Size: ChainSize, Note: note1, New: pure(func(n int) error { return reactorChain(n, 1) })},
		Workload{Group: "ChainRequest1", Impl: Plain, Unit: "elem", Size: ChainSize, New: pure(plainChain)},

		Workload{Group: "ChainRequest256", Impl: Sluice, Unit: "elem", Size: ChainSize, New: pure(func(n int) error { return sluiceChainBatch(n, 256) })},
		Workload{Group: "ChainRequest256", Impl: ReactorGo, Unit: "elem", Size: ChainSize, New: pure(func(n int) error { return reactorChain(n, 256) })},
		Workload{Group: "ChainRequest256", Impl: Plain, Unit: "elem", Size: ChainSize, New: pure(plainChain)},
	)
}

// plainChain is the loop a Go programmer writes by hand.
func plainChain(n int) error {
	s := 0
	for x := 0; x < n; x++ {
		if y := x * 2; y%3 == 0 {
			s += y
		}
	}
	if want := chainSum(n); s != want {
		return mismatch("sum", s, want)
	}
	return nil
}

// ---- sluice

// result receives the single value of a fold with unbounded demand.
type result[T any] struct {
	v    T
	got  bool
	done bool
	err  error
}

func (r *result[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (r *result[T]) OnNext(v T)                        { r.v, r.got = v, true }
func (r *result[T]) OnError(err error)                 { r.err, r.done = err, true }
func (r *result[T]) OnComplete()                       { r.done = true }

func (r *result[T]) check(what string) (T, error) {
	if !r.done {
		return r.v, mismatch(what+" terminated", false, true)
	}
	if r.err != nil {
		return r.v, r.err
	}
	if !r.got {
		return r.v, mismatch(what+" value", "none", "one")
	}
	return r.v, nil
}

func sluiceChainPub(n int) sluice.Publisher[int] {
	return operators.Filter(operators.Map(flux.Range(0, n), double), div3)
}

// sluiceChain sums with the Sum operator, as the samber/ro and rxgo
// workloads use theirs (ro.Sum, SumInt64).
func sluiceChain(n int) error { return sluiceChainFold(n, operators.Sum[int]) }

// sluiceChainReduce sums with ReduceSeed and an addition function.
func sluiceChainReduce(n int) error {
	return sluiceChainFold(n, func(p sluice.Publisher[int]) sluice.Publisher[int] { return operators.ReduceSeed(p, 0, add) })
}

// sluiceChainFold folds the chain with sum and checks the result.
func sluiceChainFold(n int, sum func(sluice.Publisher[int]) sluice.Publisher[int]) error {
	var r result[int]
	sum(sluiceChainPub(n)).Subscribe(&r)
	s, err := r.check("sum")
	if err != nil {
		return err
	}
	if want := chainSum(n); s != want {
		return mismatch("sum", s, want)
	}
	return nil
}

// sumSub sums what it receives and requests batch more each time it has
// received batch elements, from inside OnNext.
type sumSub struct {
	s     sluice.Subscription
	batch int64
	left  int64
	sum   int
	done  bool
	err   error
}

func (x *sumSub) OnSubscribe(s sluice.Subscription) {
	x.s, x.left = s, x.batch
	s.Request(x.batch)
}

func (x *sumSub) OnNext(v int) {
	x.sum += v
	if x.left--; x.left == 0 {
		x.left = x.batch
		x.s.Request(x.batch)
	}
}
func (x *sumSub) OnError(err error) { x.err, x.done = err, true }
func (x *sumSub) OnComplete()       { x.done = true }

func sluiceChainBatch(n int, batch int64) error {
	x := &sumSub{batch: batch}
	sluiceChainPub(n).Subscribe(x)
	if !x.done || x.err != nil {
		return mismatch("termination", x.err, "complete")
	}
	if want := chainSum(n); x.sum != want {
		return mismatch("sum", x.sum, want)
	}
	return nil
}

// ---- reactor-go

// reactorSum sums with batch demand (reactor.RequestInfinite = unbounded),
// requesting again from inside OnNext.
type reactorSum struct {
	s     reactor.Subscription
	batch int
	left  int
	sum   int
	done  bool
	err   error
}

func (x *reactorSum) OnSubscribe(_ context.Context, s reactor.Subscription) {
	x.s, x.left = s, x.batch
	s.Request(x.batch)
}

func (x *reactorSum) OnNext(v reactor.Any) {
	x.sum += v.(int)
	if x.batch == reactor.RequestInfinite {
		return
	}
	if x.left--; x.left == 0 {
		x.left = x.batch
		x.s.Request(x.batch)
	}
}
func (x *reactorSum) OnError(err error) { x.err, x.done = err, true }
func (x *reactorSum) OnComplete()       { x.done = true }

func reactorChain(n, batch int) error {
	x := &reactorSum{batch: batch}
	rflux.Range(0, n).
		Map(func(a reactor.Any) (reactor.Any, error) { return a.(int) * 2, nil }).
		Filter(func(a reactor.Any) bool { return a.(int)%3 == 0 }).
		SubscribeWith(context.Background(), x)
	if !x.done || x.err != nil {
		return mismatch("termination", x.err, "complete")
	}
	if want := chainSum(n); x.sum != want {
		return mismatch("sum", x.sum, want)
	}
	return nil
}

// ---- samber/ro

func roChain(n int) error {
	obs := ro.Pipe3(
		ro.Range(0, int64(n)),
		ro.Map(func(x int64) int64 { return x * 2 }),
		ro.Filter(func(x int64) bool { return x%3 == 0 }),
		ro.Sum[int64](),
	)
	var sum int64
	var done bool
	var err error
	obs.Subscribe(ro.NewObserver(
		func(v int64) { sum = v },
		func(e error) { err, done = e, true },
		func() { done = true },
	)).Wait()
	if !done || err != nil {
		return mismatch("termination", err, "complete")
	}
	if want := chainSum(n); int(sum) != want {
		return mismatch("sum", sum, want)
	}
	return nil
}

// ---- rxgo

func rxgoChain(n int) error {
	v, err := rxgo.Range(0, n).
		Map(func(_ context.Context, i any) (any, error) { return i.(int) * 2, nil }).
		Filter(func(i any) bool { return i.(int)%3 == 0 }).
		SumInt64().
		Get()
	if err != nil {
		return err
	}
	if want := chainSum(n); v.E != nil || int(v.V.(int64)) != want {
		return mismatch("sum", v, want)
	}
	return nil
}
