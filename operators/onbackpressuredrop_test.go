package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pushAll emits vs regardless of demand (a hot source) and then completes.
func pushAll[T any](vs ...T) sluice.Publisher[T] {
	return probe.PublisherFunc[T](func(s sluice.Subscriber[T]) {
		s.OnSubscribe(inertSub{})
		for _, v := range vs {
			s.OnNext(v)
		}
		s.OnComplete()
	})
}

type inertSub struct{}

func (inertSub) Request(int64) {}
func (inertSub) Cancel()       {}

func TestOnBackpressureDrop(t *testing.T) {
	var dropped []int
	r := probe.NewRecorder[int](2)
	OnBackpressureDrop(pushAll(1, 2, 3, 4), func(v int) { dropped = append(dropped, v) }).Subscribe(r)
	assert.Equal(t, []int{1, 2}, r.Values())
	assert.Equal(t, []int{3, 4}, dropped)
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())

	r = probe.NewRecorder[int](sluice.Unbounded)
	OnBackpressureDrop(probe.Range(0, 5), nil).Subscribe(r)
	assert.Equal(t, asyncSeq(5), r.Values())

	r = probe.NewRecorder[int](1)
	OnBackpressureDrop(probe.Error[int](errAsync), nil).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)

	r = probe.NewRecorder[int](1)
	OnBackpressureDrop(probe.Empty[int](), nil).Subscribe(r)
	assert.True(t, r.Completed())
}

func TestOnBackpressureDropPanicAndCancel(t *testing.T) {
	r := probe.NewRecorder[int](1)
	OnBackpressureDrop(pushAll(1, 2, 3), func(int) { panic("drop hook") }).Subscribe(r)
	var pe *sluice.PanicError
	require.ErrorAs(t, r.Err(), &pe)
	assert.Equal(t, []int{1}, r.Values())

	src := probe.NewSpy(probe.Range(0, 100))
	r = probe.NewRecorder[int](0)
	OnBackpressureDrop[int](src, nil).Subscribe(r)
	assert.Equal(t, []int64{sluice.Unbounded}, src.Requests())
	assert.True(t, r.Completed(), "everything dropped without demand")
	assert.Empty(t, r.Values())

	never := &probe.Never[int]{}
	r = probe.NewRecorder[int](1)
	OnBackpressureDrop[int](never, nil).Subscribe(r)
	r.Cancel()
	assert.Equal(t, int64(0), never.Live())

	r = probe.NewRecorder[int](0)
	OnBackpressureDrop[int](&probe.Never[int]{}, nil).Subscribe(r)
	r.Request(-1)
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
}

func TestOnBackpressureError(t *testing.T) {
	r := probe.NewRecorder[int](2)
	OnBackpressureError(pushAll(1, 2, 3, 4)).Subscribe(r)
	assert.Equal(t, []int{1, 2}, r.Values())
	assert.ErrorIs(t, r.Err(), ErrOverflow)
	assert.Empty(t, r.Violations())

	r = probe.NewRecorder[int](0)
	OnBackpressureError(probe.Empty[int]()).Subscribe(r)
	assert.True(t, r.Completed())

}
