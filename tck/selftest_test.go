package tck_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck"
)

func publisherOpts(f faults) tck.PublisherOptions[int] {
	return tck.PublisherOptions[int]{
		Create:       func(n int64) sluice.Publisher[int] { return &brokenPub{n: n, f: f} },
		CreateFailed: func() sluice.Publisher[int] { return failedPub{} },
		// keep the stochastic test short: the concurrent fault is caught on
		// the first run
		StochasticIterations: 10,
	}
}

// TestReferencePublisherPassesEverything: the fault-free publisher passes
// every required, optional and stochastic test.
func TestReferencePublisherPassesEverything(t *testing.T) {
	rec := tck.NewRecorder()
	tck.VerifyPublisher(rec, publisherOpts(faults{}))
	requireAllPass(t, rec)
	require.Len(t, rec.Results(), 38)
	skipped := rec.SkippedNames()
	assert.Len(t, skipped, 7, "only the 7 untested_ tests may be skipped: %v", skipped)
}

// TestBrokenPublishersAreCaught feeds the publisher verification one bug at
// a time and checks that the subtest of the violated rule fails.
func TestBrokenPublishersAreCaught(t *testing.T) {
	cases := []struct {
		name    string
		f       faults
		failing string
		msg     string
	}{
		{"ignores demand", faults{ignoreDemand: true}, "required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements", "rule 1.1"},
		{"emits after cancel", faults{emitAfterCancel: true}, "required_spec306_afterSubscriptionIsCancelledRequestMustBeNops", "rule 3.6"},
		{"calls OnSubscribe twice", faults{doubleOnSubscribe: true}, "required_spec109_mustIssueOnSubscribeForNonNullSubscriber", "onSubscribe called twice"},
		{"signals before OnSubscribe", faults{completeFirst: true}, "required_spec109_mustIssueOnSubscribeForNonNullSubscriber", "before onSubscribe (rule 1.9)"},
		{"signals concurrently", faults{concurrent: true}, "stochastic_spec103_mustSignalOnMethodsSequentially", "Illegal concurrent access"},
		{"wraps demand above MaxInt64", faults{wrapDemand: true}, "required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue", "demand overflow"},
		{"never completes", faults{neverCompletes: true}, "required_createPublisher1MustProduceAStreamOfExactly1Element", "no end-of-stream"},
		{"no error for request(0)", faults{noInvalidError: true}, "required_spec309_requestZeroMustSignalIllegalArgumentException", "rule 3.9"},
		{"no error for request(-n)", faults{noInvalidError: true}, "required_spec309_requestNegativeNumberMustSignalIllegalArgumentException", "rule 3.9"},
		{"completes twice", faults{completeTwice: true}, "required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled", "end-of-stream twice"},
		{"keeps a reference after cancel", faults{retain: true}, "required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber", "rule 3.13"},
		{"unbounded recursion", faults{recursive: true}, "required_spec303_mustNotAllowUnboundedRecursion", "rule 3.3"},
		{"no panic on Subscribe(nil)", faults{nilNoPanic: true}, "required_spec109_subscribeThrowNPEOnNullSubscriber", "rule 1.9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := tck.NewRecorder(tc.failing)
			tck.VerifyPublisher(rec, publisherOpts(tc.f))
			res, ok := rec.Result(tc.failing)
			require.True(t, ok, "subtest did not run")
			require.True(t, res.Failed, "%s should fail, got %+v", tc.failing, res)
			assert.Contains(t, res.Message, tc.msg)
		})
	}
}

// TestBrokenFailedPublisherIsCaught: onError without onSubscribe (the TCK
// README's sample mistake, TCK.md Q7).
func TestBrokenFailedPublisherIsCaught(t *testing.T) {
	name := "required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe"
	rec := tck.NewRecorder(name, "optional_spec104_mustSignalOnErrorWhenFails")
	opts := publisherOpts(faults{})
	opts.CreateFailed = func() sluice.Publisher[int] { return failedPub{noOnSubscribe: true} }
	tck.VerifyPublisher(rec, opts)
	assert.Equal(t, []string{"optional_spec104_mustSignalOnErrorWhenFails", name}, rec.FailedNames())
}

// TestPreconditionSkips: a publisher of at most 1 element that never
// completes skips what it cannot serve.
func TestPreconditionSkips(t *testing.T) {
	rec := tck.NewRecorder("required_spec102_maySignalLessThanRequestedAndTerminateSubscription",
		"required_createPublisher1MustProduceAStreamOfExactly1Element", "optional_spec104_mustSignalOnErrorWhenFails")
	opts := publisherOpts(faults{})
	opts.MaxElements = 1
	opts.CreateFailed = nil
	tck.VerifyPublisher(rec, opts)
	assert.Empty(t, rec.FailedNames())
	for _, n := range []string{"required_spec102_maySignalLessThanRequestedAndTerminateSubscription", "optional_spec104_mustSignalOnErrorWhenFails", "required_createPublisher1MustProduceAStreamOfExactly1Element"} {
		assert.Equal(t, n != "required_createPublisher1MustProduceAStreamOfExactly1Element", rec.Results()[n].Skipped, n)
	}
}
