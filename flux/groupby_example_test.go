package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

// Groups are consumed by subscribing to each one as it is emitted, here with
// FlatMapSequential (which keeps the groups in order of first appearance):
// every group is reduced to one summary line.
func ExampleGroupBy() {
	words := flux.FromSlice([]string{"ant", "bee", "cat", "wasp", "moth", "beetle"})
	byLen := flux.GroupBy(words, func(w string) int { return len(w) })
	lines, err := flux.FlatMapSequential(byLen, func(g flux.GroupedFlux[int, string]) sluice.Publisher[string] {
		return flux.Reduce(g, fmt.Sprintf("%d:", g.Key()), func(acc, w string) string { return acc + " " + w })
	}).Collect(context.Background())
	fmt.Println(err)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// <nil>
	// 3: ant bee cat
	// 4: wasp moth
	// 6: beetle
}
