package operators

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/inner"
	"github.com/sluicego/sluice/internal/serial"
)

// RetrySignal describes one failure of the source of a RetryWhen: how many
// retries came before it (in total, and since the source last emitted an
// element) and the error.
type RetrySignal struct {
	// TotalRetries counts the retries before this failure, from 0.
	TotalRetries int64
	// TotalRetriesInARow counts the retries since the source last emitted
	// an element (transient errors), from 0.
	TotalRetriesInARow int64
	// Failure is the error the source failed with.
	Failure error
}

// RetryWhen resubscribes to src when it fails, as told by a companion
// publisher: companion receives a publisher of one RetrySignal per failure
// and returns a publisher whose every element triggers one resubscription,
// whose completion completes the stream and whose error ends it with that
// error (the completion takes effect at once, even if a resubscription it
// asked for is still pending). Demand carries over from one subscription of src to the next
// (elements already delivered are not delivered again). Resubscription is
// trampolined: a source that fails synchronously does not grow the stack.
func RetryWhen[T, C any](src sluice.Publisher[T], companion func(signals sluice.Publisher[RetrySignal]) sluice.Publisher[C]) sluice.Publisher[T] {
	return &whenPublisher[T, RetrySignal, C]{src: src, companion: companion, retry: true, name: "RetryWhen"}
}

// RepeatWhen resubscribes to src when it completes, as told by a companion
// publisher: companion receives a publisher of the number of elements each
// round emitted, one per completion, and returns a publisher whose every
// element triggers one more round, whose completion completes the stream
// and whose error ends it. An error of src ends the stream.
func RepeatWhen[T, C any](src sluice.Publisher[T], companion func(completions sluice.Publisher[int64]) sluice.Publisher[C]) sluice.Publisher[T] {
	return &whenPublisher[T, int64, C]{src: src, companion: companion, name: "RepeatWhen"}
}

type whenPublisher[T, S, C any] struct {
	src       sluice.Publisher[T]
	companion func(sluice.Publisher[S]) sluice.Publisher[C]
	retry     bool
	name      string
}

func (p *whenPublisher[T, S, C]) String() string { return describe(p.src, p.name) }

func (p *whenPublisher[T, S, C]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	m := &whenSubscriber[T, S, C]{down: serial.New[T](s), src: p.src, retry: p.retry}
	s.OnSubscribe(m)
	var cp sluice.Publisher[C]
	if err := try0(func() { cp = p.companion(&m.relay) }); err != nil {
		m.terminate(err)
		return
	}
	if cp == nil {
		m.terminate(errNilCompanion)
		return
	}
	cp.Subscribe(&whenCompanion[T, S, C]{m})
	m.resubscribe()
}

type whenSubscriber[T, S, C any] struct {
	arbiter
	down  *serial.Subscriber[T]
	src   sluice.Publisher[T]
	retry bool
	relay signalRelay[S]
	comp  inner.Slot
	wip   demand.WIP
	done  atomic.Bool

	total, inARow, emitted int64 // source side
}

func (m *whenSubscriber[T, S, C]) resubscribe() {
	if !m.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		if m.done.Load() || m.isCancelled() {
			return
		}
		m.emitted = 0
		m.src.Subscribe(m)
		if missed = m.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// Cancel cancels the source and the companion.
func (m *whenSubscriber[T, S, C]) Cancel() {
	m.done.Store(true)
	m.arbiter.Cancel()
	m.comp.Cancel()
}

func (m *whenSubscriber[T, S, C]) terminate(err error) {
	if m.done.Swap(true) {
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	m.arbiter.Cancel()
	m.comp.Cancel()
	if err != nil {
		m.down.OnError(err)
		return
	}
	m.down.OnComplete()
}

func (m *whenSubscriber[T, S, C]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	m.set(s)
}

func (m *whenSubscriber[T, S, C]) OnNext(v T) {
	if m.done.Load() {
		sluice.NextDropped(v)
		return
	}
	m.produced++
	m.emitted++
	m.down.OnNext(v)
}

func (m *whenSubscriber[T, S, C]) OnError(err error) {
	// An invalid Request is the downstream's error (rule 3.9), not a
	// failure of the source: it is never retried.
	if !m.retry || m.done.Load() || m.badRequestError(err) {
		m.terminate(err)
		return
	}
	if m.emitted > 0 {
		m.inARow = 0
	}
	sig := RetrySignal{TotalRetries: m.total, TotalRetriesInARow: m.inARow, Failure: err}
	m.total++
	m.inARow++
	m.relay.push(any(sig).(S))
}

func (m *whenSubscriber[T, S, C]) OnComplete() {
	if m.retry || m.done.Load() {
		m.terminate(nil)
		return
	}
	m.relay.push(any(m.emitted).(S))
}

// whenCompanion subscribes to the companion publisher.
type whenCompanion[T, S, C any] struct{ m *whenSubscriber[T, S, C] }

func (c *whenCompanion[T, S, C]) OnSubscribe(s sluice.Subscription) {
	if c.m.comp.Set(s) {
		s.Request(sluice.Unbounded)
	}
}
func (c *whenCompanion[T, S, C]) OnNext(C)          { c.m.resubscribe() }
func (c *whenCompanion[T, S, C]) OnError(err error) { c.m.terminate(err) }
func (c *whenCompanion[T, S, C]) OnComplete()       { c.m.terminate(nil) }

// signalRelay is the one-subscriber publisher of a when operator's signals
// that the companion transforms. Signals wait in a queue for demand.
type signalRelay[S any] struct {
	mu        sync.Mutex
	sub       sluice.Subscriber[S]
	q         []S
	requested int64
	cancelled bool
	wip       demand.WIP
}

func (r *signalRelay[S]) Subscribe(s sluice.Subscriber[S]) {
	checkSubscriber(s)
	r.mu.Lock()
	taken := r.sub != nil
	if !taken {
		r.sub = s
	}
	r.mu.Unlock()
	if taken {
		errorNow(s, sluice.ErrAlreadySubscribed)
		return
	}
	s.OnSubscribe(r)
	r.drain()
}

func (r *signalRelay[S]) Request(n int64) {
	r.mu.Lock()
	if r.cancelled {
		r.mu.Unlock()
		return
	}
	if n <= 0 {
		r.cancelled = true
		s := r.sub
		r.mu.Unlock()
		s.OnError(demand.Invalid(n))
		return
	}
	r.requested = demand.Add(r.requested, n)
	r.mu.Unlock()
	r.drain()
}

func (r *signalRelay[S]) Cancel() {
	r.mu.Lock()
	r.cancelled = true
	r.q = nil
	r.mu.Unlock()
}

func (r *signalRelay[S]) push(v S) {
	r.mu.Lock()
	if r.cancelled {
		r.mu.Unlock()
		return
	}
	r.q = append(r.q, v)
	r.mu.Unlock()
	r.drain()
}

func (r *signalRelay[S]) drain() {
	if !r.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		for {
			r.mu.Lock()
			if r.cancelled || r.sub == nil || r.requested == 0 || len(r.q) == 0 {
				r.mu.Unlock()
				break
			}
			v := r.q[0]
			r.q = r.q[1:]
			if r.requested != sluice.Unbounded {
				r.requested--
			}
			s := r.sub
			r.mu.Unlock()
			s.OnNext(v)
		}
		if missed = r.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

// errNilCompanion ends a RetryWhen or RepeatWhen whose companion function
// returned nil.
var errNilCompanion = errors.New("operators: companion function returned a nil publisher")
