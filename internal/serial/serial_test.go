package serial

import (
	"errors"
	"runtime"
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

// seqRecorder checks that each sender's elements arrive in the order sent
// and that nothing arrives after the terminal signal.
type seqRecorder struct {
	recorder
	last  [4]int
	after atomic.Int32 // signals delivered after the terminal one
	ended bool
}

func (r *seqRecorder) OnNext(v int) {
	r.enter()
	if r.ended {
		r.after.Add(1)
	}
	g, i := v/100000, v%100000
	if i <= r.last[g] {
		r.overlaps.Add(100) // out of order
	}
	r.last[g] = i
	r.nexts++
	r.leave()
}

func (r *seqRecorder) OnComplete() {
	r.enter()
	if r.ended {
		r.after.Add(1)
	}
	r.ended = true
	r.complete++
	r.leave()
}

// Concurrent senders, some of whose signals are delivered at once and some
// queued, keep each one's order; a completion racing with them ends the
// sequence: every element is either delivered before it or dropped.
func TestOrderAndCompletionUnderRace(t *testing.T) {
	var dropped atomic.Int64
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{
		OnNextDropped:  func(any) { dropped.Add(1) },
		OnErrorDropped: func(error) {},
	})
	defer sluice.SetDroppedHooks(prev)
	const senders, each = 4, 3000
	for round := range 20 {
		rec := &seqRecorder{}
		s := New[int](rec)
		dropped.Store(0)
		var wg sync.WaitGroup
		for g := range senders {
			wg.Go(func() {
				for i := 1; i <= each; i++ {
					s.OnNext(g*100000 + i)
				}
			})
		}
		wg.Go(func() {
			for range round * 100 {
				runtime.Gosched()
			}
			s.OnComplete()
		})
		wg.Wait()
		require.Zero(t, rec.overlaps.Load(), "round %d: overlapping or out-of-order signals", round)
		require.Zero(t, rec.after.Load(), "round %d: signals after completion", round)
		require.Equal(t, 1, rec.complete)
		require.Equal(t, int64(senders*each), int64(rec.nexts)+dropped.Load(), "round %d: elements lost", round)
	}
}

type countingSubscriber struct{ n int }

func (c *countingSubscriber) OnSubscribe(sluice.Subscription) {}
func (c *countingSubscriber) OnNext(int)                      { c.n++ }
func (c *countingSubscriber) OnError(error)                   {}
func (c *countingSubscriber) OnComplete()                     {}

// BenchmarkOnNext is the common case: one goroutine signals.
func BenchmarkOnNext(b *testing.B) {
	down := &countingSubscriber{}
	s := New[int](down)
	for b.Loop() {
		s.OnNext(1)
	}
	if down.n != b.N {
		b.Fatalf("delivered %d of %d", down.n, b.N)
	}
}
