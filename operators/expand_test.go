package operators

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/tck"
	"github.com/sluicego/sluice/tck/step"
)

// tenfold expands n below 10 into n*10 and leaves the others alone.
func tenfold(n int) sluice.Publisher[int] {
	if n >= 10 {
		return nil
	}
	return probe.Just(n * 10)
}

func TestStepExpand(t *testing.T) {
	runStepSuite(t,
		stepCase[int, int]{
			name: "Expand",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Expand(src, tenfold, 0)
			}),
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Expand(src, panicAt2(tenfold), 4)
			}),
			in: ints123, want: []int{1, 2, 3, 10, 20, 30}, errWant: ints123,
			panicWant:  []int{1, 2},
			cancelWant: []int{1},
			upstream:   atMostUpstream(0),
		},
	)
}

// binaryTree expands n into its children 2n and 2n+1 while they are below
// 16.
func binaryTree(n int) sluice.Publisher[int] {
	if 2*n >= 16 {
		return probe.Just[int]()
	}
	return probe.Just(2*n, 2*n+1)
}

func TestExpandBreadthFirst(t *testing.T) {
	want := make([]int, 0, 15)
	for i := 1; i <= 15; i++ {
		want = append(want, i)
	}
	step.Create(Expand(probe.Just(1), binaryTree, 0)).
		ExpectNext(want...).
		ExpectComplete().
		Verify(t)
}

func TestExpandSeveralRoots(t *testing.T) {
	// Each level of every root before the next level.
	step.Create(Expand(probe.Just(1, 2), func(n int) sluice.Publisher[int] {
		if n >= 8 {
			return nil
		}
		return probe.Just(n * 4)
	}, 0)).
		ExpectNext(1, 2, 4, 8, 16).
		ExpectComplete().
		Verify(t)
}

func TestExpandInnerErrorEnds(t *testing.T) {
	boom := errors.New("inner boom")
	step.Create(Expand(probe.Just(1, 2), func(n int) sluice.Publisher[int] {
		if n == 1 {
			return probe.Error[int](boom)
		}
		return nil
	}, 0)).
		ExpectNext(1, 2).
		ExpectErrorIs(boom).
		Verify(t)
}

func TestExpandCancelReachesInner(t *testing.T) {
	inner := newStepSource(endHang, 7, 8, 9)
	step.Create(Expand(probe.Just(1), func(n int) sluice.Publisher[int] {
		if n == 1 {
			return inner
		}
		return nil
	}, 0), step.WithInitialRequest(0)).
		ThenRequest(2).
		ExpectNext(1, 7).
		ThenCancel().
		ExpectNoEvent(0).
		Verify(t)
	require.EqualValues(t, 1, inner.cancelled.Load(), "inner cancelled")
	require.EqualValues(t, 1, inner.requested.Load(), "inner got only the outstanding demand")
}

func TestExpandDemandCarriesAcrossLevels(t *testing.T) {
	step.Create(Expand(probe.Just(1), binaryTree, 0), step.WithInitialRequest(0)).
		ExpectNoEvent(0).
		ThenRequest(4).
		ExpectNext(1, 2, 3, 4).
		ExpectNoEvent(0).
		ThenRequest(11).
		ExpectNext(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15).
		ExpectComplete().
		Verify(t)
}

func TestExpandLongChainDoesNotGrowStack(t *testing.T) {
	const n = 100000
	r := probe.NewRecorder[int](sluice.Unbounded)
	Expand(probe.Just(1), func(v int) sluice.Publisher[int] {
		if v >= n {
			return nil
		}
		return probe.Just(v + 1)
	}, 0).Subscribe(r)
	require.True(t, r.Completed())
	require.Equal(t, n, r.Len())
}

func TestExpandInvalidDemand(t *testing.T) {
	step.Create(Expand(probe.Just(1), binaryTree, 0), step.WithInitialRequest(0)).
		ThenRequest(0).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
}

// expandChain emits 1..n through a chain of single-element expansions.
func expandChain(n int64) sluice.Publisher[int] {
	if n == 0 {
		return probe.Just[int]()
	}
	return Expand(probe.Just(1), func(v int) sluice.Publisher[int] {
		if n != sluice.Unbounded && int64(v) >= n {
			return nil
		}
		return probe.Just(v + 1)
	}, 0)
}

func TestExpandTCK(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create: expandChain,
		CreateFailed: func() sluice.Publisher[int] {
			return Expand(probe.Error[int](errStep), binaryTree, 0)
		},
	})
}
