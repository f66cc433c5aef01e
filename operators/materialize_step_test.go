package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

func TestStepMaterialize(t *testing.T) {
	next := func(v int) Signal[int] { return Signal[int]{Type: SignalOnNext, Value: v} }
	complete := Signal[int]{Type: SignalOnComplete}
	runStepSuite(t,
		stepCase[int, Signal[int]]{
			name: "Materialize",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[Signal[int]] { return Materialize(src) }),
			in:   ints123, want: []Signal[int]{next(1), next(2), next(3), complete},
			errWant: []Signal[int]{next(1), next(2), next(3)},
			errEnd: func(v *step.Verifier[Signal[int]]) *step.Verifier[Signal[int]] {
				return v.ExpectNext(Signal[int]{Type: SignalOnError, Err: errStep}).ExpectComplete()
			},
			cancelWant: []Signal[int]{next(1)},
			emptyWant:  []Signal[int]{complete},
		},
	)
	runStepSuite(t,
		stepCase[Signal[int], int]{
			name: "Dematerialize",
			op:   plain(func(src sluice.Publisher[Signal[int]]) sluice.Publisher[int] { return Dematerialize(src) }),
			in:   []Signal[int]{next(1), next(2), next(3)}, want: ints123, errWant: ints123,
			cancelWant: []int{1},
		},
		stepCase[Signal[int], int]{
			// A materialized completion ends the stream (the source is cancelled).
			name: "Dematerialize of a completion",
			op:   plain(func(src sluice.Publisher[Signal[int]]) sluice.Publisher[int] { return Dematerialize(src) }),
			in:   []Signal[int]{next(1), complete, next(9)}, want: []int{1},
			errWant: []int{1}, errEnd: completes[int],
			cancelWant: []int{1},
			finalReq:   1,
		},
	)
}
