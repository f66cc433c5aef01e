package operators

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

func TestStepLast(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "Last",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Last(src) }),
			in:   ints123, want: []int{3},
			emptyEnd: failsWith[int](ErrNoElements),
		},
		stepCase[int, int]{
			name: "LastOrDefault",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return LastOrDefault(src, -1) }),
			in:   ints123, want: []int{3}, emptyWant: []int{-1},
		},
	)
}

func TestStepSingle(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "Single",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Single(src) }),
			in:   []int{7}, want: []int{7},
			emptyEnd: failsWith[int](ErrNoElements),
		},
		stepCase[int, int]{
			name: "SingleOrDefault",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SingleOrDefault(src, -1) }),
			in:   []int{7}, want: []int{7}, emptyWant: []int{-1},
		},
		stepCase[int, int]{
			name: "SingleOrEmpty",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return SingleOrEmpty(src) }),
			in:   []int{7}, want: []int{7},
		},
	)
}

func TestStepSingleOfMany(t *testing.T) {
	// The second element ends the stream and cancels the source.
	src := newStepSource(endHang, ints123...)
	step.Create(Single[int](src), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(1).
		ExpectErrorIs(ErrTooManyElements).
		Verify(t)
	require.EqualValues(t, 1, src.cancelled.Load())
	require.EqualValues(t, 2, src.requested.Load())
}

func TestStepElementAt(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "ElementAt",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ElementAt(src, 1) }),
			in:   ints123, want: []int{2},
			errWant: []int{2}, errEnd: completes[int],
			emptyEnd: failsWith[int](ErrIndexOutOfRange),
			upstream: atMostUpstream(2),
			cancelIn: []int{1},
		},
		stepCase[int, int]{
			name: "ElementAtOrDefault",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return ElementAtOrDefault(src, 1, -1) }),
			in:   ints123, want: []int{2}, emptyWant: []int{-1},
			errWant: []int{2}, errEnd: completes[int],
			upstream: atMostUpstream(2),
			cancelIn: []int{1},
		},
	)
}

func TestStepNext(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "Next",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Next(src) }),
		in:   ints123, want: []int{1},
		errWant: []int{1}, errEnd: completes[int],
		cancelEmpty: true,
		upstream:    cappedUpstream(1),
	})
}

func TestStepIgnoreElements(t *testing.T) {
	runStepSuite(t, stepCase[int, int]{
		name: "IgnoreElements",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return IgnoreElements(src) }),
		in:   ints123,
	})
}
