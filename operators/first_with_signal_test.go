package operators

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/sluicego/sluice/tck/step"
	"github.com/stretchr/testify/assert"
)

func TestFirstWithSignalPicksFirstSignaller(t *testing.T) {
	a, b := &manual[int]{}, &manual[int]{}
	r := probe.NewRecorder[int](3)
	FirstWithSignal[int](a, b).Subscribe(r)
	assert.Equal(t, int64(3), a.requested, "demand goes to every racer")
	assert.Equal(t, int64(3), b.requested)
	b.down.OnNext(7)
	assert.True(t, a.cancelled, "loser cancelled")
	a.down.OnNext(1) // late loser: dropped
	r.Request(2)
	assert.Equal(t, int64(5), b.requested)
	assert.Equal(t, int64(3), a.requested)
	b.down.OnComplete()
	assert.Equal(t, []int{7}, r.Values())
	assert.True(t, r.Completed())
	assert.Empty(t, r.Violations())
}

func TestFirstWithSignalStep(t *testing.T) {
	boom := errors.New("boom")
	never := &probe.Never[int]{}
	step.Create(FirstWithSignal[int](never, probe.Range(1, 3))).ExpectNext(1, 2, 3).ExpectComplete().Verify(t)
	assert.Equal(t, int64(0), never.Live())
	step.Create(FirstWithSignal[int](probe.Range(1, 5), never), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(1).ThenRequest(2).ExpectNext(2, 3).ThenCancel().Verify(t)
	step.Create(FirstWithSignal[int](probe.Error[int](boom), probe.Range(1, 3))).ExpectErrorIs(boom).Verify(t)
	step.Create(FirstWithSignal[int](probe.Empty[int](), probe.Range(1, 3))).ExpectComplete().Verify(t)
	step.Create(FirstWithSignal[int]()).ExpectComplete().Verify(t)
	r := probe.NewRecorder[int](0)
	FirstWithSignal[int](&probe.Never[int]{}, &probe.Never[int]{}).Subscribe(r)
	r.Request(0)
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
}

func TestWithLatestFrom(t *testing.T) {
	src, other := &manual[int]{}, &manual[string]{}
	r := probe.NewRecorder[string](sluice.Unbounded)
	WithLatestFrom[int, string](src, other, func(i int, s string) string { return s + string(rune('0'+i)) }).Subscribe(r)
	assert.Equal(t, sluice.Unbounded, other.requested)
	src.down.OnNext(1) // no latest yet: dropped
	other.down.OnNext("a")
	src.down.OnNext(2)
	other.down.OnNext("b")
	other.down.OnComplete() // had a value: keeps going
	src.down.OnNext(3)
	src.down.OnComplete()
	assert.Equal(t, []string{"a2", "b3"}, r.Values())
	assert.True(t, r.Completed())
}

func TestWithLatestFromStep(t *testing.T) {
	boom := errors.New("boom")
	add := func(a, b int) int { return a + b }
	step.Create(WithLatestFrom[int, int](probe.Range(1, 3), probe.Just(100), add)).
		ExpectNext(101, 102, 103).ExpectComplete().Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Range(1, 30), probe.Just(100), add), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(101).ThenRequest(2).ExpectNext(102, 103).ThenCancel().Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Range(1, 3), probe.Empty[int](), add)).ExpectComplete().Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Empty[int](), probe.Just(1), add)).ExpectComplete().Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Range(1, 3), probe.Error[int](boom), add)).ExpectErrorIs(boom).Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Error[int](boom), probe.Just(1), add)).ExpectErrorIs(boom).Verify(t)
	step.Create(WithLatestFrom[int, int](probe.Range(1, 3), probe.Just(1), func(int, int) int { panic("bad") })).
		ExpectErrorAs(new(*sluice.PanicError)).Verify(t)
	spy := probe.NewSpy(probe.Range(0, 100))
	step.Create(WithLatestFrom[int, int](spy, probe.Just(0), add), step.WithInitialRequest(0)).
		ThenRequest(1).ExpectNext(0).ThenRequest(1).ExpectNext(1).ThenCancel().Verify(t)
	assert.Equal(t, int64(2), spy.Requested.Load(), "demand passes through")
}
