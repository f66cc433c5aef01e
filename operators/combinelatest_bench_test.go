package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// runCounted subscribes pub b.N times and reports ns and allocations per
// emitted element; the element count of the first run is the expected one.
func runCounted[T any](b *testing.B, pub sluice.Publisher[T]) {
	b.Helper()
	b.ReportAllocs()
	want := -1
	var total int
	for b.Loop() {
		w := &asyncWaiter[T]{done: make(chan struct{})}
		pub.Subscribe(w)
		<-w.done
		if w.err != nil || (want >= 0 && w.n != want) || w.n == 0 {
			b.Fatalf("count %d (want %d) err %v", w.n, want, w.err)
		}
		want = w.n
		total += w.n
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(total), "ns/elem")
}

func BenchmarkCombineLatest2(b *testing.B) {
	const n = 100_000
	runCounted(b, operators.CombineLatest2(flux.Range(0, n), flux.Range(0, n),
		func(x, y int) int { return x + y }, operators.DefaultPrefetch))
}

func BenchmarkCombineLatestSlice2(b *testing.B) {
	const n = 100_000
	runCounted(b, operators.CombineLatest([]sluice.Publisher[int]{flux.Range(0, n), flux.Range(0, n)},
		func(row []int) int { return row[0] + row[1] }, operators.DefaultPrefetch))
}
