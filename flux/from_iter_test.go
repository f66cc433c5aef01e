package flux

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromIterPullsLazilyAndStops(t *testing.T) {
	pulled, stopped := 0, 0
	seq := func(yield func(int) bool) {
		defer func() { stopped++ }()
		for i := 0; ; i++ {
			pulled++
			if !yield(i) {
				return
			}
		}
	}
	r := newRec[int](0)
	FromIter(seq).Subscribe(r)
	assert.Equal(t, 0, pulled, "not started before demand")
	r.request(3)
	assert.Equal(t, 3, pulled)
	r.request(2)
	assert.Equal(t, 5, pulled)
	r.cancel()
	assert.Equal(t, 1, stopped, "iterator stopped on cancel")
	items, _, _ := r.snapshot()
	assert.Equal(t, []int{0, 1, 2, 3, 4}, items)
}

func TestFromIterPanic(t *testing.T) {
	seq := func(yield func(int) bool) {
		yield(1)
		panic("iter")
	}
	r := newRec[int](5)
	FromIter(seq).Subscribe(r)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{1}, items)
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "iter", pe.Value)

	_, err = FromIter(seq).Collect(t.Context())
	require.ErrorAs(t, err, &pe, "fused path")
}

func TestFromIterNeverRequestedHoldsNothing(t *testing.T) {
	r := newRec[int](0)
	FromIter(seqOf(10)).Subscribe(r)
	r.cancel() // goleak in TestMain checks no coroutine is left
}
