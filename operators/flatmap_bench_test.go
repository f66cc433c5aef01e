package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// asyncCounter requests everything and counts the elements.
type asyncCounter[T any] struct {
	n    int
	done bool
	err  error
}

func (c *asyncCounter[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (c *asyncCounter[T]) OnNext(T)                          { c.n++ }
func (c *asyncCounter[T]) OnError(err error)                 { c.err = err; c.done = true }
func (c *asyncCounter[T]) OnComplete()                       { c.done = true }

func BenchmarkFlatMapRangeOfRanges(b *testing.B) {
	const outer, innerN = 1000, 1000
	pub := operators.FlatMap(flux.Range(0, outer), func(int) sluice.Publisher[int] {
		return flux.Range(0, innerN)
	}, operators.DefaultConcurrency, operators.DefaultPrefetch)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := &asyncCounter[int]{}
		pub.Subscribe(c)
		if !c.done || c.err != nil || c.n != outer*innerN {
			b.Fatalf("count %d done %v err %v", c.n, c.done, c.err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(outer*innerN), "ns/elem")
}
