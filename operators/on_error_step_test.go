package operators

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/tck/step"
)

func TestStepOnError(t *testing.T) {
	errMapped := errors.New("mapped")
	resume := func(error) sluice.Publisher[int] { return probe.Just(8, 9) }
	always := func(error) bool { return true }
	mapErr := func(err error) error { return errMapped }
	onErr := func(name string, op, panicOp func(src sluice.Publisher[int]) sluice.Publisher[int], end func(v *step.Verifier[int]) *step.Verifier[int]) stepCase[int, int] {
		c := stepCase[int, int]{
			name: name, op: plain(op),
			in: ints123, want: ints123, errWant: ints123, errEnd: end,
			cancelWant: []int{1}, upstream: exactUpstream,
			panicEnd: endError, panicWant: ints123, panicNoCancel: true,
		}
		if panicOp != nil {
			c.panicOp = plain(panicOp)
		}
		return c
	}
	runStepSuite(t,
		onErr("OnErrorResume",
			func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnErrorResume(src, resume) },
			func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnErrorResume(src, func(error) sluice.Publisher[int] { panic(errStepPanic) })
			},
			func(v *step.Verifier[int]) *step.Verifier[int] { return v.ExpectNext(8, 9).ExpectComplete() }),
		onErr("OnErrorReturn",
			func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnErrorReturn(src, -1) }, nil,
			func(v *step.Verifier[int]) *step.Verifier[int] { return v.ExpectNext(-1).ExpectComplete() }),
		onErr("OnErrorComplete",
			func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnErrorComplete(src, always) },
			func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnErrorComplete(src, func(error) bool { panic(errStepPanic) })
			},
			completes[int]),
		onErr("OnErrorMap",
			func(src sluice.Publisher[int]) sluice.Publisher[int] { return OnErrorMap(src, mapErr) },
			func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return OnErrorMap(src, func(error) error { panic(errStepPanic) })
			},
			failsWith[int](errMapped)),
	)
}

// The fallback of OnErrorResume gets bounded demand: the remainder of
// what was requested, one at a time after that.
func TestStepOnErrorResumeFallbackDemand(t *testing.T) {
	src := newStepSource(endError, 1)
	fb := newStepSource(endComplete, 8, 9)
	step.Create(OnErrorResume[int](src, func(error) sluice.Publisher[int] { return fb }), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(2).ExpectNext(1, 8).
		ThenRequest(1).ExpectNext(9).
		ExpectComplete().
		Verify(t)
}
