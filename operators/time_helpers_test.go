package operators_test

import (
	"sync"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/scheduler"
	"github.com/stretchr/testify/require"
)

// vt returns a virtual scheduler disposed at the end of the test.
func vt(t *testing.T) *scheduler.Virtual {
	v := scheduler.NewVirtual()
	t.Cleanup(v.Dispose)
	return v
}

// noTimers asserts that no task is left on the virtual clock.
func noTimers(t *testing.T, v *scheduler.Virtual) {
	t.Helper()
	require.Zero(t, v.Pending(), "timers left on the virtual clock")
}

// hot is a test publisher the test drives by hand: one subscriber, whose
// requests and cancellation it records. Its Next ignores demand, so a test
// can push as an uncontrolled source would.
type hot[T any] struct {
	mu        sync.Mutex
	sub       sluice.Subscriber[T]
	requested int64
	requests  []int64
	cancelled bool
	subs      int
}

func (h *hot[T]) Subscribe(s sluice.Subscriber[T]) {
	h.mu.Lock()
	h.sub = s
	h.subs++
	h.cancelled = false
	h.mu.Unlock()
	s.OnSubscribe(hotSub[T]{h})
}

type hotSub[T any] struct{ h *hot[T] }

func (s hotSub[T]) Request(n int64) {
	s.h.mu.Lock()
	s.h.requests = append(s.h.requests, n)
	if s.h.requested+n < 0 {
		s.h.requested = sluice.Unbounded
	} else {
		s.h.requested += n
	}
	s.h.mu.Unlock()
}

func (s hotSub[T]) Cancel() {
	s.h.mu.Lock()
	s.h.cancelled = true
	s.h.mu.Unlock()
}

func (h *hot[T]) next(vs ...T) {
	for _, v := range vs {
		h.sub.OnNext(v)
	}
}
func (h *hot[T]) complete()      { h.sub.OnComplete() }
func (h *hot[T]) fail(err error) { h.sub.OnError(err) }
func (h *hot[T]) isCancelled() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cancelled
}
func (h *hot[T]) demand() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.requested
}

// rangeN is a TCK source of n integers (n == math.MaxInt64: unbounded).
func rangeN(n int64) sluice.Publisher[int] { return flux.Range(0, int(n)) }
