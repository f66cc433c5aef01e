package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice/flux"
)

func ExampleOfType() {
	mixed := flux.FromSlice([]any{1, "two", 3, 4.5, "five"})
	words, err := flux.OfType[any, string](mixed).Collect(context.Background())
	fmt.Println(words, err)
	// Output: [two five] <nil>
}
