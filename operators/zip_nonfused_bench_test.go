package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/operators"
)

// unfusable hides its source's subscription type, so that operators cannot
// fuse with it: the source is then served through demand and queues.
type unfusable[T any] struct{ src sluice.Publisher[T] }

func (o unfusable[T]) Subscribe(s sluice.Subscriber[T]) { o.src.Subscribe(unfusableSub[T]{s}) }

type unfusableSub[T any] struct{ sluice.Subscriber[T] }

func (o unfusableSub[T]) OnSubscribe(s sluice.Subscription) {
	o.Subscriber.OnSubscribe(struct{ sluice.Subscription }{s})
}

// BenchmarkZip2NonFused zips two synchronous sources that cannot be fused.
func BenchmarkZip2NonFused(b *testing.B) {
	const n = 1_000_000
	runAsync(b, operators.Zip2[int, int](unfusable[int]{flux.Range(0, n)}, unfusable[int]{flux.Range(0, n)},
		func(x, y int) int { return x + y }, operators.DefaultPrefetch), n)
}

// BenchmarkZip2Async zips two sources that emit on goroutines of their own.
func BenchmarkZip2Async(b *testing.B) {
	const n = 200_000
	runAsync(b, operators.Zip2[int, int](&probe.GoRange{Count: n}, &probe.GoRange{Count: n},
		func(x, y int) int { return x + y }, operators.DefaultPrefetch), n)
}
