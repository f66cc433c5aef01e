package flux

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// termRec runs onSub inside OnSubscribe and records the terminal signals.
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

// TestTerminalSourcesHonourOnSubscribe: the sources that end at once
// (Empty, Error, a failed Defer, Generate or Using) still honour rule 3.9
// and a cancellation for what the subscriber does inside OnSubscribe, and
// ignore everything afterwards.
func TestTerminalSourcesHonourOnSubscribe(t *testing.T) {
	boom := errors.New("boom")
	sources := []struct {
		name string
		f    Flux[int]
		err  error // the terminal error, nil for completion
	}{
		{"Empty", Empty[int](), nil},
		{"zero Flux", Flux[int]{}, nil},
		{"Just()", Just[int](), nil},
		{"Error", Error[int](boom), boom},
		{"Defer nil", Defer(func() sluice.Publisher[int] { return nil }), ErrNilPublisher},
		{"Generate initial panics", Generate(func() int { panic(boom) }, func(s int, k SynchronousSink[int]) int { return s }), boom},
		{"Using acquire fails", Using(func() (int, error) { return 0, boom }, func(int) sluice.Publisher[int] { return Range(0, 1) }, func(int) {}), boom},
		{"Using build fails", Using(func() (int, error) { return 0, nil }, func(int) sluice.Publisher[int] { return nil }, func(int) {}), ErrNilPublisher},
	}
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			r := &termRec{}
			src.f.Subscribe(r)
			if src.err != nil {
				assert.ErrorIs(t, r.err, src.err, "terminal without demand")
				assert.Zero(t, r.completes)
			} else {
				assert.NoError(t, r.err)
				assert.Equal(t, 1, r.completes, "terminal without demand")
			}
			r.sub.Request(0) // after the terminal signal: a no-op (rule 1.6)
			r.sub.Cancel()
			assert.True(t, src.err == nil || errors.Is(r.err, src.err))

			for _, n := range []int64{0, -1} {
				r = &termRec{onSub: func(s sluice.Subscription) { s.Request(n) }}
				src.f.Subscribe(r)
				require.ErrorIs(t, r.err, sluice.ErrInvalidDemand, "rule 3.9 inside OnSubscribe")
				assert.Zero(t, r.completes)
			}

			r = &termRec{onSub: func(s sluice.Subscription) { s.Cancel() }}
			src.f.Subscribe(r)
			assert.NoError(t, r.err, "no signal after a cancel inside OnSubscribe")
			assert.Zero(t, r.completes)
			assert.Zero(t, r.nexts)
		})
	}
}
