package step_test

import (
	"fmt"
	"time"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/tck/step"
)

type printTB struct{}

func (printTB) Helper()                           {}
func (printTB) Fatalf(format string, args ...any) { fmt.Printf("FAIL: "+format+"\n", args...) }

func Example() {
	// In a test, pass t instead of printTB{}.
	step.Create[int](flux.Range(1, 5), step.WithInitialRequest(2)).
		ExpectNext(1, 2).
		ThenRequest(3).
		ExpectNextCount(3).
		ExpectComplete().
		Verify(printTB{})

	// A failing script reports the step, the expectation and the signals.
	step.Create[int](flux.Range(1, 2)).
		ExpectNext(1).
		ExpectComplete().
		VerifyTimeout(printTB{}, time.Second)
	// Output:
	// FAIL: step 2 ExpectComplete(): expected onComplete but got onNext(2)
	// signals received: onSubscribe() onNext(1) onNext(2) onComplete()
}
