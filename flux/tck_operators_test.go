package flux_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/tck"
)

// TestTCKMonoToFlux runs the publisher verification on the Mono-to-Flux
// operators that live in flux: FlatMapMany (ConcatMap over the mono) and
// RepeatMono (Repeat, and RepeatWhile for an endless repeat). The other
// Flux methods delegate to the operators verified in operators/*tck*_test.go
// (see operators/TESTING.md).
func TestTCKMonoToFlux(t *testing.T) {
	failed := func() sluice.Publisher[int] { return flux.Error[int](errTCK) }
	cases := []struct {
		name   string
		create func(n int64) sluice.Publisher[int]
		failed func() sluice.Publisher[int]
	}{
		{"FlatMapMany", func(n int64) sluice.Publisher[int] {
			return flux.FlatMapMany(mono.Just(0), func(int) sluice.Publisher[int] { return flux.Range(0, int(n)) })
		}, func() sluice.Publisher[int] {
			return flux.FlatMapMany(mono.Error[int](errTCK), func(int) sluice.Publisher[int] { return flux.Range(0, 1) })
		}},
		{"FlatMapManyEmptyMono", func(n int64) sluice.Publisher[int] {
			if n == 0 {
				return flux.FlatMapMany(mono.Empty[int](), func(int) sluice.Publisher[int] { return flux.Range(0, 3) })
			}
			return flux.FlatMapMany(mono.Just(0), func(int) sluice.Publisher[int] { return flux.Range(0, int(n)) })
		}, failed},
		{"RepeatMono", func(n int64) sluice.Publisher[int] {
			switch n {
			case 0:
				return flux.RepeatMono[int](mono.Empty[int](), 2)
			case sluice.Unbounded:
				return flux.RepeatMono[int](mono.Just(7), -1)
			}
			return flux.RepeatMono[int](mono.Just(7), n-1)
		}, func() sluice.Publisher[int] { return flux.RepeatMono[int](mono.Error[int](errTCK), 3) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create:               c.create,
				CreateFailed:         c.failed,
				StochasticIterations: 10,
			})
		})
	}
}
