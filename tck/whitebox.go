package tck

import (
	"errors"
	"reflect"

	"github.com/sluicego/sluice"
)

// SubscriberPuppet is what a subscriber under whitebox verification hands
// to its probe so that the TCK can steer it.
type SubscriberPuppet interface {
	// TriggerRequest makes the subscriber eventually request at least n
	// more elements in total (in one call or several).
	TriggerRequest(n int64)
	// SignalCancel makes the subscriber cancel its subscription.
	SignalCancel()
}

// WhiteboxProbe receives reports from an instrumented subscriber. The
// subscriber calls RegisterOnSubscribe from its OnSubscribe and the other
// Register methods from the matching signal methods.
type WhiteboxProbe[E any] struct {
	e        *env
	puppet   *promise[SubscriberPuppet]
	elements *receptacle[E]
	err      *promise[error]
	equal    func(a, b E) bool
}

func newProbe[E any](e *env, equal func(a, b E) bool) *WhiteboxProbe[E] {
	return &WhiteboxProbe[E]{
		e:        e,
		puppet:   newPromise[SubscriberPuppet](e, "RegisterOnSubscribe"),
		elements: newReceptacle[E](e),
		err:      newPromise[error](e, "RegisterOnError (rule 1.7: at most one terminal signal)"),
		equal:    equal,
	}
}

// RegisterOnSubscribe hands the TCK the puppet that steers the subscriber.
func (p *WhiteboxProbe[E]) RegisterOnSubscribe(puppet SubscriberPuppet) {
	if puppet == nil {
		p.e.flop("RegisterOnSubscribe(nil): the subscriber must hand over a SubscriberPuppet")
		return
	}
	if p.puppet.isCompleted() {
		p.e.flop("RegisterOnSubscribe called twice: the subscriber accepted a second OnSubscribe (rule 2.5)")
		return
	}
	p.puppet.complete(puppet)
}

// RegisterOnNext reports an element the subscriber received.
func (p *WhiteboxProbe[E]) RegisterOnNext(v E) { p.elements.add(v) }

// RegisterOnComplete reports that the subscriber received OnComplete.
func (p *WhiteboxProbe[E]) RegisterOnComplete() { p.elements.complete() }

// RegisterOnError reports that the subscriber received OnError.
func (p *WhiteboxProbe[E]) RegisterOnError(err error) { p.err.complete(err) }

func (p *WhiteboxProbe[E]) expectNext(want E) {
	got := p.elements.next(p.e.d, "subscriber did not RegisterOnNext the element it was sent")
	if !p.equal(got, want) {
		p.e.fail("subscriber registered element [%v] but was sent [%v]", got, want)
	}
}

func (p *WhiteboxProbe[E]) expectCompletion() {
	p.elements.expectCompletion(p.e.d, "subscriber did not RegisterOnComplete")
}

func (p *WhiteboxProbe[E]) expectError(want error) {
	got := p.err.expectCompletion(p.e.d, "subscriber did not RegisterOnError")
	if got != want && !errors.Is(got, want) {
		p.e.fail("subscriber registered error %v but was sent %v", got, want)
	}
}

func (p *WhiteboxProbe[E]) expectNone() {
	p.elements.expectNone(p.e.q, "subscriber registered a signal although none was expected")
}

// WhiteboxOptions configures VerifySubscriberWhitebox.
type WhiteboxOptions[E any] struct {
	// CreateSubscriber returns the subscriber under test, instrumented to
	// report to probe (see WhiteboxProbe). Required.
	CreateSubscriber func(probe *WhiteboxProbe[E]) sluice.Subscriber[E]
	// CreateElement makes element i for the TCK's helper publisher; it may
	// be called concurrently. Required.
	CreateElement func(i int) E
	// CreateHelperPublisher optionally replaces the TCK's asynchronous
	// helper publisher; it must emit exactly n elements (infinite for
	// math.MaxInt64) and complete.
	CreateHelperPublisher func(n int64) sluice.Publisher[E]
	// RejectsNilElements opts in to the rule 2.13 test that OnNext of a nil
	// element panics (only meaningful for nillable E; sluice treats nil as
	// a legal element).
	RejectsNilElements bool
	// Equal compares elements; nil means reflect.DeepEqual.
	Equal func(a, b E) bool

	Common
}

// VerifySubscriberWhitebox runs the 27 tests of the JVM TCK's
// SubscriberWhiteboxVerification.
func VerifySubscriberWhitebox[E any](t T, opts WhiteboxOptions[E]) {
	t.Helper()
	if opts.CreateSubscriber == nil || opts.CreateElement == nil {
		t.Fatalf("tck: WhiteboxOptions.CreateSubscriber and CreateElement are required")
		return
	}
	ws := &whiteboxSuite[E]{
		create:             opts.CreateSubscriber,
		createElement:      opts.CreateElement,
		createHelper:       opts.CreateHelperPublisher,
		rejectsNilElements: opts.RejectsNilElements,
		equal:              equalFunc(opts.Equal),
	}
	runSuite(t, opts.Common, ws.cases())
}

type whiteboxSuite[E any] struct {
	// create receives the test env so that the identity verification can
	// build its downstream subscriber in it.
	create             func(probe *WhiteboxProbe[E]) sluice.Subscriber[E]
	createIn           func(e *env, probe *WhiteboxProbe[E]) sluice.Subscriber[E]
	createElement      func(i int) E
	createHelper       func(n int64) sluice.Publisher[E]
	rejectsNilElements bool
	equal              func(a, b E) bool
}

func (ws *whiteboxSuite[E]) newSubscriber(e *env, probe *WhiteboxProbe[E]) sluice.Subscriber[E] {
	var s sluice.Subscriber[E]
	e.call("CreateSubscriber", func() {
		if ws.createIn != nil {
			s = ws.createIn(e, probe)
		} else {
			s = ws.create(probe)
		}
	})
	if s == nil {
		e.fail("CreateSubscriber returned nil")
	}
	return s
}

func sourcePublisher[E any](e *env, override func(int64) sluice.Publisher[E], create func(int) E, n int64) sluice.Publisher[E] {
	if override != nil {
		var p sluice.Publisher[E]
		e.call("CreateHelperPublisher", func() { p = override(n) })
		if p == nil {
			e.fail("CreateHelperPublisher(%d) returned nil", n)
		}
		return p
	}
	return helper(e, n, create)
}

// wbStage is the whitebox "with setup" fixture.
type wbStage[E any] struct {
	e      *env
	pub    *manualPublisher[E]
	tees   *manualSubscriber[E]
	probe  *WhiteboxProbe[E]
	sub    sluice.Subscriber[E]
	puppet SubscriberPuppet
}

func (ws *whiteboxSuite[E]) stage(e *env) *wbStage[E] {
	st := &wbStage[E]{e: e, pub: newManualPublisher[E](e)}
	st.tees = newSubscribed(e, sourcePublisher(e, ws.createHelper, ws.createElement, sluice.Unbounded))
	st.probe = newProbe(e, ws.equal)
	st.sub = ws.newSubscriber(e, st.probe)
	e.call("Publisher.Subscribe (OnSubscribe of the subscriber under test)", func() { st.pub.Subscribe(st.sub) })
	st.puppet = st.probe.puppet.expectCompletion(e.d, "Subscriber did not RegisterOnSubscribe: its OnSubscribe must call probe.RegisterOnSubscribe(puppet)")
	e.verifyNoAsyncErrorsNoDelay()
	return st
}

func (st *wbStage[E]) triggerRequest(n int64) {
	st.e.call("SubscriberPuppet.TriggerRequest", func() { st.puppet.TriggerRequest(n) })
}

func (st *wbStage[E]) signalCancel() {
	st.e.call("SubscriberPuppet.SignalCancel", st.puppet.SignalCancel)
}

func (st *wbStage[E]) signalNext() E {
	v := st.tees.requestNextElement()
	st.pub.sendNext(v)
	return v
}

// testError is the error the TCK injects.
type testError struct{ msg string }

func (e *testError) Error() string { return "tck: test error: " + e.msg }

// flagSubscription records request/cancel calls made from inside a signal
// that carries a marker frame (rule 2.3), or fails on any request.
type flagSubscription struct {
	e             *env
	cancelled     *latch
	failOnRequest string
}

func (s *flagSubscription) check(call string) {
	if onStack("tckMarkerSignalOnComplete") {
		s.e.flop("Subscription.%s was called from inside OnComplete (rule 2.3)", call)
	}
	if onStack("tckMarkerSignalOnError") {
		s.e.flop("Subscription.%s was called from inside OnError (rule 2.3)", call)
	}
}

func (s *flagSubscription) Request(n int64) {
	s.check("Request")
	if s.failOnRequest != "" {
		s.e.flop("%s", s.failOnRequest)
	}
}

func (s *flagSubscription) Cancel() {
	s.check("Cancel")
	if s.cancelled != nil {
		s.cancelled.close()
	}
}

func isNillable[E any]() bool {
	switch reflect.TypeFor[E]().Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return true
	}
	return false
}

const nilElementReason = "sluice treats nil as a legal element value (RULES.md, Go mapping §3); set RejectsNilElements to verify that OnNext(nil) panics"

func (ws *whiteboxSuite[E]) cases() []testCase {
	return []testCase{
		{name: "required_exerciseWhiteboxHappyPath", kind: required, body: ws.happyPath},
		{name: "required_spec201_mustSignalDemandViaSubscriptionRequest", kind: required, body: ws.spec201},
		untestedCase("untested_spec202_shouldAsynchronouslyDispatch", "rule 2.2 is a recommendation about dispatching that cannot be observed"),
		{name: "required_spec203_mustNotCallMethodsOnSubscriptionOrPublisherInOnComplete", kind: required, body: func(e *env) { ws.spec203(e, true) }},
		{name: "required_spec203_mustNotCallMethodsOnSubscriptionOrPublisherInOnError", kind: required, body: func(e *env) { ws.spec203(e, false) }},
		untestedCase("untested_spec204_mustConsiderTheSubscriptionAsCancelledInAfterRecievingOnCompleteOrOnError", "rule 2.4 is not observable from outside the subscriber"),
		{name: "required_spec205_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal", kind: required, body: ws.spec205},
		untestedCase("untested_spec206_mustCallSubscriptionCancelIfItIsNoLongerValid", "rule 2.6 depends on what 'no longer valid' means for the subscriber"),
		untestedCase("untested_spec207_mustEnsureAllCallsOnItsSubscriptionTakePlaceFromTheSameThreadOrTakeCareOfSynchronization", "rule 2.7 is not verified (use go test -race)"),
		{name: "required_spec208_mustBePreparedToReceiveOnNextSignalsAfterHavingCalledSubscriptionCancel", kind: required, body: ws.spec208},
		{name: "required_spec209_mustBePreparedToReceiveAnOnCompleteSignalWithPrecedingRequestCall", kind: required, body: func(e *env) { ws.spec209(e, true) }},
		{name: "required_spec209_mustBePreparedToReceiveAnOnCompleteSignalWithoutPrecedingRequestCall", kind: required, body: func(e *env) { ws.spec209(e, false) }},
		{name: "required_spec210_mustBePreparedToReceiveAnOnErrorSignalWithPrecedingRequestCall", kind: required, body: func(e *env) { ws.spec210(e, true) }},
		{name: "required_spec210_mustBePreparedToReceiveAnOnErrorSignalWithoutPrecedingRequestCall", kind: required, body: func(e *env) { ws.spec210(e, false) }},
		untestedCase("untested_spec211_mustMakeSureThatAllCallsOnItsMethodsHappenBeforeTheProcessingOfTheRespectiveEvents", "rule 2.11 is not verified (use go test -race)"),
		untestedCase("untested_spec212_mustNotCallOnSubscribeMoreThanOnceBasedOnObjectEquality_specViolation", "rule 2.12 is a publisher-side obligation"),
		untestedCase("untested_spec213_failingOnSignalInvocation", "rule 2.13 (signal methods return normally) cannot be forced from outside"),
		{name: "required_spec213_onSubscribe_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: ws.spec213OnSubscribe},
		{name: "required_spec213_onNext_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: ws.spec213OnNext},
		{name: "required_spec213_onError_mustThrowNullPointerExceptionWhenParametersAreNull", kind: required, body: ws.spec213OnError},
		untestedCase("untested_spec301_mustNotBeCalledOutsideSubscriberContext", "rule 3.1 cannot be observed"),
		{name: "required_spec308_requestMustRegisterGivenNumberElementsToBeProduced", kind: required, body: ws.spec308},
		untestedCase("untested_spec310_requestMaySynchronouslyCallOnNextOnSubscriber", "rule 3.10 is a permission, nothing to verify"),
		untestedCase("untested_spec311_requestMaySynchronouslyCallOnCompleteOrOnError", "rule 3.11 is a permission, nothing to verify"),
		untestedCase("untested_spec314_cancelMayCauseThePublisherToShutdownIfNoOtherSubscriptionExists", "rule 3.14 is a permission, nothing to verify"),
		untestedCase("untested_spec315_cancelMustNotThrowExceptionAndMustSignalOnError", "rule 3.15 is not verified for subscribers"),
		untestedCase("untested_spec316_requestMustNotThrowExceptionAndMustOnErrorTheSubscriber", "rule 3.16 is not verified for subscribers"),
	}
}

func (ws *whiteboxSuite[E]) happyPath(e *env) {
	st := ws.stage(e)
	st.triggerRequest(1)
	st.triggerRequest(1)
	r := st.pub.expectRequest()
	st.probe.expectNext(st.signalNext())
	st.triggerRequest(1)
	if r == 1 {
		st.pub.expectRequest()
	}
	st.probe.expectNext(st.signalNext())
	st.signalCancel()
	st.pub.expectCancelling()
	e.verifyNoAsyncErrors()
}

func (ws *whiteboxSuite[E]) spec201(e *env) {
	st := ws.stage(e)
	st.triggerRequest(1)
	st.pub.expectRequest()
	st.signalNext()
	e.verifyNoAsyncErrorsNoDelay() // stricter than the JVM TCK (TCK.md Q4)
}

func (ws *whiteboxSuite[E]) spec203(e *env, complete bool) {
	probe := newProbe(e, ws.equal)
	sub := ws.newSubscriber(e, probe)
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

func (ws *whiteboxSuite[E]) spec205(e *env) {
	st := ws.stage(e)
	second := &flagSubscription{e: e, cancelled: newLatch()}
	e.call("Subscriber.OnSubscribe (second)", func() { st.sub.OnSubscribe(second) })
	second.cancelled.expectClose(e, e.d, "Expected the second Subscription given to the subscriber to be cancelled (rule 2.5)")
	e.verifyNoAsyncErrors()
}

func (ws *whiteboxSuite[E]) spec208(e *env) {
	st := ws.stage(e)
	st.triggerRequest(1)
	st.pub.expectRequest()
	st.signalCancel()
	st.pub.expectCancelling()
	st.signalNext() // an element in flight when the cancel happened
	st.triggerRequest(1)
	st.triggerRequest(1)
	e.verifyNoAsyncErrors()
}

func (ws *whiteboxSuite[E]) spec209(e *env, withRequest bool) {
	st := ws.stage(e)
	if withRequest {
		st.triggerRequest(1)
	}
	st.pub.sendCompletion()
	st.probe.expectCompletion()
	e.verifyNoAsyncErrors()
}

func (ws *whiteboxSuite[E]) spec210(e *env, withRequest bool) {
	st := ws.stage(e)
	if withRequest {
		st.triggerRequest(1)
		st.triggerRequest(1)
	}
	err := &testError{msg: "spec210"}
	st.pub.sendError(err)
	st.probe.expectError(err)
	e.verifyNoAsyncErrorsNoDelay()
}

func (ws *whiteboxSuite[E]) spec213OnSubscribe(e *env) {
	st := ws.stage(e)
	if p := e.callRecover("Subscriber.OnSubscribe(nil)", func() { st.sub.OnSubscribe(nil) }); p == nil {
		e.fail("OnSubscribe(nil) did not panic (rule 2.13; panic with an error wrapping sluice.ErrNilSubscription)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (ws *whiteboxSuite[E]) spec213OnNext(e *env) {
	if !ws.rejectsNilElements {
		e.skip("%s", nilElementReason)
	}
	if !isNillable[E]() {
		e.skip("the element type cannot be nil")
	}
	st := ws.stage(e)
	var zero E
	if p := e.callRecover("Subscriber.OnNext(nil)", func() { st.sub.OnNext(zero) }); p == nil {
		e.fail("OnNext(nil) did not panic (rule 2.13, RejectsNilElements is set)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (ws *whiteboxSuite[E]) spec213OnError(e *env) {
	st := ws.stage(e)
	if p := e.callRecover("Subscriber.OnError(nil)", func() { st.sub.OnError(nil) }); p == nil {
		e.fail("OnError(nil) did not panic (rule 2.13; panic with an error wrapping sluice.ErrNilError)")
	}
	e.verifyNoAsyncErrorsNoDelay()
}

func (ws *whiteboxSuite[E]) spec308(e *env) {
	st := ws.stage(e)
	st.triggerRequest(2)
	r := st.pub.expectRequest()
	st.probe.expectNext(st.signalNext())
	if r < 2 {
		st.pub.expectRequest()
	}
	st.probe.expectNext(st.signalNext())
	st.probe.expectNone()
	st.triggerRequest(3)
	e.verifyNoAsyncErrors()
}
