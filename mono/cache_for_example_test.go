package mono_test

import (
	"context"
	"fmt"
	"time"

	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/scheduler"
)

func ExampleMono_CacheFor() {
	ctx := context.Background()
	clock := scheduler.NewVirtual() // omit it to use the real clock
	defer clock.Dispose()
	calls := 0
	token := mono.Defer(func() mono.Mono[string] {
		calls++
		return mono.Just(fmt.Sprintf("token-%d", calls))
	}).CacheFor(time.Minute, clock)

	a, _, _ := token.Block(ctx)
	b, _, _ := token.Block(ctx)
	clock.Advance(time.Minute) // the cached token expires
	c, _, _ := token.Block(ctx)
	fmt.Println(a, b, c)
	// Output: token-1 token-1 token-2
}
