package tck

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
)

// executor runs tasks on goroutines it owns; close waits for all of them.
type executor struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func (x *executor) execute(f func()) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return false
	}
	x.wg.Add(1)
	go func() {
		defer x.wg.Done()
		f()
	}()
	return true
}

func (x *executor) close() {
	x.mu.Lock()
	x.closed = true
	x.mu.Unlock()
	x.wg.Wait()
}

// helperPublisher is the asynchronous, unicast publisher the subscriber and
// processor verifications use as an element source: n elements made by
// create(0..n-1) (n > MaxInt32 means infinite), onSubscribe and every
// element delivered from executor goroutines, demand validated (3.9) and
// saturated (3.17), at most 1024 elements per task.
type helperPublisher[T any] struct {
	x      *executor
	n      int64
	create func(int) T

	mu   sync.Mutex
	subs []*helperSubscription[T]
}

const helperBatch = 1024

func newHelperPublisher[T any](x *executor, n int64, create func(int) T) *helperPublisher[T] {
	return &helperPublisher[T]{x: x, n: n, create: create}
}

type helperSubscription[T any] struct {
	p         *helperPublisher[T]
	down      atomic.Pointer[sluice.Subscriber[T]]
	requested atomic.Int64
	wip       demand.WIP
	cancelled atomic.Bool
	invalid   atomic.Int64 // first n <= 0 seen, or 1 when none

	// owned by the drain loop
	subscribed bool
	emitted    int64
	id         int
}

func (p *helperPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	hs := &helperSubscription[T]{p: p}
	hs.down.Store(&s)
	hs.invalid.Store(1)
	p.mu.Lock()
	p.subs = append(p.subs, hs)
	p.mu.Unlock()
	hs.schedule()
}

// cancelAll cancels every subscription (used when the test ends).
func (p *helperPublisher[T]) cancelAll() {
	p.mu.Lock()
	subs := p.subs
	p.subs = nil
	p.mu.Unlock()
	for _, s := range subs {
		s.Cancel()
	}
}

func (s *helperSubscription[T]) schedule() {
	if s.wip.Enter() {
		if !s.p.x.execute(s.drain) {
			s.down.Store(nil)
		}
	}
}

func (s *helperSubscription[T]) Request(n int64) {
	if s.cancelled.Load() {
		return
	}
	if n <= 0 {
		s.invalid.CompareAndSwap(1, n)
	} else {
		demand.AddAtomic(&s.requested, n)
	}
	s.schedule()
}

func (s *helperSubscription[T]) Cancel() {
	if s.cancelled.CompareAndSwap(false, true) {
		s.schedule()
	}
}

func (s *helperSubscription[T]) drain() {
	missed := int32(1)
	for {
		dp := s.down.Load()
		if dp == nil {
			return
		}
		down := *dp
		if !s.subscribed {
			s.subscribed = true
			down.OnSubscribe(s)
		}
		if s.cancelled.Load() {
			s.down.Store(nil)
			return
		}
		if n := s.invalid.Load(); n != 1 {
			s.cancelled.Store(true)
			s.down.Store(nil)
			down.OnError(demand.Invalid(n))
			return
		}
		if s.p.n <= math.MaxInt32 && s.emitted >= s.p.n {
			s.cancelled.Store(true)
			s.down.Store(nil)
			down.OnComplete()
			return
		}
		batch := 0
		for s.requested.Load() > 0 && batch < helperBatch && !s.cancelled.Load() &&
			(s.p.n > math.MaxInt32 || s.emitted < s.p.n) {
			v := s.p.create(s.id)
			s.id++
			if s.id < 0 {
				s.id = 0
			}
			s.emitted++
			batch++
			demand.ProducedAtomic(&s.requested, 1)
			down.OnNext(v)
		}
		if s.p.n <= math.MaxInt32 && s.emitted >= s.p.n && !s.cancelled.Load() {
			s.cancelled.Store(true)
			s.down.Store(nil)
			down.OnComplete()
			return
		}
		if batch == helperBatch {
			// Yield: continue in a new task, which owns the WIP count.
			if !s.p.x.execute(s.drain) {
				s.down.Store(nil)
			}
			return
		}
		missed = s.wip.Leave(missed)
		if missed == 0 {
			return
		}
	}
}
