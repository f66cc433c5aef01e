package serial

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type recorder struct {
	inside   atomic.Int32
	overlaps atomic.Int32
	nexts    int
	errs     int
	complete int
}

func (r *recorder) enter() {
	if r.inside.Add(1) != 1 {
		r.overlaps.Add(1)
	}
}
func (r *recorder) leave()                          { r.inside.Add(-1) }
func (r *recorder) OnSubscribe(sluice.Subscription) {}
func (r *recorder) OnNext(int)                      { r.enter(); r.nexts++; r.leave() }
func (r *recorder) OnError(error)                   { r.enter(); r.errs++; r.leave() }
func (r *recorder) OnComplete()                     { r.enter(); r.complete++; r.leave() }

func TestConcurrentSignalsAreSerial(t *testing.T) {
	rec := &recorder{}
	s := New[int](rec)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5000 {
				s.OnNext(g*5000 + i)
			}
		}()
	}
	wg.Wait()
	s.OnComplete()
	s.OnError(errors.New("late"))
	s.OnNext(1)
	assert.Zero(t, rec.overlaps.Load())
	assert.Equal(t, 40000, rec.nexts)
	assert.Equal(t, 1, rec.complete)
	assert.Equal(t, 0, rec.errs)
	require.True(t, s.Done())
}

func TestTerminalRacesDeliverOne(t *testing.T) {
	for range 200 {
		rec := &recorder{}
		s := New[int](rec)
		var wg sync.WaitGroup
		wg.Add(3)
		go func() { defer wg.Done(); s.OnComplete() }()
		go func() { defer wg.Done(); s.OnError(errors.New("x")) }()
		go func() { defer wg.Done(); s.OnNext(1) }()
		wg.Wait()
		require.Equal(t, 1, rec.complete+rec.errs)
		require.Zero(t, rec.overlaps.Load())
	}
}

func init() {
	sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(error) {}})
}
