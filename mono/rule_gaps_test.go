package mono

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// termRec runs onSub inside OnSubscribe and records the signals.
type termRec struct {
	onSub     func(s sluice.Subscription)
	sub       sluice.Subscription
	nexts     int
	err       error
	completes int
}

func (r *termRec) OnSubscribe(s sluice.Subscription) {
	r.sub = s
	if r.onSub != nil {
		r.onSub(s)
	}
}
func (r *termRec) OnNext(int)        { r.nexts++ }
func (r *termRec) OnError(err error) { r.err = err }
func (r *termRec) OnComplete()       { r.completes++ }

// TestTerminalSourcesHonourOnSubscribe: Empty, Error, the zero Mono and a
// failed Defer end right after OnSubscribe, but a Request(n <= 0) made inside
// OnSubscribe ends them with the rule 3.9 error and a Cancel made there
// suppresses the terminal signal.
func TestTerminalSourcesHonourOnSubscribe(t *testing.T) {
	boom := errors.New("boom")
	sources := []struct {
		name string
		m    Mono[int]
		err  error
	}{
		{"Empty", Empty[int](), nil},
		{"zero Mono", Mono[int]{}, nil},
		{"Error", Error[int](boom), boom},
		{"Defer panics", Defer(func() Mono[int] { panic(boom) }), boom},
	}
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			r := &termRec{}
			src.m.Subscribe(r)
			if src.err != nil {
				assert.ErrorIs(t, r.err, src.err)
				assert.Zero(t, r.completes)
			} else {
				assert.NoError(t, r.err)
				assert.Equal(t, 1, r.completes)
			}
			r.sub.Request(-1) // after the end: a no-op
			assert.True(t, src.err == nil || errors.Is(r.err, src.err))

			r = &termRec{onSub: func(s sluice.Subscription) { s.Request(0) }}
			src.m.Subscribe(r)
			assert.ErrorIs(t, r.err, sluice.ErrInvalidDemand)
			assert.Zero(t, r.completes)

			r = &termRec{onSub: func(s sluice.Subscription) { s.Cancel() }}
			src.m.Subscribe(r)
			assert.NoError(t, r.err)
			assert.Zero(t, r.completes)
		})
	}
}

// panicky panics in the chosen method.
type panicky struct {
	termRec
	in string
}

func (p *panicky) OnNext(v int) {
	if p.in == "OnNext" {
		panic("OnNext bug")
	}
	p.termRec.OnNext(v)
}

func (p *panicky) OnComplete() {
	if p.in == "OnComplete" {
		panic("OnComplete bug")
	}
	p.termRec.OnComplete()
}

func (p *panicky) OnError(err error) {
	if p.in == "OnError" {
		panic("OnError bug")
	}
	p.termRec.OnError(err)
}

func captureDropped(t *testing.T) func() []error {
	var mu sync.Mutex
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) {
		mu.Lock()
		dropped = append(dropped, err)
		mu.Unlock()
	}})
	t.Cleanup(func() { sluice.SetDroppedHooks(prev) })
	return func() []error {
		mu.Lock()
		defer mu.Unlock()
		return append([]error(nil), dropped...)
	}
}

// TestSubscriberPanicGoesToDroppedHook: a panic raised by the subscriber's own
// method does not reach the goroutine that called Success or Request (rule
// 2.13); it goes to the dropped-error hook, nothing else is signalled, and
// Create's OnDispose still runs.
func TestSubscriberPanicGoesToDroppedHook(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name   string
		in     string
		source func(disposed *int) Mono[int]
	}{
		{"Create value", "OnNext", func(d *int) Mono[int] {
			return Create(func(s MonoSink[int]) { s.OnDispose(func() { *d++ }); s.Success(1) })
		}},
		{"Create empty", "OnComplete", func(d *int) Mono[int] {
			return Create(func(s MonoSink[int]) { s.OnDispose(func() { *d++ }); s.SuccessEmpty() })
		}},
		{"Create error", "OnError", func(d *int) Mono[int] {
			return Create(func(s MonoSink[int]) { s.OnDispose(func() { *d++ }); s.Error(boom) })
		}},
		{"FromFunc value", "OnNext", func(*int) Mono[int] {
			return FromFunc(func(context.Context) (int, error) { return 1, nil })
		}},
		{"FromFunc complete", "OnComplete", func(*int) Mono[int] {
			return FromFunc(func(context.Context) (int, error) { return 1, nil })
		}},
		{"FromFunc error", "OnError", func(*int) Mono[int] {
			return FromFunc(func(context.Context) (int, error) { return 0, boom })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dropped := captureDropped(t)
			disposed := 0
			p := &panicky{in: tc.in}
			tc.source(&disposed).Subscribe(p)
			require.NotPanics(t, func() { p.sub.Request(1) })
			p.sub.Request(1)
			p.sub.Cancel()
			assert.Zero(t, p.completes, "nothing after the panic")
			assert.NoError(t, p.err)
			got := dropped()
			require.Len(t, got, 1)
			var pe *sluice.PanicError
			require.ErrorAs(t, got[0], &pe)
			assert.Equal(t, tc.in+" bug", pe.Value)
			assert.NotEmpty(t, pe.Stack)
			if tc.name[:6] == "Create" {
				assert.Equal(t, 1, disposed, "OnDispose runs")
			}
		})
	}
}

// TestCreateSuccessFromAnotherGoroutineSurvivesSubscriberPanic: the
// producer's goroutine is not crashed by the subscriber.
func TestCreateSuccessFromAnotherGoroutineSurvivesSubscriberPanic(t *testing.T) {
	dropped := captureDropped(t)
	var sink MonoSink[int]
	p := &panicky{in: "OnNext"}
	Create(func(s MonoSink[int]) { sink = s }).Subscribe(p)
	p.sub.Request(1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sink.Success(1)
	}()
	<-done
	require.Len(t, dropped(), 1)
	<-sink.Context().Done()
}

// TestFromFuncInvalidRequestWhileRunning: Request(0) from another goroutine
// while fn runs cancels fn's context and ends the stream with the rule 3.9
// error; the result is discarded.
func TestFromFuncInvalidRequestWhileRunning(t *testing.T) {
	started := make(chan struct{})
	r := &termRec{}
	m := FromFunc(func(ctx context.Context) (int, error) {
		close(started)
		<-ctx.Done()
		return 5, nil
	})
	m.Subscribe(r)
	go func() {
		<-started
		r.sub.Request(0)
	}()
	r.sub.Request(1) // runs fn here until the invalid request cancels it
	assert.Zero(t, r.nexts)
	assert.Zero(t, r.completes)
	assert.ErrorIs(t, r.err, sluice.ErrInvalidDemand)
}

// TestFromChannelInvalidRequestWhileReceiving: Request(0) while the receive
// waits ends the stream with the rule 3.9 error.
func TestFromChannelInvalidRequestWhileReceiving(t *testing.T) {
	ch := make(chan int)
	r := newRec(1)
	FromChannel(ch).Subscribe(r)
	r.subscription().Request(0)
	<-r.done
	items, err, completed := r.result()
	assert.Empty(t, items)
	assert.ErrorIs(t, err, sluice.ErrInvalidDemand)
	assert.False(t, completed)

	// inside OnSubscribe, after a valid request
	r2 := &termRec{onSub: func(s sluice.Subscription) { s.Request(1); s.Request(-3) }}
	FromChannel(ch).Subscribe(r2)
	assert.ErrorIs(t, r2.err, sluice.ErrInvalidDemand)
}
