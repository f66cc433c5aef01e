package operators

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

// The hooks on signals other than onNext panicking, through the step
// suite's panic script (TestStepPeek covers the rest of the six scripts).
func TestStepPeekHookPanics(t *testing.T) {
	base := func(name string, panicOp func(src sluice.Publisher[int]) sluice.Publisher[int]) stepCase[int, int] {
		return stepCase[int, int]{
			name: name,
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return src }),
			in:   ints123, want: ints123, errWant: ints123, cancelWant: []int{1},
			panicOp: plain(panicOp),
		}
	}
	boom := func() { panic(errStepPanic) }
	onComplete := base("DoOnComplete", func(src sluice.Publisher[int]) sluice.Publisher[int] {
		return DoOnComplete(src, boom)
	})
	onComplete.panicWant, onComplete.panicNoCancel = ints123, true // the source has completed
	onComplete.op = plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnComplete(src, func() {}) })

	onSubscribe := base("DoOnSubscribe", func(src sluice.Publisher[int]) sluice.Publisher[int] {
		return DoOnSubscribe(src, func(sluice.Subscription) { boom() })
	})
	onSubscribe.op = plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
		return DoOnSubscribe(src, func(sluice.Subscription) {})
	})

	runStepSuite(t, onComplete, onSubscribe)
}

// Panics in OnRequest and OnCancel go to sluice.ErrorDropped (documented
// on Peek): the stream goes on, demand still reaches the source.
func TestStepDoOnRequestCancelPanicsAreDropped(t *testing.T) {
	src := newStepSource(endHang, ints123...)
	step.Create(DoOnCancel(DoOnRequest[int](src, func(int64) { panic(errStepPanic) }), func() { panic(errStepPanic) }),
		step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(1).ExpectNext(1).
		ThenRequest(2).ExpectNext(2, 3).
		ThenCancel().
		ExpectNoEvent(0).
		Verify(t)
	require.EqualValues(t, 3, src.requested.Load())
	require.EqualValues(t, 1, src.cancelled.Load())
}
