package step_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/tck/step"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fakeTB records Fatalf instead of failing.
type fakeTB struct {
	failed bool
	msg    string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = true
	f.msg = fmt.Sprintf(format, args...)
}

// requireFails runs v against a fake and asserts it failed with all parts
// in the message.
func requireFails[T any](t *testing.T, v *step.Verifier[T], parts ...string) {
	t.Helper()
	f := &fakeTB{}
	v.VerifyTimeout(f, time.Second)
	require.True(t, f.failed, "the verifier should have failed")
	for _, p := range parts {
		assert.Contains(t, f.msg, p)
	}
}

// pubFunc is a publisher made of a function, for misbehaving sources.
type pubFunc[T any] func(s sluice.Subscriber[T])

func (p pubFunc[T]) Subscribe(s sluice.Subscriber[T]) { p(s) }

type subFunc struct {
	request func(int64)
	cancel  func()
}

func (s subFunc) Request(n int64) {
	if s.request != nil {
		s.request(n)
	}
}

func (s subFunc) Cancel() {
	if s.cancel != nil {
		s.cancel()
	}
}

func failing[T any](err error) sluice.Publisher[T] {
	return pubFunc[T](func(s sluice.Subscriber[T]) {
		s.OnSubscribe(subFunc{})
		s.OnError(err)
	})
}

// never signals only OnSubscribe.
func never[T any]() sluice.Publisher[T] {
	return pubFunc[T](func(s sluice.Subscriber[T]) { s.OnSubscribe(subFunc{}) })
}

var errBoom = errors.New("boom")

func TestPassingScripts(t *testing.T) {
	step.Create[int](flux.Range(1, 3)).ExpectNext(1, 2, 3).ExpectComplete().Verify(t)
	step.Create[int](flux.Range(1, 3)).ExpectSubscription().ExpectNext(1).ExpectNextCount(2).ExpectComplete().Verify(t)
	step.Create[int](flux.Range(1, 10)).
		ExpectNextMatches(func(v int) bool { return v == 1 }).
		AssertNext(func(v int) { assert.Equal(t, 2, v) }).
		ConsumeNextWith(func(v int) { assert.Equal(t, 3, v) }).
		ThenConsumeWhile(func(v int) bool { return v < 10 }).
		ExpectNext(10).
		ExpectComplete().
		Verify(t)
	step.Create[int](flux.Empty[int]()).ExpectComplete().Verify(t)
}

func TestBackpressureAndCancel(t *testing.T) {
	step.Create[int](flux.Range(1, 100), step.WithInitialRequest(2)).
		ExpectNext(1, 2).
		ThenRequest(1).
		ExpectNext(3).
		ThenCancel().
		Verify(t)
	step.Create[int](flux.Range(1, 3), step.WithInitialRequest(0)).
		ExpectSubscription().
		ThenRequest(3).
		ExpectNext(1, 2, 3).
		ExpectComplete().
		Verify(t)
}

func TestErrors(t *testing.T) {
	wrapped := fmt.Errorf("wrapped: %w", errBoom)
	step.Create[int](failing[int](errBoom)).ExpectError().Verify(t)
	step.Create[int](failing[int](wrapped)).ExpectErrorIs(errBoom).Verify(t)
	step.Create[int](failing[int](wrapped)).ExpectErrorMessage("wrapped").Verify(t)
	step.Create[int](failing[int](wrapped)).ExpectErrorMatches(func(err error) bool { return err == wrapped }).Verify(t)
	var pe *sluice.PanicError
	step.Create[int](failing[int](sluice.NewPanicError("x"))).ExpectErrorAs(&pe).Verify(t)
	require.NotNil(t, pe)
	assert.Equal(t, "x", pe.Value)
	step.Create[int](flux.Range(1, 5), step.WithInitialRequest(1)).
		ThenRequest(-1).
		ExpectNext(1).
		ExpectErrorIs(sluice.ErrInvalidDemand).
		Verify(t)
}

// fakeClock records advances and runs a hook on each.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Duration
	onTick func(now time.Duration)
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now += d
	now, f := c.now, c.onTick
	c.mu.Unlock()
	if f != nil {
		f(now)
	}
}

func TestVirtualTime(t *testing.T) {
	// A source that emits once the clock reaches 10s, then completes.
	clock := &fakeClock{}
	pub := pubFunc[string](func(s sluice.Subscriber[string]) {
		s.OnSubscribe(subFunc{})
		clock.onTick = func(now time.Duration) {
			if now >= 10*time.Second {
				clock.onTick = nil
				s.OnNext("tick")
				s.OnComplete()
			}
		}
	})
	step.Create[string](pub, step.WithVirtualTime(clock)).
		ExpectSubscription().
		ExpectNoEvent(9 * time.Second).
		ThenAdvance(time.Second).
		ExpectNext("tick").
		ExpectComplete().
		Verify(t)
	assert.Equal(t, 10*time.Second, clock.now)
}

func TestFailures(t *testing.T) {
	t.Run("wrong value", func(t *testing.T) {
		requireFails(t, step.Create[int](flux.Range(1, 3)).ExpectNext(1, 5),
			"step 2 ExpectNext(5) [value 2 of 2]", "expected onNext(5) but got onNext(2)", "signals received: onSubscribe() onNext(1) onNext(2) onNext(3) onComplete()")
	})
	t.Run("complete instead of next", func(t *testing.T) {
		requireFails(t, step.Create[int](flux.Range(1, 1)).ExpectNext(1, 2), "expected onNext but got onComplete()")
	})
	t.Run("next instead of complete", func(t *testing.T) {
		requireFails(t, step.Create[int](flux.Range(1, 2)).ExpectNext(1).ExpectComplete(), "step 2 ExpectComplete()", "expected onComplete but got onNext(2)")
	})
	t.Run("error instead of complete", func(t *testing.T) {
		requireFails(t, step.Create[int](failing[int](errBoom)).ExpectComplete(), "expected onComplete but got onError(boom)")
	})
	t.Run("wrong error", func(t *testing.T) {
		requireFails(t, step.Create[int](failing[int](errBoom)).ExpectErrorIs(sluice.ErrInvalidDemand), "errors.Is")
		var pe *sluice.PanicError
		requireFails(t, step.Create[int](failing[int](errBoom)).ExpectErrorAs(&pe), "*sluice.PanicError")
		requireFails(t, step.Create[int](failing[int](errBoom)).ExpectErrorMessage("nope"), `"nope"`)
		requireFails(t, step.Create[int](flux.Range(1, 1)).ExpectNext(1).ExpectError(), "expected onError but got onComplete()")
	})
	t.Run("predicate", func(t *testing.T) {
		requireFails(t, step.Create[int](flux.Range(1, 1)).ExpectNextMatches(func(v int) bool { return v > 1 }), "onNext(1) does not match")
	})
	t.Run("timeout", func(t *testing.T) {
		f := &fakeTB{}
		step.Create[int](never[int]()).ExpectNext(1).VerifyTimeout(f, 20*time.Millisecond)
		require.True(t, f.failed)
		assert.Contains(t, f.msg, "no signal within 20ms")
	})
	t.Run("unexpected event", func(t *testing.T) {
		clock := &fakeClock{}
		requireFails(t, step.Create[int](flux.Range(1, 1), step.WithVirtualTime(clock)).ExpectNoEvent(time.Second), "expected no signal but got onNext(1)")
	})
	t.Run("advance without clock", func(t *testing.T) {
		requireFails(t, step.Create[int](flux.Range(1, 1)).ThenAdvance(time.Second), "WithVirtualTime")
	})
	t.Run("more than requested", func(t *testing.T) {
		greedy := pubFunc[int](func(s sluice.Subscriber[int]) {
			s.OnSubscribe(subFunc{request: func(int64) {}})
			s.OnNext(1)
			s.OnNext(2)
		})
		requireFails(t, step.Create[int](greedy, step.WithInitialRequest(1)).ExpectNext(1, 2), "rule 1.1")
	})
	t.Run("signal after terminal", func(t *testing.T) {
		twice := pubFunc[int](func(s sluice.Subscriber[int]) {
			s.OnSubscribe(subFunc{})
			s.OnComplete()
			s.OnComplete()
		})
		requireFails(t, step.Create[int](twice).ExpectComplete(), "rule 1.7")
	})
	t.Run("signal before onSubscribe", func(t *testing.T) {
		rude := pubFunc[int](func(s sluice.Subscriber[int]) {
			s.OnNext(1)
			s.OnSubscribe(subFunc{})
			s.OnComplete()
		})
		requireFails(t, step.Create[int](rude).ExpectComplete(), "rule 1.9")
	})
	t.Run("assertion in AssertNext", func(t *testing.T) {
		f := &fakeTB{}
		v := step.Create[int](flux.Range(1, 1)).AssertNext(func(v int) { f.Fatalf("custom %d", v) })
		v.VerifyTimeout(f, time.Second)
		assert.True(t, strings.HasPrefix(f.msg, "custom 1") || f.failed)
	})
}
