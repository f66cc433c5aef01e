package scheduler

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestOptionsThatDoNotApplyPanic(t *testing.T) {
	tests := []struct {
		name string
		make func()
	}{
		{"Single/WithParallelism", func() { NewSingle(WithParallelism(2)) }},
		{"Single/WithTTL", func() { NewSingle(WithTTL(time.Second)) }},
		{"Parallel/WithMaxThreads", func() { NewParallel(WithMaxThreads(2)) }},
		{"Parallel/WithStart", func() { NewParallel(WithStart(time.Now())) }},
		{"BoundedElastic/WithParallelism", func() { NewBoundedElastic(WithParallelism(2)) }},
		{"Virtual/WithQueueCap", func() { NewVirtual(WithQueueCap(2)) }},
		{"Parallel/WithParallelism(0)", func() { NewParallel(WithParallelism(0)) }},
		{"BoundedElastic/WithMaxThreads(-1)", func() { NewBoundedElastic(WithMaxThreads(-1)) }},
		{"BoundedElastic/WithTTL(0)", func() { NewBoundedElastic(WithTTL(0)) }},
		{"Single/WithQueueCap(0)", func() { NewSingle(WithQueueCap(0)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Panics(t, tt.make) })
	}
}

func TestNamedSchedulerRejectionNamesIt(t *testing.T) {
	errs := newErrSink()
	s := NewSingle(WithName("io"), WithErrorHook(errs.hook), WithQueueCap(10))
	s.Dispose()
	s.Schedule(func() {})
	err := errs.next(t)
	assert.ErrorIs(t, err, ErrRejected)
	assert.Contains(t, err.Error(), "io")
}

func TestPanickingHookDoesNotKillTheGoroutine(t *testing.T) {
	s := NewSingle(WithErrorHook(func(error) { panic("hook") }))
	defer s.Dispose()
	var dropped []error
	prev := setDropped(func(err error) { dropped = append(dropped, err) })
	defer restoreDropped(prev)
	s.Schedule(func() { panic("task") })
	done := make(chan struct{})
	s.Schedule(func() { close(done) })
	wait(t, done, "the next task")
	assert.Len(t, dropped, 1) // written before done was closed
}
