package mono_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluicego/sluice/mono"
)

func ExampleFromFunc() {
	// fn runs when the subscriber requests, with a ctx that is cancelled
	// if the subscriber cancels (here: if the ctx of Block is done).
	m := mono.FromFunc(func(ctx context.Context) (string, error) {
		return strings.ToUpper("hello"), nil
	})
	v, ok, err := m.Block(context.Background())
	fmt.Println(v, ok, err)
	// Output: HELLO true <nil>
}

func ExampleCreate() {
	m := mono.Create(func(sink mono.MonoSink[int]) {
		go sink.Success(42) // from any goroutine, now or later
	})
	v, ok, err := m.Block(context.Background())
	fmt.Println(v, ok, err)
	// Output: 42 true <nil>
}
