package tck_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck"
)

// subFaults are deliberate bugs of badSubscriber.
type subFaults struct {
	cancelInOnComplete     bool // 2.3
	requestInOnError       bool // 2.3
	ignoreSecondSubscribe  bool // 2.5: neither keeps nor cancels it
	replaceSubscription    bool // 2.5: takes the second one
	nilErrorNoPanic        bool // 2.13
	nilSubscriptionNoPanic bool // 2.13
}

// badSubscriber is refSubscriber with faults.
type badSubscriber struct {
	refSubscriber
	f subFaults
}

func (b *badSubscriber) OnSubscribe(s sluice.Subscription) {
	if s == nil && b.f.nilSubscriptionNoPanic {
		return
	}
	if s != nil && b.sub.Load() != nil {
		switch {
		case b.f.ignoreSecondSubscribe:
			return
		case b.f.replaceSubscription:
			b.sub.Store(&s)
			return
		}
	}
	b.refSubscriber.OnSubscribe(s)
}

func (b *badSubscriber) OnComplete() {
	if b.f.cancelInOnComplete {
		(*b.sub.Load()).Cancel()
	}
	b.refSubscriber.OnComplete()
}

func (b *badSubscriber) OnError(err error) {
	if err == nil && b.f.nilErrorNoPanic {
		return
	}
	if b.f.requestInOnError {
		(*b.sub.Load()).Request(1)
	}
	b.refSubscriber.OnError(err)
}

func TestBrokenSubscribersAreCaught(t *testing.T) {
	cases := []struct {
		name     string
		f        subFaults
		whitebox string
		blackbox string
		msg      string
	}{
		{"cancels in OnComplete", subFaults{cancelInOnComplete: true},
			"required_spec203_mustNotCallMethodsOnSubscriptionOrPublisherInOnComplete",
			"required_spec203_blackbox_mustNotCallMethodsOnSubscriptionOrPublisherInOnComplete", "rule 2.3"},
		{"requests in OnError", subFaults{requestInOnError: true},
			"required_spec203_mustNotCallMethodsOnSubscriptionOrPublisherInOnError",
			"required_spec203_blackbox_mustNotCallMethodsOnSubscriptionOrPublisherInOnError", "rule 2.3"},
		{"ignores a second OnSubscribe", subFaults{ignoreSecondSubscribe: true},
			"required_spec205_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal",
			"required_spec205_blackbox_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal", "rule 2.5"},
		{"replaces its subscription", subFaults{replaceSubscription: true},
			"required_spec205_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal",
			"required_spec205_blackbox_mustCallSubscriptionCancelIfItAlreadyHasAnSubscriptionAndReceivesAnotherOnSubscribeSignal", "rule 2.5"},
		{"accepts OnError(nil)", subFaults{nilErrorNoPanic: true},
			"required_spec213_onError_mustThrowNullPointerExceptionWhenParametersAreNull",
			"required_spec213_blackbox_onError_mustThrowNullPointerExceptionWhenParametersAreNull", "rule 2.13"},
		{"accepts OnSubscribe(nil)", subFaults{nilSubscriptionNoPanic: true},
			"required_spec213_onSubscribe_mustThrowNullPointerExceptionWhenParametersAreNull",
			"required_spec213_blackbox_onSubscribe_mustThrowNullPointerExceptionWhenParametersAreNull", "rule 2.13"},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/whitebox", func(t *testing.T) {
			rec := tck.NewRecorder(tc.whitebox)
			tck.VerifySubscriberWhitebox(rec, tck.WhiteboxOptions[int]{
				CreateSubscriber: func(p *tck.WhiteboxProbe[int]) sluice.Subscriber[int] {
					return &badSubscriber{refSubscriber: refSubscriber{probe: p}, f: tc.f}
				},
				CreateElement: func(i int) int { return i },
			})
			res, ok := rec.Result(tc.whitebox)
			require.True(t, ok)
			require.True(t, res.Failed, "%+v", res)
			assert.Contains(t, res.Message, tc.msg)
		})
		t.Run(tc.name+"/blackbox", func(t *testing.T) {
			rec := tck.NewRecorder(tc.blackbox)
			tck.VerifySubscriberBlackbox(rec, tck.BlackboxOptions[int]{
				CreateSubscriber: func() sluice.Subscriber[int] {
					return &badSubscriber{refSubscriber: refSubscriber{auto: true}, f: tc.f}
				},
				CreateElement: func(i int) int { return i },
			})
			res, ok := rec.Result(tc.blackbox)
			require.True(t, ok)
			require.True(t, res.Failed, "%+v", res)
			assert.Contains(t, res.Message, tc.msg)
		})
	}
}
