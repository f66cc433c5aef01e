package flux

import (
	"errors"
	"sync"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pushCreate returns a Create flux and a channel that yields its sink.
func pushCreate(o OverflowStrategy) (Flux[int], chan FluxSink[int]) {
	sinks := make(chan FluxSink[int], 1)
	return Create(func(s FluxSink[int]) { sinks <- s }, o), sinks
}

func TestCreateOverflowStrategies(t *testing.T) {
	cases := []struct {
		name     string
		o        OverflowStrategy
		results  []error // of Next(0..4) pushed with demand 2
		items    []int   // after requesting 10 more
		err      error
		finished bool
	}{
		{"buffer", OverflowBuffer, []error{nil, nil, nil, nil, nil}, []int{0, 1, 2, 3, 4}, nil, false},
		{"drop", OverflowDrop, []error{nil, nil, ErrOverflow, ErrOverflow, ErrOverflow}, []int{0, 1}, nil, false},
		{"latest", OverflowLatest, []error{nil, nil, nil, nil, nil}, []int{0, 1, 4}, nil, false},
		{"error", OverflowError, []error{nil, nil, ErrOverflow, ErrSinkDone, ErrSinkDone}, []int{0, 1}, ErrOverflow, true},
		{"bounded", OverflowBufferBounded(2), []error{nil, nil, nil, nil, ErrOverflow}, nil, ErrOverflow, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, sinks := pushCreate(c.o)
			r := newRec[int](0)
			f.Subscribe(r)
			s := <-sinks
			r.request(2)
			var got []error
			for i := range 5 {
				got = append(got, s.Next(i))
			}
			assert.Equal(t, c.results, got)
			if !c.finished {
				r.request(10)
			}
			items, err, _ := r.snapshot()
			if c.items == nil {
				c.items = []int{0, 1}
			}
			assert.Equal(t, c.items, items)
			if c.err != nil {
				assert.ErrorIs(t, err, c.err)
			} else {
				assert.NoError(t, err)
				s.Complete()
				assert.True(t, r.isDone())
			}
		})
	}
}

func TestCreateBufferedTerminalWaitsForQueue(t *testing.T) {
	boom := errors.New("boom")
	r := newRec[int](1)
	Create(func(s FluxSink[int]) {
		_ = s.Next(1)
		_ = s.Next(2)
		s.Error(boom)
		assert.ErrorIs(t, s.Next(3), ErrSinkDone)
	}, OverflowBuffer).Subscribe(r)
	assert.False(t, r.isDone())
	r.request(1)
	items, err, _ := r.snapshot()
	assert.Equal(t, []int{1, 2}, items)
	assert.ErrorIs(t, err, boom)
}

func TestCreateCallbacks(t *testing.T) {
	var requests []int64
	var events []string
	f, sinks := pushCreate(OverflowBuffer)
	r := newRec[int](3)
	f.Subscribe(r)
	s := <-sinks
	s.OnRequest(func(n int64) { requests = append(requests, n) })
	s.OnCancel(func() { events = append(events, "cancel") })
	s.OnDispose(func() { events = append(events, "dispose") })
	ctx := s.Context()
	r.request(4)
	assert.Equal(t, []int64{3, 4}, requests, "outstanding demand first, then each request")
	assert.Equal(t, int64(7), s.Requested())
	r.cancel()
	r.cancel()
	assert.Equal(t, []string{"cancel", "dispose"}, events)
	assert.True(t, s.IsCancelled())
	<-ctx.Done()
	assert.ErrorIs(t, s.Next(1), ErrSinkDone)
}

func TestCreateDisposeOnComplete(t *testing.T) {
	disposed := 0
	r := newRec[int](sluice.Unbounded)
	Create(func(s FluxSink[int]) {
		s.OnDispose(func() { disposed++ })
		s.Complete()
		s.Complete()
	}, OverflowBuffer).Subscribe(r)
	assert.True(t, r.isDone())
	assert.Equal(t, 1, disposed)
}

func TestCreateEmitterPanic(t *testing.T) {
	r := newRec[int](0)
	Create(func(s FluxSink[int]) {
		_ = s.Next(1)
		panic("emitter")
	}, OverflowBuffer).Subscribe(r)
	_, err, _ := r.snapshot()
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "emitter", pe.Value)
}

func TestCreateManyProducersSerialized(t *testing.T) {
	const producers, each = 8, 500
	var wg sync.WaitGroup
	r := newRec[int](0)
	Create(func(s FluxSink[int]) {
		for p := range producers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					_ = s.Next(p*each + i)
				}
			}()
		}
		go func() { wg.Wait(); s.Complete() }()
	}, OverflowBuffer).Subscribe(r)
	var rq sync.WaitGroup
	for range 4 {
		rq.Add(1)
		go func() {
			defer rq.Done()
			for range producers * each / 4 {
				r.request(1)
			}
		}()
	}
	rq.Wait()
	r.request(1) // for the completion? not needed: completion needs no demand
	<-r.done
	items, err, completed := r.snapshot()
	require.NoError(t, err)
	assert.True(t, completed)
	assert.Len(t, items, producers*each)
	assert.False(t, r.overlap.Load())
	seen := make(map[int]bool, len(items))
	for _, v := range items {
		seen[v] = true
	}
	assert.Len(t, seen, producers*each, "each value exactly once")
}
