package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// wide is a value of seven words, as rsocket.Payload is: too large for
// the compiler to keep in registers as one value.
type wide struct {
	a, b []byte
	ok   bool
}

// wideSink counts what it receives, requesting 64 more each time 64
// arrived.
type wideSink struct {
	s    sluice.Subscription
	left int
	n    int
}

func (w *wideSink) OnSubscribe(s sluice.Subscription) { w.s, w.left = s, 64; s.Request(64) }
func (w *wideSink) OnNext(v wide) {
	w.n += len(v.a)
	if w.left--; w.left == 0 {
		w.left = 64
		w.s.Request(64)
	}
}
func (w *wideSink) OnError(error) {}
func (w *wideSink) OnComplete()   {}

// BenchmarkWideBatch64 delivers a range mapped to seven-word values
// through subscriptions (demand 64 at a time), as a stream responder's
// source does, through one more operator or none.
func BenchmarkWideBatch64(b *testing.B) {
	v := wide{a: []byte("0123456789abcdef")}
	keep := func(wide) bool { return true }
	const n = 1 << 16
	cases := []struct {
		name string
		then func(sluice.Publisher[wide]) sluice.Publisher[wide]
	}{
		{"Map", func(p sluice.Publisher[wide]) sluice.Publisher[wide] { return p }},
		{"MapFilter", func(p sluice.Publisher[wide]) sluice.Publisher[wide] { return operators.Filter(p, keep) }},
		{"MapDoOnNext", func(p sluice.Publisher[wide]) sluice.Publisher[wide] { return operators.DoOnNext(p, func(wide) {}) }},
		{"MapTake", func(p sluice.Publisher[wide]) sluice.Publisher[wide] { return operators.Take(p, n) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := &wideSink{}
				c.then(operators.Map(flux.Range(0, n), func(int) wide { return v })).Subscribe(w)
				if w.n != 16*n {
					b.Fatal(w.n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/elem")
		})
	}
}
