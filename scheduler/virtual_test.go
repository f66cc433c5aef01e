package scheduler

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var epoch = time.Unix(0, 0).UTC()

func TestVirtualStartsAtEpochOrWithStart(t *testing.T) {
	assert.Equal(t, epoch, NewVirtual().Now())
	start := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	assert.Equal(t, start, NewVirtual(WithStart(start)).Now())
}

func TestVirtualScheduleQueuesUntilRunPending(t *testing.T) {
	v := NewVirtual()
	var got []int
	v.Schedule(func() { got = append(got, 1) })
	v.Schedule(func() { got = append(got, 2) })
	assert.Empty(t, got, "Schedule never runs inline")
	assert.Equal(t, 2, v.Pending())
	v.RunPending()
	assert.Equal(t, []int{1, 2}, got)
	assert.Equal(t, 0, v.Pending())
	assert.Equal(t, epoch, v.Now(), "RunPending does not move the clock")

	v.Schedule(func() { got = append(got, 3) })
	v.Advance(0)
	assert.Equal(t, []int{1, 2, 3}, got)
}

func TestVirtualAdvanceRunsDueTasksInOrderAndStepsTheClock(t *testing.T) {
	v := NewVirtual()
	type run struct {
		id int
		at time.Duration
	}
	var got []run
	record := func(id int) func() {
		return func() { got = append(got, run{id, v.Now().Sub(epoch)}) }
	}
	v.ScheduleAfter(3*time.Second, record(3))
	v.ScheduleAfter(time.Second, record(1))
	v.ScheduleAfter(2*time.Second, record(21))
	v.ScheduleAfter(2*time.Second, record(22)) // same due: scheduling order
	v.ScheduleAfter(5*time.Second, record(5))

	v.Advance(time.Second - 1)
	assert.Empty(t, got)
	assert.Equal(t, time.Second-1, v.Now().Sub(epoch))

	v.Advance(2*time.Second + 1)
	assert.Equal(t, []run{{1, time.Second}, {21, 2 * time.Second}, {22, 2 * time.Second}, {3, 3 * time.Second}}, got)
	assert.Equal(t, 3*time.Second, v.Now().Sub(epoch))
	assert.Equal(t, 1, v.Pending())

	v.AdvanceTo(epoch.Add(10 * time.Second))
	assert.Equal(t, run{5, 5 * time.Second}, got[len(got)-1])
	assert.Equal(t, 10*time.Second, v.Now().Sub(epoch))

	v.AdvanceTo(epoch) // never moves back
	assert.Equal(t, 10*time.Second, v.Now().Sub(epoch))
}

func TestVirtualRunsTasksScheduledByTasks(t *testing.T) {
	v := NewVirtual()
	var got []time.Duration
	var chain func()
	chain = func() {
		got = append(got, v.Now().Sub(epoch))
		if len(got) < 5 {
			v.ScheduleAfter(time.Second, chain)
		}
	}
	v.Schedule(chain)
	v.Advance(3 * time.Second)
	assert.Equal(t, []time.Duration{0, time.Second, 2 * time.Second, 3 * time.Second}, got)
	v.Advance(time.Hour)
	assert.Len(t, got, 5)

	// A task scheduled for "now" by a running task runs in the same pass.
	var inner bool
	v.Schedule(func() { v.Schedule(func() { inner = true }) })
	v.RunPending()
	assert.True(t, inner)
}

func TestVirtualPeriodicFixedRate(t *testing.T) {
	v := NewVirtual()
	var at []time.Duration
	d := v.SchedulePeriodically(time.Second, 2*time.Second, func() {
		at = append(at, v.Now().Sub(epoch))
	})
	v.Advance(7 * time.Second)
	assert.Equal(t, []time.Duration{time.Second, 3 * time.Second, 5 * time.Second, 7 * time.Second}, at)
	assert.Equal(t, 1, v.Pending())
	d.Dispose()
	assert.True(t, d.IsDisposed())
	assert.Equal(t, 0, v.Pending())
	v.Advance(time.Hour)
	assert.Len(t, at, 4)
}

func TestVirtualPanicReportedAndPeriodicCancelled(t *testing.T) {
	errs := newErrSink()
	v := NewVirtual(WithErrorHook(errs.hook))
	runs := 0
	d := v.SchedulePeriodically(0, time.Second, func() { runs++; panic("tick") })
	v.Schedule(func() { panic("once") })
	v.Advance(5 * time.Second)
	assert.Equal(t, 1, runs)
	assert.True(t, d.IsDisposed())
	var pe *sluice.PanicError
	require.ErrorAs(t, errs.next(t), &pe)
	assert.Equal(t, "tick", pe.Value)
	require.ErrorAs(t, errs.next(t), &pe)
	assert.Equal(t, "once", pe.Value)
}

func TestVirtualTaskDisposeAndWorker(t *testing.T) {
	v := NewVirtual()
	var got []string
	d := v.ScheduleAfter(time.Second, func() { got = append(got, "cancelled") })
	w := v.NewWorker()
	w.ScheduleAfter(time.Second, func() { got = append(got, "worker") })
	w.SchedulePeriodically(0, time.Second, func() { got = append(got, "tick") })
	v.ScheduleAfter(2*time.Second, func() { got = append(got, "scheduler") })
	assert.Equal(t, 4, v.Pending())

	d.Dispose()
	assert.Equal(t, 3, v.Pending())
	v.RunPending()
	assert.Equal(t, []string{"tick"}, got)

	w.Dispose()
	assert.True(t, w.IsDisposed())
	assert.Equal(t, 1, v.Pending())
	assert.True(t, w.Schedule(func() { got = append(got, "late") }).IsDisposed())
	v.Advance(time.Hour)
	assert.Equal(t, []string{"tick", "scheduler"}, got)
}

func TestVirtualWorkerDisposedFromItsOwnTask(t *testing.T) {
	v := NewVirtual()
	w := v.NewWorker()
	runs := 0
	w.SchedulePeriodically(0, time.Second, func() {
		runs++
		if runs == 3 {
			w.Dispose()
		}
	})
	v.Advance(time.Hour)
	assert.Equal(t, 3, runs)
	assert.Equal(t, 0, v.Pending())
}

func TestVirtualDispose(t *testing.T) {
	errs := newErrSink()
	v := NewVirtual(WithErrorHook(errs.hook))
	ran := false
	d := v.ScheduleAfter(time.Second, func() { ran = true })
	v.Dispose()
	v.Dispose()
	assert.True(t, v.IsDisposed())
	assert.True(t, d.IsDisposed())
	assert.Equal(t, 0, v.Pending())
	assert.True(t, v.Schedule(func() { ran = true }).IsDisposed())
	assert.ErrorIs(t, errs.next(t), ErrRejected)
	v.Advance(time.Hour)
	assert.False(t, ran)
}

func TestVirtualConcurrentScheduleDuringAdvance(t *testing.T) {
	v := NewVirtual()
	const goroutines, perGoroutine = 8, 500
	var ran atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for i := range perGoroutine {
				v.ScheduleAfter(time.Duration(i%7)*time.Millisecond, func() { ran.Add(1) })
				_ = v.Now()
				_ = v.Pending()
			}
		})
	}
	stop := make(chan struct{})
	advanced := make(chan struct{})
	go func() {
		defer close(advanced)
		for {
			select {
			case <-stop:
				return
			default:
				v.Advance(time.Millisecond)
			}
		}
	}()
	wg.Wait()
	close(stop)
	<-advanced
	v.Advance(time.Second)
	assert.Equal(t, int64(goroutines*perGoroutine), ran.Load())
	assert.Equal(t, 0, v.Pending())
}
