package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

// Side-effect operators relay the stream unchanged; the panic script makes
// the per-element hook panic where there is one. Hooks on other signals
// panicking are covered by TestPeekPanics (not step-verifier based).
func TestStepPeek(t *testing.T) {
	nop := func(int) {}
	relay := func(name string, op func(src sluice.Publisher[int]) sluice.Publisher[int], panicOp func(src sluice.Publisher[int]) sluice.Publisher[int]) stepCase[int, int] {
		c := stepCase[int, int]{
			name: name, op: plain(op),
			in: ints123, want: ints123, errWant: ints123,
			panicWant: []int{1}, cancelWant: []int{1},
			upstream: exactUpstream,
		}
		if panicOp != nil {
			c.panicOp = plain(panicOp)
		}
		return c
	}
	panicking := func(v int) {
		if v == 2 {
			panic(errStepPanic)
		}
	}
	runStepSuite(t,
		relay("Peek", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return Peek(src, "peek", PeekHooks[int]{OnNext: nop, OnError: func(error) {}, OnComplete: func() {},
				OnRequest: func(int64) {}, OnCancel: func() {}, OnSubscribe: func(sluice.Subscription) {}})
		}, func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return Peek(src, "peek", PeekHooks[int]{OnNext: panicking})
		}),
		relay("DoOnNext", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnNext(src, nop) },
			func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnNext(src, panicking) }),
		relay("DoOnError", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnError(src, func(error) {}) }, nil),
		relay("DoOnComplete", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnComplete(src, func() {}) }, nil),
		relay("DoOnSubscribe", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return DoOnSubscribe(src, func(sluice.Subscription) {})
		}, nil),
		relay("DoOnRequest", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnRequest(src, func(int64) {}) }, nil),
		relay("DoOnCancel", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnCancel(src, func() {}) }, nil),
		relay("DoFinally", func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoFinally(src, func(SignalType) {}) }, nil),
		relay("Log", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return Log(src, "step", WithLogger(discardLogger()))
		}, nil),
	)
}

// The error-path hooks panicking: the error is replaced by the panic.
func TestStepDoOnErrorPanics(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "DoOnError", op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnError(src, func(error) {}) }),
		in: ints123, want: ints123, errWant: ints123, cancelWant: []int{1}, upstream: exactUpstream,
		panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return DoOnError(src, func(error) { panic(errStepPanic) })
		}),
		panicEnd: endError, panicWant: ints123, panicNoCancel: true,
	})
}

func TestStepDoOnSuccess(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "DoOnSuccess",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return DoOnSuccess(src, func(int, bool) {}) }),
		in:   []int{2}, want: []int{2}, errWant: []int{2}, cancelEmpty: true,
		panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return DoOnSuccess(src, func(v int, _ bool) { panicAt2(func(int) int { return 0 })(v) })
		}),
		panicNoCancel: true, // the one element has arrived; the source is complete already
	})
}
