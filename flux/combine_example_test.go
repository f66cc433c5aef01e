package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

func ExampleSwitchMap() {
	// synchronous inners finish before the next element arrives; an
	// asynchronous inner would be cancelled by the next element
	got, _ := flux.SwitchMap(flux.Range(1, 3), func(n int) sluice.Publisher[int] {
		return flux.Range(n*10, 2)
	}).Collect(context.Background())
	fmt.Println(got)
	// Output: [10 11 20 21 30 31]
}

func ExampleCombineLatest2() {
	got, _ := flux.CombineLatest2(flux.Just("a"), flux.Range(1, 3), func(s string, n int) string {
		return fmt.Sprint(s, n)
	}).Collect(context.Background())
	fmt.Println(got)
	// Output: [a1 a2 a3]
}

func ExampleWindow() {
	windows, _ := flux.Window(flux.Range(0, 5), 2).Collect(context.Background())
	for _, w := range windows {
		fmt.Println(w.Collect(context.Background()))
	}
	// Output:
	// [0 1] <nil>
	// [2 3] <nil>
	// [4] <nil>
}
