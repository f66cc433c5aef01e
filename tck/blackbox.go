package tck

import (
	"github.com/sluicego/sluice"
)

// BlackboxOptions configures VerifySubscriberBlackbox.
type BlackboxOptions[E any] struct {
	// CreateSubscriber returns the subscriber under test. Required.
	CreateSubscriber func() sluice.Subscriber[E]
	// CreateElement makes element i for the TCK's helper publisher; it may
	// be called concurrently. Required.
	CreateElement func(i int) E
	// TriggerRequest, when set, nudges a subscriber that only requests
	// after some external action. It is called with the subscriber under
	// test after it received OnSubscribe.
	TriggerRequest func(sluice.Subscriber[E])
	// CreateHelperPublisher optionally replaces the TCK's helper publisher.
	CreateHelperPublisher func(n int64) sluice.Publisher[E]
	// RejectsNilElements opts in to the rule 2.13 OnNext(nil) test.
	RejectsNilElements bool

	Common
}

// VerifySubscriberBlackbox runs the 26 tests of the JVM TCK's
// SubscriberBlackboxVerification.
func VerifySubscriberBlackbox[E any](t T, opts BlackboxOptions[E]) {
	t.Helper()
	if opts.CreateSubscriber == nil || opts.CreateElement == nil {
		t.Fatalf("tck: BlackboxOptions.CreateSubscriber and CreateElement are required")
		return
	}
	bs := &blackboxSuite[E]{o: opts}
	runSuite(t, opts.Common, bs.cases())
}

type blackboxSuite[E any] struct{ o BlackboxOptions[E] }

// bbProxy records the signals the TCK sends and forwards them.
type bbProxy[E any] struct {
	e        *env
	sub      sluice.Subscriber[E]
	elements *receptacle[E]
	err      *promise[error]
}

func (p *bbProxy[E]) OnSubscribe(s sluice.Subscription) { p.sub.OnSubscribe(s) }
func (p *bbProxy[E]) OnNext(v E)                        { p.elements.add(v); p.sub.OnNext(v) }
func (p *bbProxy[E]) OnError(err error)                 { p.err.complete(err); p.sub.OnError(err) }
func (p *bbProxy[E]) OnComplete()                       { p.elements.complete(); p.sub.OnComplete() }

type bbStage[E any] struct {
	e     *env
	pub   *manualPublisher[E]
	tees  *manualSubscriber[E]
	proxy *bbProxy[E]
}

func (bs *blackboxSuite[E]) newSubscriber(e *env) sluice.Subscriber[E] {
	var s sluice.Subscriber[E]
	e.call("CreateSubscriber", func() { s = bs.o.CreateSubscriber() })
	if s == nil {
		e.fail("CreateSubscriber returned nil")
	}
	return s
}

func (bs *blackboxSuite[E]) stage(e *env) *bbStage[E] {
	st := &bbStage[E]{e: e, pub: newManualPublisher[E](e)}
	st.tees = newSubscribed(e, sourcePublisher(e, bs.o.CreateHelperPublisher, bs.o.CreateElement, sluice.Unbounded))
	st.proxy = &bbProxy[E]{e: e, sub: bs.newSubscriber(e), elements: newReceptacle[E](e), err: newPromise[error](e, "onError")}
	e.call("Subscriber.OnSubscribe", func() { st.pub.Subscribe(st.proxy) })
	e.verifyNoAsyncErrorsNoDelay()
	return st
}

func (bs *blackboxSuite[E]) triggerRequest(e *env, st *bbStage[E]) {
	if bs.o.TriggerRequest != nil {
		e.call("TriggerRequest", func() { bs.o.TriggerRequest(st.proxy.sub) })
	}
}

func (bs *blackboxSuite[E]) cases() []testCase {
	return []testCase{
		{name: "required_spec201_blackbox_mustSignalDemandViaSubscriptionRequest", kind: required, body: bs.spec201},
		untestedCase("untested_spec202_blackbox_shouldAsynchronouslyDispatch", "rule 2.2 is a recommendation about dispatching that cannot be observed"),
		{name: "required_spec203_blackbox_mustNotCallMethodsOnSubscriptionOrPublisherInOnComplete", kind: required, body: func(e *env) { bs.spec203(e, true) }},
		{name: "required_spec203_blackbox_mustNotCallMethodsOnSubscriptionOrPublisherInOnError", kind: required, body: func(e *env) { bs.spec203(e, false) }},
		untestedCase("untested_spec204_blackbox_mustConsiderTheSubscriptionAsCancelledInAfterRecievingOnCompleteOrOnError", "rule 2.4 is not observable from outside the subscriber"),
		{name: "required_spec205_blackbox_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal", kind: required, body: bs.spec205},
		untestedCase("untested_spec206_blackbox_mustCallSubscriptionCancelIfItIsNoLongerValid", "rule 2.6 depends on what 'no longer valid' means for the subscriber"),
		untestedCase("untested_spec207_blackbox_mustEnsureAllCallsOnItsSubscriptionTakePlaceFromTheSameThreadOrTakeCareOfSynchronization", "rule 2.7 is not verified (use go test -race)"),
		untestedCase("untested_spec208_blackbox_mustBePreparedToReceiveOnNextSignalsAfterHavingCalledSubscriptionCancel", "a blackbox subscriber cannot be made to cancel; see the whitebox verification"),
		{name: "required_spec209_blackbox_mustBePreparedToReceiveAnOnCompleteSignalWithPrecedingRequestCall", kind: required, body: func(e *env) { bs.spec209(e, true) }},
		{name: "required_spec209_blackbox_mustBePreparedToReceiveAnOnCompleteSignalWithoutPrecedingRequestCall", kind: required, body: func(e *env) { bs.spec209(e, false) }},
		{name: "required_spec210_blackbox_mustBePreparedToReceiveAnOnErrorSignalWithPrecedingRequestCall", kind: required, body: func(e *env) { bs.spec210(e, true) }},
		{name: "required_spec210_blackbox_mustBePreparedToReceiveAnOnErrorSignalWithoutPrecedingRequestCall", kind: required, body: func(e *env) { bs.spec210(e, false) }},
		untestedCase("untested_spec211_blackbox_mustMakeSureThatAllCallsOnItsMethodsHappenBeforeTheProcessingOfTheRespectiveEvents", "rule 2.11 is not verified (use go test -race)"),
		untestedCase("untested_spec212_blackbox_mustNotCallOnSubscribeMoreThanOnceBasedOnObjectEquality", "rule 2.12 is a publisher-side obligation"),
		untestedCase("untested_spec213_blackbox_failingOnSignalInvocation", "rule 2.13 (signal methods return normally) cannot be forced from outside"),
		{name: "required_spec213_blackbox_onSubscribe_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: bs.spec213OnSubscribe},
		{name: "required_spec213_blackbox_onNext_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: bs.spec213OnNext},
		{name: "required_spec213_blackbox_onError_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: bs.spec213OnError},
		untestedCase("untested_spec301_blackbox_mustNotBeCalledOutsideSubscriberContext", "rule 3.1 cannot be observed"),
		untestedCase("untested_spec308_blackbox_requestMustRegisterGivenNumberElementsToBeProduced", "needs an instrumented subscriber; see the whitebox verification"),
		untestedCase("untested_spec310_blackbox_requestMaySynchronouslyCallOnNextOnSubscriber", "rule 3.10 is a permission, nothing to verify"),
		untestedCase("untested_spec311_blackbox_requestMaySynchronouslyCallOnCompleteOrOnError", "rule 3.11 is a permission, nothing to verify"),
		untestedCase("untested_spec314_blackbox_cancelMayCauseThePublisherToShutdownIfNoOtherSubscriptionExists", "rule 3.14 is a permission, nothing to verify"),
		untestedCase("untested_spec315_blackbox_cancelMustNotThrowExceptionAndMustSignalOnError", "rule 3.15 is not verified for subscribers"),
		untestedCase("untested_spec316_blackbox_requestMustNotThrowExceptionAndMustOnErrorTheSubscriber", "rule 3.16 is not verified for subscribers"),
	}
}

func (bs *blackboxSuite[E]) spec201(e *env) {
	st := bs.stage(e)
	bs.triggerRequest(e, st)
	r := st.pub.expectRequest()
	// The intent of the JVM test (its loop condition is inverted, TCK.md
	// Q1): send up to min(r, 512) elements while the subscriber has not
	// cancelled.
	for i := int64(0); i < min(r, 512); i++ {
		if i%10 == 0 && st.pub.cancelled.isClosed() {
			break
		}
		st.pub.sendNext(st.tees.requestNextElement())
	}
	st.pub.sendCompletion()
	e.verifyNoAsyncErrorsNoDelay()
}

func (bs *blackboxSuite[E]) spec203(e *env, complete bool) {
	sub := bs.newSubscriber(e)
	fs := &flagSubscription{e: e}
	e.call("Subscriber.OnSubscribe", func() { sub.OnSubscribe(fs) })
	if complete {
		e.call("Subscriber.OnComplete", func() { tckMarkerSignalOnComplete(sub.OnComplete) })
	} else {
		err := &testError{msg: "spec203"}
		e.call("Subscriber.OnError", func() { tckMarkerSignalOnError(func() { sub.OnError(err) }) })
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (bs *blackboxSuite[E]) spec205(e *env) {
	st := bs.stage(e)
	second := &flagSubscription{e: e, cancelled: newLatch(),
		failOnRequest: "Subscriber illegally called Request on a second Subscription it should have cancelled (rule 2.5)"}
	e.call("Subscriber.OnSubscribe (second)", func() { st.proxy.OnSubscribe(second) })
	second.cancelled.expectClose(e, e.d, "Expected the second Subscription given to the subscriber to be cancelled (rule 2.5)")
	e.verifyNoAsyncErrorsNoDelay()
	st.pub.sendCompletion()
}

func (bs *blackboxSuite[E]) spec209(e *env, withRequest bool) {
	st := bs.stage(e)
	if withRequest {
		bs.triggerRequest(e, st)
		st.pub.expectRequest()
	}
	st.pub.sendCompletion()
	st.proxy.elements.expectCompletion(e.d, "subscriber did not receive onComplete")
	e.verifyNoAsyncErrorsNoDelay()
}

func (bs *blackboxSuite[E]) spec210(e *env, withRequest bool) {
	st := bs.stage(e)
	if withRequest {
		bs.triggerRequest(e, st)
		st.pub.expectRequest()
	}
	st.pub.sendError(&testError{msg: "spec210"})
	st.proxy.err.expectCompletion(e.d, "subscriber did not receive onError")
	e.verifyNoAsyncErrorsNoDelay()
}

type noopSubscription struct{}

func (noopSubscription) Request(int64) {}
func (noopSubscription) Cancel()       {}

func (bs *blackboxSuite[E]) spec213OnSubscribe(e *env) {
	sub := bs.newSubscriber(e)
	if p := e.callRecover("Subscriber.OnSubscribe(nil)", func() { sub.OnSubscribe(nil) }); p == nil {
		e.fail("OnSubscribe(nil) did not panic (rule 2.13; panic with an error wrapping sluice.ErrNilSubscription)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (bs *blackboxSuite[E]) spec213OnNext(e *env) {
	if !bs.o.RejectsNilElements {
		e.skip("%s", nilElementReason)
	}
	if !isNillable[E]() {
		e.skip("the element type cannot be nil")
	}
	sub := bs.newSubscriber(e)
	e.call("Subscriber.OnSubscribe", func() { sub.OnSubscribe(noopSubscription{}) })
	var zero E
	if p := e.callRecover("Subscriber.OnNext(nil)", func() { sub.OnNext(zero) }); p == nil {
		e.fail("OnNext(nil) did not panic (rule 2.13, RejectsNilElements is set)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (bs *blackboxSuite[E]) spec213OnError(e *env) {
	sub := bs.newSubscriber(e)
	e.call("Subscriber.OnSubscribe", func() { sub.OnSubscribe(noopSubscription{}) })
	if p := e.callRecover("Subscriber.OnError(nil)", func() { sub.OnError(nil) }); p == nil {
		e.fail("OnError(nil) did not panic (rule 2.13; panic with an error wrapping sluice.ErrNilError)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}
