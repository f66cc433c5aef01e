package tck_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/serial"
	"github.com/sluicego/sluice/tck"
)

// passProcessor is a minimal correct identity processor for one
// subscriber: downstream demand is forwarded upstream (accumulated until
// both ends are present), signals are serialized, an upstream terminal seen
// before the downstream arrives is replayed to it.
type passProcessor struct {
	mu         sync.Mutex
	up         sluice.Subscription
	down       *serial.Subscriber[int]
	hasDown    bool
	pending    int64
	cancelled  bool
	terminated bool
	termErr    error
	badN       int64
	bad        bool

	noUpstreamCancel bool // fault: downstream cancel does not reach upstream
	swallowErrors    bool // fault: upstream errors are not passed on (4.2)
}

func (p *passProcessor) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	p.mu.Lock()
	if p.up != nil || p.cancelled {
		p.mu.Unlock()
		s.Cancel()
		return
	}
	p.up = s
	n := int64(0)
	if p.down != nil {
		n, p.pending = p.pending, 0
	}
	p.mu.Unlock()
	if n > 0 {
		s.Request(n)
	}
}

func (p *passProcessor) OnNext(v int) {
	p.mu.Lock()
	d := p.down
	p.mu.Unlock()
	if d != nil {
		d.OnNext(v)
	}
}

func (p *passProcessor) terminate(err error) {
	p.mu.Lock()
	if p.down == nil {
		p.terminated, p.termErr = true, err
		p.mu.Unlock()
		return
	}
	d := p.down
	p.mu.Unlock()
	if err != nil {
		d.OnError(err)
	} else {
		d.OnComplete()
	}
}

func (p *passProcessor) OnError(err error) {
	if err == nil {
		panic(sluice.ErrNilError)
	}
	if p.swallowErrors {
		return
	}
	p.terminate(err)
}

func (p *passProcessor) OnComplete() { p.terminate(nil) }

type passSubscription struct{ p *passProcessor }

func (s passSubscription) Request(n int64) {
	p := s.p
	p.mu.Lock()
	if p.cancelled {
		p.mu.Unlock()
		return
	}
	if n <= 0 {
		p.cancelled = true
		u, d := p.up, p.down
		p.down = nil
		if d == nil {
			p.bad, p.badN = true, n
		}
		p.mu.Unlock()
		if u != nil {
			u.Cancel()
		}
		if d != nil {
			d.OnError(demand.Invalid(n))
		}
		return
	}
	if p.down == nil || p.up == nil {
		p.pending = demand.Add(p.pending, n)
		p.mu.Unlock()
		return
	}
	u := p.up
	p.mu.Unlock()
	u.Request(n)
}

func (s passSubscription) Cancel() {
	p := s.p
	p.mu.Lock()
	p.cancelled = true
	u := p.up
	p.down = nil
	p.mu.Unlock()
	if u != nil && !p.noUpstreamCancel {
		u.Cancel()
	}
}

func (p *passProcessor) Subscribe(s sluice.Subscriber[int]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	p.mu.Lock()
	if p.hasDown {
		p.mu.Unlock()
		s.OnSubscribe(noopSub{})
		s.OnError(sluice.ErrAlreadySubscribed)
		return
	}
	p.hasDown = true
	p.mu.Unlock()
	s.OnSubscribe(passSubscription{p})
	d := serial.New(s)
	p.mu.Lock()
	if p.bad {
		p.mu.Unlock()
		d.OnError(demand.Invalid(p.badN))
		return
	}
	if p.cancelled {
		p.mu.Unlock()
		return
	}
	p.down = d
	term, err := p.terminated, p.termErr
	u, n := p.up, int64(0)
	if u != nil {
		n, p.pending = p.pending, 0
	}
	p.mu.Unlock()
	switch {
	case term && err != nil:
		d.OnError(err)
	case term:
		d.OnComplete()
	case n > 0:
		u.Request(n)
	}
}

func TestReferenceIdentityProcessor(t *testing.T) {
	tck.VerifyIdentityProcessor(t, tck.ProcessorOptions[int]{
		CreateProcessor:         func(int) sluice.Processor[int, int] { return &passProcessor{} },
		CreateElement:           func(i int) int { return i },
		CreateFailedPublisher:   func() sluice.Publisher[int] { return failedPub{} },
		MaxSupportedSubscribers: 1,
	})
}

func TestBrokenProcessorsAreCaught(t *testing.T) {
	cases := []struct {
		name    string
		create  func() *passProcessor
		failing []string
	}{
		{"does not cancel upstream", func() *passProcessor { return &passProcessor{noUpstreamCancel: true} },
			[]string{"required_exerciseWhiteboxHappyPath", "required_spec208_mustBePreparedToReceiveOnNextSignalsAfterHavingCalledSubscriptionCancel"}},
		{"swallows upstream errors", func() *passProcessor { return &passProcessor{swallowErrors: true} },
			[]string{"mustImmediatelyPassOnOnErrorEventsReceivedFromItsUpstreamToItsDownstream", "required_spec210_mustBePreparedToReceiveAnOnErrorSignalWithoutPrecedingRequestCall"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := tck.NewRecorder(tc.failing...)
			tck.VerifyIdentityProcessor(rec, tck.ProcessorOptions[int]{
				CreateProcessor:         func(int) sluice.Processor[int, int] { return tc.create() },
				CreateElement:           func(i int) int { return i },
				MaxSupportedSubscribers: 1,
			})
			assert.Equal(t, tc.failing, rec.FailedNames())
		})
	}
}
