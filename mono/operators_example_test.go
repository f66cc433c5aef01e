package mono_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/sluicego/sluice/mono"
)

func ExampleMap() {
	v, ok, err := mono.Map(mono.Just(21), func(x int) int { return x * 2 }).Block(context.Background())
	fmt.Println(v, ok, err)
	// Output: 42 true <nil>
}

func ExampleFlatMap() {
	lookup := func(id int) mono.Mono[string] { return mono.Just(fmt.Sprintf("user-%d", id)) }
	v, _, _ := mono.FlatMap(mono.Just(7), lookup).Block(context.Background())
	fmt.Println(v)
	// Output: user-7
}

func ExampleMono_DefaultIfEmpty() {
	v, ok, _ := mono.Just(3).Filter(func(x int) bool { return x > 5 }).DefaultIfEmpty(5).Block(context.Background())
	fmt.Println(v, ok)
	// Output: 5 true
}

func ExampleMono_OnErrorReturn() {
	v, _, err := mono.Error[int](errors.New("down")).OnErrorReturn(-1).Block(context.Background())
	fmt.Println(v, err)
	// Output: -1 <nil>
}

func ExampleThenReturn() {
	v, _, _ := mono.ThenReturn(mono.Just(1).DoOnSuccess(func(v int, ok bool) { fmt.Println("saved", v) }), "ok").
		Block(context.Background())
	fmt.Println(v)
	// Output:
	// saved 1
	// ok
}
