package flux_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/tck/step"
)

func ExampleRepeatMono() {
	calls := 0
	m := mono.FromFunc(func(context.Context) (int, error) { calls++; return calls, nil })
	got, err := flux.RepeatMono(m, 2).Collect(context.Background())
	fmt.Println(got, err)
	// Output: [1 2 3] <nil>
}

func TestRepeatMono(t *testing.T) {
	step.Create(flux.RepeatMono(mono.Just(7), 2)).ExpectNext(7, 7, 7).ExpectComplete().Verify(t)
	step.Create(flux.RepeatMono(mono.Just(7), 0)).ExpectNext(7).ExpectComplete().Verify(t)
	boom := errors.New("boom")
	step.Create(flux.RepeatMono(mono.Error[int](boom), 3)).ExpectErrorIs(boom).Verify(t)
	step.Create(flux.RepeatMono(mono.Empty[int](), 3)).ExpectComplete().Verify(t)
	step.Create(flux.RepeatMono(mono.Just(1), -1), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(1).ThenRequest(2).ExpectNext(1, 1).ThenCancel().Verify(t)
}
