package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

func BenchmarkMerge8(b *testing.B) {
	const per = 125_000
	srcs := make([]sluice.Publisher[int], 8)
	for i := range srcs {
		srcs[i] = flux.Range(i*per, per)
	}
	runAsync(b, operators.Merge(operators.DefaultPrefetch, srcs...), 8*per)
}

func BenchmarkZip2(b *testing.B) {
	const n = 1_000_000
	runAsync(b, operators.Zip2(flux.Range(0, n), flux.Range(0, n), func(x, y int) int { return x + y }, operators.DefaultPrefetch), n)
}
