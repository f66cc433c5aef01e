package tck

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/sluicego/sluice"
)

func randomInt31() int64 { return 1 + rand.Int64N(math.MaxInt32) }

func (ps *publisherSuite[T]) createPublisher1(e *env) {
	ps.active(e, 1, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		if _, end := sub.requestNextElementOrEnd(); end {
			e.fail("Publisher created by Create(1) completed without producing any elements")
		}
		sub.requestEndOfStream()
	})
}

func (ps *publisherSuite[T]) createPublisher3(e *env) {
	ps.active(e, 3, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		for i := 1; i <= 3; i++ {
			if _, end := sub.requestNextElementOrEnd(); end {
				e.fail("Publisher created by Create(3) completed after %d elements", i-1)
			}
		}
		sub.requestEndOfStream()
	})
}

func (ps *publisherSuite[T]) validateMaxElements(e *env) {
	if ps.maxElements < 0 {
		e.fail("MaxElements must be 0 (unbounded), EmptyOnly or positive, got %d", ps.o.MaxElements)
	}
}

func (ps *publisherSuite[T]) validateDepth(e *env) {
	if ps.depth < 1 {
		e.fail("BoundedDepthOfOnNextAndRequestRecursion must be >= 1, got %d", ps.depth)
	}
}

func (ps *publisherSuite[T]) spec101(e *env) {
	ps.active(e, 5, false, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.expectNone("publisher signalled before any request (rule 1.1)")
		sub.request(1)
		sub.nextElement()
		sub.expectNone("publisher signalled more elements than requested: request(1) (rule 1.1)")
		sub.request(1)
		sub.request(2)
		sub.nextElements(3)
		sub.expectNone("publisher signalled more elements than requested: 4 in total (rule 1.1)")
		sub.cancel()
	})
}

func (ps *publisherSuite[T]) spec102(e *env) {
	ps.active(e, 3, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(10)
		sub.nextElements(3)
		sub.expectCompletion()
	})
}

// barrierSubscriber detects signals that overlap on different goroutines.
type barrierSubscriber[T any] struct {
	e        *env
	elements int64
	mu       sync.Mutex
	owner    uint64
	depth    int
	sub      sluice.Subscription
	got      int64
	done     *latch
}

func (s *barrierSubscriber[T]) enter(signal string) {
	g := goid()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.depth > 0 && s.owner != g {
		s.e.flop("Illegal concurrent access detected (entering critical section)! %s on goroutine %d while goroutine %d is inside a signal (rule 1.3)", signal, g, s.owner)
	}
	s.owner = g
	s.depth++
}

func (s *barrierSubscriber[T]) exit() {
	s.mu.Lock()
	s.depth--
	s.mu.Unlock()
}

func (s *barrierSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	s.enter("onSubscribe")
	defer s.exit()
	s.sub = sub
	sub.Request(1)
}

func (s *barrierSubscriber[T]) OnNext(T) {
	s.enter("onNext")
	defer s.exit()
	s.got++
	if s.got <= s.elements {
		// One more than the stream holds (some publishers need it).
		s.sub.Request(1)
	}
}

func (s *barrierSubscriber[T]) OnError(err error) {
	s.enter("onError")
	defer s.exit()
	s.e.received(err)
	s.done.close()
}

func (s *barrierSubscriber[T]) OnComplete() {
	s.enter("onComplete")
	defer s.exit()
	s.done.close()
}

func (ps *publisherSuite[T]) spec103(e *env) {
	const elements = 10
	ps.stochastic(e, func() {
		ps.active(e, elements, true, func(pub sluice.Publisher[T]) {
			s := &barrierSubscriber[T]{e: e, elements: elements, done: newLatch()}
			e.call("Publisher.Subscribe", func() { pub.Subscribe(s) })
			s.done.expectClose(e, elements*e.d, "Did not receive onComplete after %d elements", elements)
		})
	})
}

// errorSubscriber expects exactly onSubscribe then onError.
type errorSubscriber[T any] struct {
	e          *env
	subscribed *latch
	errored    *latch
	onSubs     atomic.Int32
	onErrs     atomic.Int32
}

func (s *errorSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if s.onSubs.Add(1) > 1 {
		s.e.flop("onSubscribe must be called at most once (rule 1.9)")
	}
	s.subscribed.close()
}

func (s *errorSubscriber[T]) OnNext(v T) {
	s.e.flop("onNext(%v) must not be called by a failed publisher", v)
}

func (s *errorSubscriber[T]) OnError(err error) {
	if !s.subscribed.isClosed() {
		s.e.flop("onError must be called only after onSubscribe (rule 1.9)")
	}
	if s.onErrs.Add(1) > 1 {
		s.e.flop("onError must be called at most once (rule 1.7)")
	}
	s.errored.close()
}

func (s *errorSubscriber[T]) OnComplete() {
	s.e.flop("onComplete must not be called by a failed publisher")
}

func (ps *publisherSuite[T]) expectFailed(e *env, pub sluice.Publisher[T], verify func()) {
	s := &errorSubscriber[T]{e: e, subscribed: newLatch(), errored: newLatch()}
	if p := e.callRecover("Publisher.Subscribe", func() { pub.Subscribe(s) }); p != nil {
		e.fail("Publisher panicked instead of signalling error via onError: %v", p)
	}
	s.subscribed.expectClose(e, e.d, "Should have received onSubscribe (rule 1.9)")
	s.errored.expectClose(e, e.d, "Should have received onError (rule 1.4)")
	verify()
}

func (ps *publisherSuite[T]) spec104(e *env) {
	ps.whenHasError(e, func(pub sluice.Publisher[T]) { ps.expectFailed(e, pub, e.verifyNoAsyncErrors) })
}

func (ps *publisherSuite[T]) spec109Reject(e *env) {
	ps.whenHasError(e, func(pub sluice.Publisher[T]) { ps.expectFailed(e, pub, e.verifyNoAsyncErrorsNoDelay) })
}

func (ps *publisherSuite[T]) spec105(e *env) {
	ps.active(e, 3, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.requestNextElement()
		sub.requestNextElement()
		sub.requestNextElement()
		sub.requestEndOfStream()
		sub.expectNone("publisher signalled after onComplete (rule 1.7)")
	})
}

func (ps *publisherSuite[T]) spec105Empty(e *env) {
	ps.optionalActive(e, 0, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(1)
		sub.expectCompletion()
		sub.expectNone("publisher signalled after onComplete (rule 1.7)")
		e.verifyNoAsyncErrorsNoDelay()
	})
}

func (ps *publisherSuite[T]) spec107(e *env) {
	ps.active(e, 1, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(10)
		sub.nextElement()
		sub.expectCompletion()
		sub.request(10)
		sub.expectNone("publisher signalled after onComplete (rule 1.7)")
	})
}

func (ps *publisherSuite[T]) spec109Nil(e *env) {
	ps.active(e, 0, false, func(pub sluice.Publisher[T]) {
		p := e.callRecover("Publisher.Subscribe(nil)", func() { pub.Subscribe(nil) })
		if p == nil {
			e.fail("Publisher did not panic when given a nil Subscriber (rule 1.9; panic with an error wrapping sluice.ErrNilSubscriber)")
		}
	})
}

func (ps *publisherSuite[T]) spec109OnSubscribe(e *env) {
	ps.active(e, 0, false, func(pub sluice.Publisher[T]) {
		sub := newManualSubscriber[T](e)
		e.call("Publisher.Subscribe", func() { pub.Subscribe(sub) })
		s := sub.sub.expectCompletion(e.d, "Should have received onSubscribe (rule 1.9)")
		e.verifyNoAsyncErrorsNoDelay()
		e.call("Subscription.Cancel", s.Cancel)
	})
}

func (ps *publisherSuite[T]) spec111MultiSubscribe(e *env) {
	ps.optionalActive(e, 1, false, func(pub sluice.Publisher[T]) {
		s1 := newSubscribed(e, pub)
		s2 := newSubscribed(e, pub)
		e.verifyNoAsyncErrors()
		s1.cancel()
		s2.cancel()
	})
}

func (ps *publisherSuite[T]) spec111Registered(e *env) {
	ps.optionalActive(e, 1, false, func(pub sluice.Publisher[T]) {
		s1 := newSubscribed(e, pub)
		s2 := newSubscribed(e, pub)
		// Unicast publishers may give the element to one subscriber and
		// complete the other.
		s1.requestNextElementOrEnd()
		s2.requestNextElementOrEnd()
		e.verifyNoAsyncErrors()
		s1.cancel()
		s2.cancel()
	})
}

func (ps *publisherSuite[T]) sameSequences(e *env, seqs ...[]T) {
	for i := 1; i < len(seqs); i++ {
		if len(seqs[i]) != len(seqs[0]) {
			e.fail("subscriber %d received %v but subscriber 1 received %v", i+1, seqs[i], seqs[0])
		}
		for j := range seqs[0] {
			if !ps.equal(seqs[0][j], seqs[i][j]) {
				e.fail("subscriber %d received %v but subscriber 1 received %v (rule 1.11: multicast must deliver the same sequence)", i+1, seqs[i], seqs[0])
			}
		}
	}
}

func (ps *publisherSuite[T]) spec111OneByOne(e *env) {
	ps.optionalActive(e, 5, true, func(pub sluice.Publisher[T]) {
		s1 := newSubscribed(e, pub)
		s2 := newSubscribed(e, pub)
		s3 := newSubscribed(e, pub)
		var x, y, z []T
		x = append(x, s1.requestNextElement())
		y = append(y, s2.requestNextElements(2)...)
		x = append(x, s1.requestNextElement())
		z = append(z, s3.requestNextElements(3)...)
		z = append(z, s3.requestNextElement())
		z = append(z, s3.requestNextElement())
		s3.requestEndOfStream()
		y = append(y, s2.requestNextElements(3)...)
		s2.requestEndOfStream()
		x = append(x, s1.requestNextElements(2)...)
		x = append(x, s1.requestNextElement())
		s1.requestEndOfStream()
		ps.sameSequences(e, x, y, z)
	})
}

func (ps *publisherSuite[T]) spec111Upfront(e *env, complete bool) {
	ps.optionalActive(e, 3, complete, func(pub sluice.Publisher[T]) {
		subs := []*manualSubscriber[T]{newSubscribed(e, pub), newSubscribed(e, pub), newSubscribed(e, pub)}
		for _, s := range subs {
			s.request(4)
		}
		seqs := make([][]T, len(subs))
		for i, s := range subs {
			seqs[i] = s.nextElements(3)
		}
		if complete {
			for _, s := range subs {
				s.expectCompletion()
			}
		}
		ps.sameSequences(e, seqs...)
	})
}

func (ps *publisherSuite[T]) spec302(e *env) {
	ps.active(e, 6, false, func(pub sluice.Publisher[T]) {
		sub := newManualSubscriber[T](e)
		sub.onSub = func(_ *manualSubscriber[T], s sluice.Subscription) {
			s.Request(1)
			s.Request(1)
			s.Request(1)
		}
		sub.onNext = func(m *manualSubscriber[T], _ T) {
			if s, ok := m.sub.value(); ok {
				s.Request(1)
			}
		}
		subscribe(e, pub, sub)
		e.verifyNoAsyncErrors()
	})
}

// recursionSubscriber measures how deeply OnNext nests through Request.
type recursionSubscriber[T any] struct {
	e       *env
	bound   int64
	depth   atomic.Int64
	got     atomic.Int64
	stopped atomic.Bool
	sub     *promise[sluice.Subscription]
	done    *latch
}

func (s *recursionSubscriber[T]) OnSubscribe(sub sluice.Subscription) { s.sub.complete(sub) }

func (s *recursionSubscriber[T]) OnNext(T) {
	d := s.depth.Add(1)
	defer s.depth.Add(-1)
	if s.stopped.Load() {
		return
	}
	if d > s.bound {
		s.stopped.Store(true)
		s.e.flop("Got %d onNext calls within a Request call stack (or concurrently), the bound is %d (rule 3.3)", d, s.bound)
		s.done.close()
		return
	}
	if s.got.Add(1) >= s.bound+1 {
		s.done.close()
		return
	}
	s.sub.v.Request(1)
}

func (s *recursionSubscriber[T]) OnError(err error) {
	s.e.flop("onError must not be signalled here: %v", err)
	s.done.close()
}

func (s *recursionSubscriber[T]) OnComplete() { s.done.close() }

func (ps *publisherSuite[T]) spec303(e *env) {
	ps.active(e, ps.depth+1, false, func(pub sluice.Publisher[T]) {
		s := &recursionSubscriber[T]{e: e, bound: ps.depth, done: newLatch(), sub: newPromise[sluice.Subscription](e, "subscription")}
		e.call("Publisher.Subscribe", func() { pub.Subscribe(s) })
		sub := s.sub.expectCompletion(e.d, "did not receive onSubscribe (rule 1.9)")
		e.onCleanup(sub.Cancel)
		e.call("Subscription.Request", func() { sub.Request(1) })
		s.done.expectClose(e, e.d, "Did not receive the expected %d elements or a terminal signal", ps.depth+1)
	})
}

func (ps *publisherSuite[T]) spec306(e *env) {
	ps.active(e, 3, false, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.cancel()
		sub.request(1)
		sub.request(1)
		sub.request(1)
		sub.expectNone("publisher signalled after cancel (rule 3.6: Request after Cancel must be a no-op)")
	})
}

func (ps *publisherSuite[T]) spec307(e *env) {
	ps.active(e, 1, false, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.cancel()
		sub.cancel()
		sub.cancel()
		sub.expectNone("publisher signalled after cancel (rule 3.7)")
	})
}

func (ps *publisherSuite[T]) spec309(e *env, n int64, message bool) {
	body := func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(n)
		err := e.expectError(func(err error) bool { return errors.Is(err, sluice.ErrInvalidDemand) },
			"error wrapping sluice.ErrInvalidDemand after request("+strconv.FormatInt(n, 10)+"), rule 3.9")
		if message {
			msg := err.Error()
			if !strings.Contains(msg, "3.9") && !strings.Contains(msg, "non-positive subscription request") &&
				!strings.Contains(msg, "negative subscription request") {
				e.fail("the error message %q should mention rule 3.9 or \"non-positive subscription request\"", msg)
			}
		}
	}
	if message {
		ps.optionalActive(e, 10, false, body)
	} else {
		ps.active(e, 10, false, body)
	}
}

func (ps *publisherSuite[T]) spec312(e *env) {
	ps.active(e, 20, false, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		const demand = 10 + 5
		sub.request(10)
		sub.request(5)
		sub.nextElement()
		sub.cancel()
		signalled := 1
		for {
			e.wait(e.q)
			n := sub.received.drainCount()
			if n == 0 {
				break
			}
			signalled += n
			if signalled > demand {
				e.fail("Publisher signalled %d elements, more than the %d requested, and did not stop after Cancel (rules 1.1, 3.12)", signalled, demand)
			}
		}
	})
}

func (ps *publisherSuite[T]) spec313(e *env) {
	ps.active(e, 3, false, func(pub sluice.Publisher[T]) {
		wp := func() weak.Pointer[manualSubscriber[T]] {
			sub := newManualSubscriber[T](e)
			subscribeKeep(e, pub, sub, false)
			sub.requestNextElement()
			sub.cancel()
			return weak.Make(sub)
		}()
		e.wait(ps.gc)
		deadline := time.Now().Add(e.d)
		for {
			runtime.GC()
			if wp.Value() == nil {
				break
			}
			if time.Now().After(deadline) {
				e.fail("Publisher did not drop reference to test subscriber after subscription cancellation (rule 3.13)")
			}
			e.wait(10 * time.Millisecond)
		}
		runtime.KeepAlive(pub)
	})
}

func (ps *publisherSuite[T]) spec317Pending(e *env) {
	ps.active(e, 3, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(math.MaxInt64)
		sub.nextElements(3)
		sub.expectCompletion()
	})
}

func (ps *publisherSuite[T]) spec317Cumulative(e *env) {
	ps.active(e, 3, true, func(pub sluice.Publisher[T]) {
		sub := newSubscribed(e, pub)
		sub.request(math.MaxInt64 / 2)
		sub.request(math.MaxInt64 / 2)
		sub.request(1) // pending is now exactly math.MaxInt64
		sub.nextElements(3)
		sub.expectCompletion()
		e.verifyNoAsyncErrorsNoDelay()
		sub.cancel()
	})
}

func (ps *publisherSuite[T]) spec317Above(e *env) {
	ps.active(e, math.MaxInt32, false, func(pub sluice.Publisher[T]) {
		sub := newManualSubscriber[T](e)
		sub.blackhole = true
		var calls int
		sub.onNext = func(m *manualSubscriber[T], _ T) {
			calls++
			s := m.subscription()
			if calls <= 10 {
				s.Request(math.MaxInt64 - 1) // pending overflows MaxInt64
			} else if calls == 11 {
				s.Cancel()
			}
		}
		subscribe(e, pub, sub)
		sub.request(1)
		e.verifyNoAsyncErrors()
		sub.cancel()
	})
}
