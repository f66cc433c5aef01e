package tck

import (
	"math"
	"time"

	"github.com/sluicego/sluice"
)

// EmptyOnly is the MaxElements value of a publisher that can only be
// created empty (the JVM TCK's maxElementsFromPublisher() == 0).
const EmptyOnly int64 = -1

// PublisherOptions configures VerifyPublisher.
type PublisherOptions[T any] struct {
	// Create returns a publisher that emits exactly elements elements and
	// then completes. Create(math.MaxInt64) must be infinite. Required.
	Create func(elements int64) sluice.Publisher[T]
	// CreateFailed returns a publisher that calls OnSubscribe and then
	// OnError on every subscriber. Nil, or a nil result, skips the two
	// tests that need it.
	CreateFailed func() sluice.Publisher[T]
	// MaxElements is the largest number of elements Create supports. 0
	// means unbounded (math.MaxInt64 - 1); EmptyOnly means only 0.
	// Tests that need more elements are skipped.
	MaxElements int64
	// NeverCompletes declares that the publisher cannot signal OnComplete
	// (the JVM's maxElementsFromPublisher() == Long.MAX_VALUE); every test
	// that needs a completion is skipped.
	NeverCompletes bool
	// BoundedDepthOfOnNextAndRequestRecursion is the accepted nesting of
	// OnNext inside Request inside OnNext (rule 3.3); 0 means 1.
	BoundedDepthOfOnNextAndRequestRecursion int64
	// SkipStochastic skips the stochastic tests.
	SkipStochastic bool
	// StochasticIterations is how often a stochastic test body runs; 0
	// means 100.
	StochasticIterations int
	// GCTimeout is the wait before forcing garbage collection in the rule
	// 3.13 test; 0 means PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS, else 300 ms.
	GCTimeout time.Duration
	// Equal compares elements in the multicast tests; nil means
	// reflect.DeepEqual.
	Equal func(a, b T) bool

	Common
}

// VerifyPublisher runs the 38 tests of the JVM TCK's PublisherVerification
// against the publishers opts.Create returns, one subtest each, named after
// the JVM test method.
func VerifyPublisher[E any](t T, opts PublisherOptions[E]) {
	t.Helper()
	if opts.Create == nil {
		t.Fatalf("tck: PublisherOptions.Create is nil")
		return
	}
	ps := newPublisherSuite(opts)
	runSuite(t, opts.Common, ps.cases())
}

type publisherSuite[T any] struct {
	o           PublisherOptions[T]
	createIn    func(e *env, n int64) sluice.Publisher[T] // replaces o.Create when set
	maxElements int64
	depth       int64
	iterations  int
	gc          time.Duration
	equal       func(a, b T) bool
}

func newPublisherSuite[T any](o PublisherOptions[T]) *publisherSuite[T] {
	ps := &publisherSuite[T]{o: o, equal: equalFunc(o.Equal)}
	switch {
	case o.NeverCompletes:
		ps.maxElements = math.MaxInt64
	case o.MaxElements == 0:
		ps.maxElements = math.MaxInt64 - 1
	case o.MaxElements == EmptyOnly:
		ps.maxElements = 0
	default:
		ps.maxElements = o.MaxElements
	}
	ps.depth = o.BoundedDepthOfOnNextAndRequestRecursion
	if ps.depth == 0 {
		ps.depth = 1
	}
	ps.iterations = o.StochasticIterations
	if ps.iterations <= 0 {
		ps.iterations = 100
	}
	ps.gc = o.GCTimeout
	if ps.gc <= 0 {
		ps.gc = envMillis(EnvGCTimeout, DefaultGCTimeout)
	}
	return ps
}

// preconditions skips the test when the publisher cannot serve it.
func (ps *publisherSuite[T]) preconditions(e *env, n int64, completion bool) {
	if n > ps.maxElements {
		e.skip("Unable to run this test, as required elements nr: %d is higher than supported by given producer: %d", n, ps.maxElements)
	}
	if completion && ps.maxElements == math.MaxInt64 {
		e.skip("Unable to run this test, as it requires an onComplete signal, which this Publisher is unable to provide (NeverCompletes is set)")
	}
}

func (ps *publisherSuite[T]) create(e *env, n int64) sluice.Publisher[T] {
	var pub sluice.Publisher[T]
	e.call("Create", func() {
		if ps.createIn != nil {
			pub = ps.createIn(e, n)
		} else {
			pub = ps.o.Create(n)
		}
	})
	if pub == nil {
		e.fail("Create(%d) returned nil", n)
	}
	return pub
}

// active is the JVM's activePublisherTest.
func (ps *publisherSuite[T]) active(e *env, n int64, completion bool, body func(pub sluice.Publisher[T])) {
	ps.preconditions(e, n, completion)
	body(ps.create(e, n))
	e.verifyNoAsyncErrorsNoDelay()
}

// optionalActive is the JVM's optionalActivePublisherTest (no trailing
// async-error check).
func (ps *publisherSuite[T]) optionalActive(e *env, n int64, completion bool, body func(pub sluice.Publisher[T])) {
	ps.preconditions(e, n, completion)
	body(ps.create(e, n))
}

// whenHasError is the JVM's whenHasErrorPublisherTest.
func (ps *publisherSuite[T]) whenHasError(e *env, body func(pub sluice.Publisher[T])) {
	if ps.o.CreateFailed == nil {
		e.skip("Skipping because no error state Publisher provided (CreateFailed is nil)")
	}
	var pub sluice.Publisher[T]
	e.call("CreateFailed", func() { pub = ps.o.CreateFailed() })
	if pub == nil {
		e.skip("Skipping because no error state Publisher provided (CreateFailed returned nil)")
	}
	body(pub)
}

func (ps *publisherSuite[T]) stochastic(e *env, body func()) {
	if ps.o.SkipStochastic {
		e.skip("Skipping @Stochastic test because SkipStochastic is set")
	}
	for range ps.iterations {
		body()
	}
}

func (ps *publisherSuite[T]) cases() []testCase {
	return []testCase{
		{name: "required_createPublisher1MustProduceAStreamOfExactly1Element", kind: required, body: ps.createPublisher1},
		{name: "required_createPublisher3MustProduceAStreamOfExactly3Elements", kind: required, body: ps.createPublisher3},
		{name: "required_validate_maxElementsFromPublisher", kind: required, body: ps.validateMaxElements},
		{name: "required_validate_boundedDepthOfOnNextAndRequestRecursion", kind: required, body: ps.validateDepth},
		{name: "required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements", kind: required, body: ps.spec101},
		{name: "required_spec102_maySignalLessThanRequestedAndTerminateSubscription", kind: required, body: ps.spec102},
		{name: "stochastic_spec103_mustSignalOnMethodsSequentially", kind: stochastic, body: ps.spec103},
		// Optional in name only: it fails for real when the failed
		// publisher misbehaves (TCK.md §1).
		{name: "optional_spec104_mustSignalOnErrorWhenFails", kind: required, body: ps.spec104},
		{name: "required_spec105_mustSignalOnCompleteWhenFiniteStreamTerminates", kind: required, body: ps.spec105},
		{name: "optional_spec105_emptyStreamMustTerminateBySignallingOnComplete", kind: optional, body: ps.spec105Empty},
		untestedCase("untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled", "rule 1.6 is not observable from outside the publisher"),
		{name: "required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled", kind: required, body: ps.spec107},
		untestedCase("untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled", "rule 1.7 after onError is not verified (the JVM TCK leaves it untested)"),
		untestedCase("untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals", "rule 1.8 is not verified (the JVM TCK leaves it untested)"),
		untestedCase("untested_spec109_subscribeShouldNotThrowNonFatalThrowable", "rule 1.9 (Subscribe returns normally) cannot be forced from outside"),
		{name: "required_spec109_subscribeThrowNPEOnNullSubscriber", kind: required, body: ps.spec109Nil},
		{name: "required_spec109_mustIssueOnSubscribeForNonNullSubscriber", kind: required, body: ps.spec109OnSubscribe},
		{name: "required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe", kind: required, body: ps.spec109Reject},
		untestedCase("untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice", "rule 1.10 is not verified (the JVM TCK leaves it untested)"),
		{name: "optional_spec111_maySupportMultiSubscribe", kind: optional, body: ps.spec111MultiSubscribe},
		{name: "optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals", kind: optional, body: ps.spec111Registered},
		{name: "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne", kind: optional, body: ps.spec111OneByOne},
		{name: "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront", kind: optional, body: func(e *env) { ps.spec111Upfront(e, false) }},
		{name: "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected", kind: optional, body: func(e *env) { ps.spec111Upfront(e, true) }},
		{name: "required_spec302_mustAllowSynchronousRequestCallsFromOnNextAndOnSubscribe", kind: required, body: ps.spec302},
		{name: "required_spec303_mustNotAllowUnboundedRecursion", kind: required, body: ps.spec303},
		untestedCase("untested_spec304_requestShouldNotPerformHeavyComputations", "rule 3.4 cannot be verified (every call is still bounded by the default timeout)"),
		untestedCase("untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation", "rule 3.5 cannot be verified (every call is still bounded by the default timeout)"),
		{name: "required_spec306_afterSubscriptionIsCancelledRequestMustBeNops", kind: required, body: ps.spec306},
		{name: "required_spec307_afterSubscriptionIsCancelledAdditionalCancelationsMustBeNops", kind: required, body: ps.spec307},
		{name: "required_spec309_requestZeroMustSignalIllegalArgumentException", kind: required, body: func(e *env) { ps.spec309(e, 0, false) }},
		{name: "required_spec309_requestNegativeNumberMustSignalIllegalArgumentException", kind: required, body: func(e *env) { ps.spec309(e, -randomInt31(), false) }},
		{name: "optional_spec309_requestNegativeNumberMaySignalIllegalArgumentExceptionWithSpecificMessage", kind: optional, body: func(e *env) { ps.spec309(e, -randomInt31(), true) }},
		{name: "required_spec312_cancelMustMakeThePublisherToEventuallyStopSignaling", kind: required, body: ps.spec312},
		{name: "required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber", kind: required, body: ps.spec313},
		{name: "required_spec317_mustSupportAPendingElementCountUpToLongMaxValue", kind: required, body: ps.spec317Pending},
		{name: "required_spec317_mustSupportACumulativePendingElementCountUpToLongMaxValue", kind: required, body: ps.spec317Cumulative},
		{name: "required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue", kind: required, body: ps.spec317Above},
	}
}
