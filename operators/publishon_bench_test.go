package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// asyncWaiter counts elements with unbounded demand and closes done at the
// terminal signal.
type asyncWaiter[T any] struct {
	n    int
	err  error
	done chan struct{}
}

func (w *asyncWaiter[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (w *asyncWaiter[T]) OnNext(T)                          { w.n++ }
func (w *asyncWaiter[T]) OnError(err error)                 { w.err = err; close(w.done) }
func (w *asyncWaiter[T]) OnComplete()                       { close(w.done) }

func runAsync[T any](b *testing.B, pub sluice.Publisher[T], want int) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := &asyncWaiter[T]{done: make(chan struct{})}
		pub.Subscribe(w)
		<-w.done
		if w.err != nil || w.n != want {
			b.Fatalf("count %d err %v", w.n, w.err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(want), "ns/elem")
}

func BenchmarkPublishOnHandOff(b *testing.B) {
	const n = 1_000_000
	sched := scheduler.NewSingle()
	defer sched.Dispose()
	runAsync(b, operators.PublishOn(flux.Range(0, n), sched, 256), n)
}

func BenchmarkSubscribeOnRange(b *testing.B) {
	const n = 1_000_000
	sched := scheduler.NewSingle()
	defer sched.Dispose()
	runAsync(b, operators.SubscribeOn(flux.Range(0, n), sched), n)
}
