package pull

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// droppedErrors installs an OnErrorDropped hook for the test.
func droppedErrors(t *testing.T) func() []error {
	var mu sync.Mutex
	var got []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) {
		mu.Lock()
		got = append(got, err)
		mu.Unlock()
	}})
	t.Cleanup(func() { sluice.SetDroppedHooks(prev) })
	return func() []error {
		mu.Lock()
		defer mu.Unlock()
		return append([]error(nil), got...)
	}
}

// guarded is a counter that records a Next call made after Close.
type guarded struct {
	*counter
	closedFlag  atomic.Bool
	nextAfter   atomic.Bool
	exhaustible bool
}

func (g *guarded) Next() (int, bool, error) {
	if g.closedFlag.Load() {
		g.nextAfter.Store(true)
	}
	return g.counter.Next()
}

func (g *guarded) Close() {
	g.closedFlag.Store(true)
	g.counter.Close()
}

func requirePanicDropped(t *testing.T, dropped []error, value any) {
	t.Helper()
	require.Len(t, dropped, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, dropped[0], &pe)
	assert.Equal(t, value, pe.Value)
}

// TestPanicInOnSubscribe: a panic raised by the subscriber's own OnSubscribe
// does not leave Subscribe (rule 2.13); the subscription counts as
// cancelled, the source is closed exactly once, the subscriber gets no
// further signal and the panic goes to ErrorDropped as a *PanicError.
func TestPanicInOnSubscribe(t *testing.T) {
	cases := []struct {
		name      string
		src       func(c *counter) Source[int]
		onSub     func(s sluice.Subscription)
		wantItems []int
		wantTerms int
		wantErr   bool
	}{
		{"before any request", func(c *counter) Source[int] { return c }, nil, nil, 0, false},
		{"eager source", func(c *counter) Source[int] { return eager{c} }, nil, nil, 0, false},
		{"after a request", func(c *counter) Source[int] { return c },
			func(s sluice.Subscription) { s.Request(3) }, []int{0, 1, 2}, 0, false},
		{"after the source completed", func(c *counter) Source[int] { return eager{c} },
			func(s sluice.Subscription) { s.Request(100) }, ints(0, 5), 1, false},
		{"after an invalid request", func(c *counter) Source[int] { return c },
			func(s sluice.Subscription) { s.Request(0) }, nil, 1, true},
		{"after cancelling", func(c *counter) Source[int] { return c },
			func(s sluice.Subscription) { s.Cancel() }, nil, 0, false},
		{"after fusing", func(c *counter) Source[int] { return c },
			func(s sluice.Subscription) { require.NotNil(t, s.(*Subscription[int]).Fuse()) }, nil, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dropped := droppedErrors(t)
			c := newCounter(5)
			r := &rec{onSub: func(s sluice.Subscription) {
				if tc.onSub != nil {
					tc.onSub(s)
				}
				panic("onSubscribe bug")
			}}
			require.NotPanics(t, func() { Subscribe[int](r, tc.src(c)) })
			pulled := c.pulled.Load()
			r.sub.Request(10) // counts as cancelled: nothing more happens
			r.sub.Cancel()
			items, err, _ := r.snapshot()
			assert.Equal(t, tc.wantItems, items)
			assert.Equal(t, tc.wantTerms, r.terminals)
			if tc.wantErr {
				assert.ErrorIs(t, err, sluice.ErrInvalidDemand)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, pulled, c.pulled.Load(), "no pull after the panic")
			assert.EqualValues(t, 1, c.closed.Load(), "the source is closed exactly once")
			requirePanicDropped(t, dropped(), "onSubscribe bug")
		})
	}
}

// TestPanicInOnSubscribeTerminate: Terminate (Empty, Error, failed Defer)
// sends neither OnComplete nor OnError after a panicking OnSubscribe.
func TestPanicInOnSubscribeTerminate(t *testing.T) {
	for _, err := range []error{nil, errors.New("boom")} {
		dropped := droppedErrors(t)
		r := &rec{onSub: func(sluice.Subscription) { panic("onSubscribe bug") }}
		require.NotPanics(t, func() { Terminate[int](r, err) })
		r.sub.Request(1)
		assert.Zero(t, r.terminals)
		requirePanicDropped(t, dropped(), "onSubscribe bug")
	}
}

// TestPanicNilInOnSubscribe: panic(nil) is reported like any other panic.
func TestPanicNilInOnSubscribe(t *testing.T) {
	dropped := droppedErrors(t)
	c := newCounter(1)
	r := &rec{onSub: func(sluice.Subscription) { panic(nil) }}
	require.NotPanics(t, func() { Subscribe[int](r, c) })
	got := dropped()
	require.Len(t, got, 1)
	var pn *runtime.PanicNilError
	assert.ErrorAs(t, got[0], &pn)
	assert.EqualValues(t, 1, c.closed.Load())
}

// TestPanicInOnSubscribeWhileAnotherGoroutineDrains: when a Request made
// from another goroutine during OnSubscribe owns the emission loop, that
// loop closes the source: Close happens once and never overlaps or precedes
// a Next call.
func TestPanicInOnSubscribeWhileAnotherGoroutineDrains(t *testing.T) {
	for i := 0; i < 50; i++ {
		dropped := droppedErrors(t)
		g := &guarded{counter: newCounter(1 << 30)}
		r := &rec{}
		var wg sync.WaitGroup
		r.onSub = func(s sluice.Subscription) {
			started := make(chan struct{})
			wg.Add(1)
			go func() {
				defer wg.Done()
				close(started)
				for range 200 {
					s.Request(1)
				}
			}()
			<-started
			panic("onSubscribe bug")
		}
		require.NotPanics(t, func() { Subscribe[int](r, g) })
		wg.Wait()
		require.EqualValues(t, 1, g.closed.Load())
		require.False(t, g.nextAfter.Load(), "Next after Close")
		assert.Zero(t, r.terminals)
		requirePanicDropped(t, dropped(), "onSubscribe bug")
	}
}
