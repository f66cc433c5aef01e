package operators_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

const benchN = 1_000_000

// want is the checksum of the benchmark chain: the sum of 2x for x in
// [0, benchN) where 2x is a multiple of 3.
func want() int {
	s := 0
	for x := 0; x < benchN; x++ {
		if y := x * 2; y%3 == 0 {
			s += y
		}
	}
	return s
}

// report adds ns/elem (wall clock) and cpu-ns/elem (user+system CPU time
// of the process, which a loaded shared machine inflates far less than the
// wall clock) to the benchmark's output.
func report(b *testing.B, cpuStart time.Duration) {
	per := float64(b.N) * benchN
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/elem")
	b.ReportMetric(float64((cpuTime()-cpuStart).Nanoseconds())/per, "cpu-ns/elem")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var sink int

func BenchmarkPlainLoop(b *testing.B) {
	w := want()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		s := 0
		for x := 0; x < benchN; x++ {
			if y := x * 2; y%3 == 0 {
				s += y
			}
		}
		if s != w {
			b.Fatal(s)
		}
		sink = s
	}
	report(b, cpu)
}

func double(x int) int { return x * 2 }
func div3(x int) bool  { return x%3 == 0 }
func add(a, b int) int { return a + b }
func chain() sluice.Publisher[int] {
	return operators.Filter(operators.Map(flux.Range(0, benchN), double), div3)
}

// sumSub sums what it receives, requesting batch at a time (or 1 from
// inside OnNext when batch == 1).
type sumSub struct {
	s         sluice.Subscription
	batch     int64
	left      int64
	sum       int
	completed bool
	err       error
}

func (x *sumSub) OnSubscribe(s sluice.Subscription) {
	x.s = s
	x.left = x.batch
	s.Request(x.batch)
}

func (x *sumSub) OnNext(v int) {
	x.sum += v
	if x.batch != sluice.Unbounded {
		if x.left--; x.left == 0 {
			x.left = x.batch
			x.s.Request(x.batch)
		}
	}
}
func (x *sumSub) OnError(err error) { x.err = err }
func (x *sumSub) OnComplete()       { x.completed = true }

func BenchmarkChainFused(b *testing.B) {
	benchFold(b, func(p sluice.Publisher[int]) sluice.Publisher[int] { return operators.ReduceSeed(p, 0, add) })
}

// BenchmarkChainSum is BenchmarkChainFused with the Sum operator: the
// addition is done in the fused loop, without a call.
func BenchmarkChainSum(b *testing.B) { benchFold(b, operators.Sum[int]) }

// benchFold sums chain() with the fold sum.
func benchFold(b *testing.B, sum func(sluice.Publisher[int]) sluice.Publisher[int]) {
	w := want()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		r := &sumSub{batch: 1}
		sum(chain()).Subscribe(r)
		if !r.completed || r.sum != w {
			b.Fatal(r.sum, r.err)
		}
	}
	report(b, cpu)
}

func benchBatch(b *testing.B, batch int64) {
	w := want()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		r := &sumSub{batch: batch}
		chain().Subscribe(r)
		if !r.completed || r.sum != w {
			b.Fatal(r.sum, r.err)
		}
	}
	report(b, cpu)
}

func BenchmarkChainRequest256(b *testing.B) { benchBatch(b, 256) }
func BenchmarkChainRequest1(b *testing.B)   { benchBatch(b, 1) }
func BenchmarkChainUnbounded(b *testing.B)  { benchBatch(b, sluice.Unbounded) }

// BenchmarkChainFusedBlock is the goal chain written with the facades and
// blocked on: flux.Reduce(flux.Map(...).Filter(...), 0, sum).Block(ctx).
func BenchmarkChainFusedBlock(b *testing.B) {
	w := want()
	ctx := context.Background()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		f := flux.Map(flux.Range(0, benchN), double).Filter(div3)
		got, ok, err := flux.Reduce(f, 0, add).Block(ctx)
		if err != nil || !ok || got != w {
			b.Fatal(got, err)
		}
	}
	report(b, cpu)
}

// BenchmarkClosureFloor is the closure structure of the fused chain written
// by hand, with user functions the compiler cannot inline (as in a real
// pipeline): range loop → map+filter closure → reduce closure.
func BenchmarkClosureFloor(b *testing.B) {
	w := want()
	cpu := cpuTime()
	fn, pred, red := opaque.fn, opaque.pred, opaque.red
	for b.Loop() {
		acc := 0
		r := func(v int) bool { acc = red(acc, v); return true }
		mf := func(v int) bool {
			if x := fn(v); pred(x) {
				return r(x)
			}
			return true
		}
		opaque.loop(mf)
		if acc != w {
			b.Fatal(acc)
		}
	}
	report(b, cpu)
}

// opaque hides the functions of BenchmarkClosureFloor from the inliner.
var opaque = &struct {
	fn   func(int) int
	pred func(int) bool
	red  func(int, int) int
	loop func(func(int) bool)
}{double, div3, add, func(y func(int) bool) {
	for i := 0; i < benchN; i++ {
		if !y(i) {
			return
		}
	}
}}
