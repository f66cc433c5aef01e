package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOnBackpressureBufferStrategies(t *testing.T) {
	cases := []struct {
		name     string
		strategy BufferOverflow
		want     []int
		dropped  []int
		err      error
	}{
		{"error", OverflowError, []int{1, 2, 3}, []int{4}, ErrOverflow},
		{"drop latest", OverflowDropLatest, []int{1, 2, 3}, []int{4, 5}, nil},
		{"drop oldest", OverflowDropOldest, []int{1, 4, 5}, []int{2, 3}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dropped []int
			r := probe.NewRecorder[int](1)
			OnBackpressureBuffer(pushAll(1, 2, 3, 4, 5), 2, c.strategy, func(v int) { dropped = append(dropped, v) }).Subscribe(r)
			assert.Equal(t, []int{1}, r.Values())
			r.Request(10)
			assert.Equal(t, c.want, r.Values())
			assert.Equal(t, c.dropped, dropped)
			if c.err != nil {
				assert.ErrorIs(t, r.Err(), c.err)
			} else {
				assert.True(t, r.Completed())
			}
			assert.Empty(t, r.Violations())
		})
	}
}

func TestOnBackpressureBufferOneAtATimeUnbounded(t *testing.T) {
	src := probe.NewSpy(probe.Range(0, 50))
	r := probe.NewRecorder[int](0)
	OnBackpressureBuffer[int](src, 0, OverflowError, nil).Subscribe(r)
	assert.Equal(t, []int64{sluice.Unbounded}, src.Requests())
	for i := 1; i <= 50; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
	}
	assert.True(t, r.Completed())
	assert.Equal(t, asyncSeq(50), r.Values())
}

func TestOnBackpressureBufferErrorEmptyPanicCancel(t *testing.T) {
	r := probe.NewRecorder[int](0)
	OnBackpressureBuffer(pushAll(1, 2), 4, OverflowError, nil).Subscribe(r)
	r.Request(5)
	assert.Equal(t, []int{1, 2}, r.Values())
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](1)
	OnBackpressureBuffer(probe.Error[int](errAsync), 4, OverflowError, nil).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)

	r = probe.NewRecorder[int](1)
	OnBackpressureBuffer(probe.Empty[int](), 4, OverflowError, nil).Subscribe(r)
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](0)
	OnBackpressureBuffer(pushAll(1, 2, 3), 1, OverflowDropOldest, func(int) { panic("hook") }).Subscribe(r)
	var pe *sluice.PanicError
	require.ErrorAs(t, r.Err(), &pe, "a panic in the callback ends the stream at once")

	never := &probe.Never[int]{}
	r = probe.NewRecorder[int](1)
	OnBackpressureBuffer[int](never, 4, OverflowError, nil).Subscribe(r)
	r.Cancel()
	assert.Equal(t, int64(0), never.Live())

	r = probe.NewRecorder[int](0)
	OnBackpressureBuffer[int](&probe.Never[int]{}, 4, OverflowError, nil).Subscribe(r)
	r.Request(0)
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
}

func TestOnBackpressureLatest(t *testing.T) {
	r := probe.NewRecorder[int](1)
	OnBackpressureLatest(pushAll(1, 2, 3, 4)).Subscribe(r)
	assert.Equal(t, []int{1}, r.Values())
	assert.False(t, r.Terminated())
	r.Request(5)
	assert.Equal(t, []int{1, 4}, r.Values())
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](0)
	OnBackpressureLatest(probe.Error[int](errAsync)).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)

	r = probe.NewRecorder[int](0)
	OnBackpressureLatest(probe.Empty[int]()).Subscribe(r)
	assert.True(t, r.Completed())
}
