package tck

import (
	"github.com/sluicego/sluice"
)

// manualSubscriber records what a publisher sends it: elements and
// completion into a receptacle, errors into the environment's failure list.
// It checks that OnSubscribe comes first and only once.
type manualSubscriber[T any] struct {
	e         *env
	sub       *promise[sluice.Subscription]
	received  *receptacle[T]
	blackhole bool
	onNext    func(s *manualSubscriber[T], v T) // optional hook, runs instead of recording
	onSub     func(s *manualSubscriber[T], sub sluice.Subscription)
	errP      *promise[error] // when set, OnError completes it instead of recording
}

func newManualSubscriber[T any](e *env) *manualSubscriber[T] {
	return &manualSubscriber[T]{
		e:        e,
		sub:      newPromise[sluice.Subscription](e, "subscription"),
		received: newReceptacle[T](e),
	}
}

func (s *manualSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if sub == nil {
		s.e.flop("onSubscribe(nil) (rule 1.9)")
		return
	}
	if s.sub.isCompleted() {
		s.e.flop("onSubscribe called twice (rules 1.9, 2.12)")
		sub.Cancel()
		return
	}
	s.sub.complete(sub)
	if s.onSub != nil {
		s.onSub(s, sub)
	}
}

func (s *manualSubscriber[T]) subscribed(signal string) bool {
	if !s.sub.isCompleted() {
		s.e.flop("%s before onSubscribe (rule 1.9)", signal)
		return false
	}
	return true
}

func (s *manualSubscriber[T]) OnNext(v T) {
	if !s.subscribed("onNext") {
		return
	}
	s.e.debugf("onNext(%v)", v)
	if s.onNext != nil {
		s.onNext(s, v)
		return
	}
	if !s.blackhole {
		s.received.add(v)
	}
}

func (s *manualSubscriber[T]) OnError(err error) {
	s.subscribed("onError")
	if s.errP != nil {
		s.errP.complete(err)
		return
	}
	s.e.received(err)
}

func (s *manualSubscriber[T]) OnComplete() {
	if !s.subscribed("onComplete") {
		return
	}
	s.e.debugf("onComplete")
	s.received.complete()
}

// subscription returns the received subscription or fails the test.
func (s *manualSubscriber[T]) subscription() sluice.Subscription {
	sub, ok := s.sub.value()
	if !ok {
		s.e.fail("no subscription received (rule 1.9)")
	}
	return sub
}

func (s *manualSubscriber[T]) request(n int64) {
	sub := s.subscription()
	s.e.debugf("request(%d)", n)
	s.e.call("Subscription.Request", func() { sub.Request(n) })
}

func (s *manualSubscriber[T]) cancel() {
	sub := s.subscription()
	s.e.debugf("cancel()")
	s.e.call("Subscription.Cancel", sub.Cancel)
}

func (s *manualSubscriber[T]) nextElement() T {
	return s.received.next(s.e.d, "did not receive expected element")
}

func (s *manualSubscriber[T]) nextElements(n int) []T {
	return s.received.nextN(n, s.e.d, "did not receive expected elements")
}

func (s *manualSubscriber[T]) requestNextElement() T {
	s.request(1)
	return s.nextElement()
}

func (s *manualSubscriber[T]) requestNextElements(n int) []T {
	s.request(int64(n))
	return s.nextElements(n)
}

func (s *manualSubscriber[T]) requestNextElementOrEnd() (T, bool) {
	s.request(1)
	return s.received.nextOrEnd(s.e.d, "did not receive expected element or end-of-stream")
}

func (s *manualSubscriber[T]) expectCompletion() {
	s.received.expectCompletion(s.e.d, "did not receive expected onComplete (rule 1.5)")
}

func (s *manualSubscriber[T]) requestEndOfStream() {
	s.request(1)
	s.expectCompletion()
}

func (s *manualSubscriber[T]) expectNone(msg string) {
	s.received.expectNone(s.e.q, msg)
}

// subscribe subscribes sub to pub, waits for OnSubscribe and checks that no
// failure was recorded. The subscription is cancelled when the test ends.
func subscribe[T any](e *env, pub sluice.Publisher[T], sub *manualSubscriber[T]) {
	subscribeKeep(e, pub, sub, true)
}

// subscribeKeep is subscribe; with cancelAtEnd false the TCK keeps no
// reference to the subscription (rule 3.13 test).
func subscribeKeep[T any](e *env, pub sluice.Publisher[T], sub *manualSubscriber[T], cancelAtEnd bool) {
	e.call("Publisher.Subscribe", func() { pub.Subscribe(sub) })
	s := sub.sub.expectCompletion(e.d, "did not receive onSubscribe (rule 1.9)")
	if cancelAtEnd {
		e.onCleanup(s.Cancel)
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func newSubscribed[T any](e *env, pub sluice.Publisher[T]) *manualSubscriber[T] {
	s := newManualSubscriber[T](e)
	subscribe(e, pub, s)
	return s
}

// manualPublisher is a publisher the test drives by hand, for exactly one
// subscriber. OnSubscribe is called synchronously inside Subscribe.
type manualPublisher[T any] struct {
	e         *env
	sub       *promise[sluice.Subscriber[T]]
	requests  chan int64
	cancelled *latch
}

func newManualPublisher[T any](e *env) *manualPublisher[T] {
	return &manualPublisher[T]{
		e:         e,
		sub:       newPromise[sluice.Subscriber[T]](e, "manual publisher subscriber"),
		requests:  make(chan int64, 1024),
		cancelled: newLatch(),
	}
}

type manualSubscription[T any] struct{ p *manualPublisher[T] }

func (s manualSubscription[T]) Request(n int64) {
	s.p.e.debugf("upstream request(%d)", n)
	select {
	case s.p.requests <- n:
	default:
		s.p.e.flop("too many request calls recorded")
	}
}

func (s manualSubscription[T]) Cancel() {
	s.p.e.debugf("upstream cancel()")
	s.p.cancelled.close()
}

func (p *manualPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	if p.sub.isCompleted() {
		p.e.flop("the TCK's manual publisher accepts only one subscriber")
		return
	}
	p.sub.complete(s)
	s.OnSubscribe(manualSubscription[T]{p})
}

func (p *manualPublisher[T]) subscriber() sluice.Subscriber[T] {
	s, ok := p.sub.value()
	if !ok {
		p.e.fail("nothing subscribed to the TCK's publisher")
	}
	return s
}

func (p *manualPublisher[T]) expectRequest() int64 {
	tm := newTimer(p.e.d)
	defer tm.Stop()
	select {
	case n := <-p.requests:
		if n <= 0 {
			p.e.fail("requests must be positive but got request(%d) (rule 3.9)", n)
		}
		return n
	case <-tm.C:
		p.e.fail("did not receive expected request within %v (rule 2.1)", p.e.d)
		return 0
	}
}

func (p *manualPublisher[T]) expectNoRequest() {
	p.e.wait(p.e.q)
	select {
	case n := <-p.requests:
		p.e.fail("expected no request but got request(%d)", n)
	default:
	}
}

func (p *manualPublisher[T]) expectCancelling() {
	p.cancelled.expectClose(p.e, p.e.d, "did not receive expected cancel")
}

func (p *manualPublisher[T]) sendNext(v T) {
	s := p.subscriber()
	p.e.call("Subscriber.OnNext", func() { s.OnNext(v) })
}

func (p *manualPublisher[T]) sendCompletion() {
	s := p.subscriber()
	p.e.call("Subscriber.OnComplete", s.OnComplete)
}

func (p *manualPublisher[T]) sendError(err error) {
	s := p.subscriber()
	p.e.call("Subscriber.OnError", func() { s.OnError(err) })
}
