package tck_test

import (
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck"
)

// refSubscriber is a correct subscriber used as the reference: it keeps the
// first subscription, cancels any later one, panics on nil arguments and
// (blackbox mode) requests one element at a time.
type refSubscriber struct {
	probe *tck.WhiteboxProbe[int]
	sub   atomic.Pointer[sluice.Subscription]
	auto  bool
}

type puppet struct{ s sluice.Subscription }

func (p puppet) TriggerRequest(n int64) { p.s.Request(n) }
func (p puppet) SignalCancel()          { p.s.Cancel() }

func (r *refSubscriber) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if !r.sub.CompareAndSwap(nil, &s) {
		s.Cancel()
		return
	}
	if r.probe != nil {
		r.probe.RegisterOnSubscribe(puppet{s})
	}
	if r.auto {
		s.Request(1)
	}
}

func (r *refSubscriber) OnNext(v int) {
	if r.probe != nil {
		r.probe.RegisterOnNext(v)
	}
	if r.auto {
		(*r.sub.Load()).Request(1)
	}
}

func (r *refSubscriber) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	if r.probe != nil {
		r.probe.RegisterOnError(err)
	}
}

func (r *refSubscriber) OnComplete() {
	if r.probe != nil {
		r.probe.RegisterOnComplete()
	}
}

func TestReferenceSubscriberWhitebox(t *testing.T) {
	tck.VerifySubscriberWhitebox(t, tck.WhiteboxOptions[int]{
		CreateSubscriber: func(p *tck.WhiteboxProbe[int]) sluice.Subscriber[int] { return &refSubscriber{probe: p} },
		CreateElement:    func(i int) int { return i },
	})
}

func TestReferenceSubscriberBlackbox(t *testing.T) {
	tck.VerifySubscriberBlackbox(t, tck.BlackboxOptions[int]{
		CreateSubscriber: func() sluice.Subscriber[int] { return &refSubscriber{auto: true} },
		CreateElement:    func(i int) int { return i },
	})
}
