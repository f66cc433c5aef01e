package scheduler

import (
	"sync/atomic"
	"testing"
)

// benchSchedule measures Schedule throughput: b.N no-op tasks submitted from
// RunParallel's goroutines, timed until the last one has run.
func benchSchedule(b *testing.B, s Scheduler) {
	defer s.Dispose()
	var ran atomic.Int64
	done := make(chan struct{})
	target := int64(b.N)
	task := func() {
		if ran.Add(1) == target {
			close(done)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.Schedule(task)
		}
	})
	<-done
}

func BenchmarkScheduleSingle(b *testing.B)   { benchSchedule(b, NewSingle()) }
func BenchmarkScheduleParallel(b *testing.B) { benchSchedule(b, NewParallel()) }
func BenchmarkScheduleBoundedElastic(b *testing.B) {
	benchSchedule(b, NewBoundedElastic())
}

// BenchmarkWorkerScheduleSingleProducer is the publishOn shape: one producer
// feeding one worker.
func BenchmarkWorkerScheduleSingleProducer(b *testing.B) {
	for _, f := range []struct {
		name string
		new  func(...Option) Scheduler
	}{{"Single", NewSingle}, {"Parallel", NewParallel}} {
		b.Run(f.name, func(b *testing.B) {
			s := f.new()
			defer s.Dispose()
			w := s.NewWorker()
			defer w.Dispose()
			var ran atomic.Int64
			done := make(chan struct{})
			target := int64(b.N)
			task := func() {
				if ran.Add(1) == target {
					close(done)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				w.Schedule(task)
			}
			<-done
		})
	}
}
