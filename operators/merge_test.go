package operators

import (
	"sort"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMergeNormalAndSequential(t *testing.T) {
	r := probe.NewRecorder[int](sluice.Unbounded)
	Merge(4, probe.Just(1, 2), probe.Just(3), &probe.GoRange{Start: 10, Count: 100}).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	got := r.Values()
	sort.Ints(got)
	want := append([]int{1, 2, 3}, asyncSeq(110)[10:]...)
	assert.Equal(t, want, got)

	r = probe.NewRecorder[int](sluice.Unbounded)
	MergeSequential(4, &probe.GoRange{Start: 0, Count: 50}, probe.Range(50, 50), &probe.GoRange{Start: 100, Count: 50}).Subscribe(r)
	require.True(t, r.Await(asyncWait))
	assert.Equal(t, asyncSeq(150), r.Values())
	assert.Empty(t, r.Violations())
}

func TestMergeEmpty(t *testing.T) {
	r := probe.NewRecorder[int](1)
	Merge[int](4).Subscribe(r)
	assert.True(t, r.Completed())
	r = probe.NewRecorder[int](1)
	Merge(4, probe.Empty[int](), probe.Empty[int]()).Subscribe(r)
	assert.True(t, r.Completed())
}

func TestMergeErrors(t *testing.T) {
	never := &probe.Never[int]{}
	r := probe.NewRecorder[int](sluice.Unbounded)
	Merge[int](4, never, probe.Error[int](errAsync)).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)
	assert.Equal(t, int64(0), never.Live())

	r = probe.NewRecorder[int](sluice.Unbounded)
	MergeDelayError(4, probe.Error[int](errAsync), probe.Just(1, 2)).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)
	assert.Equal(t, []int{1, 2}, r.Values())
}

func TestMergeBoundedDemandAndCancel(t *testing.T) {
	a, b := probe.NewSpy(probe.Range(0, 100)), probe.NewSpy(probe.Range(100, 100))
	r := probe.NewRecorder[int](0)
	Merge[int](8, a, b).Subscribe(r)
	for i := 1; i <= 50; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
		require.LessOrEqual(t, a.Emitted.Load()+b.Emitted.Load()-int64(i), int64(16))
	}
	r.Request(30)
	assert.Equal(t, 80, r.Len())
	r.Cancel()
	assert.Equal(t, int64(1), a.Cancelled.Load())
	assert.Equal(t, int64(1), b.Cancelled.Load())
	assert.False(t, r.Terminated())
}
