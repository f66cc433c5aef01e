package flux_test

import (
	"context"
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

func ExampleExpand() {
	// a binary tree numbered breadth first: node n has children 2n, 2n+1
	got, _ := flux.Expand(flux.Just(1), func(n int) sluice.Publisher[int] {
		if 2*n >= 16 {
			return nil
		}
		return flux.Just(2*n, 2*n+1)
	}).Collect(context.Background())
	fmt.Println(got)
	// Output: [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15]
}
