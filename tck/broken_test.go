package tck_test

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"

	"github.com/sluicego/sluice"
)

// faults are the deliberate bugs brokenPub can have; the zero value is a
// correct publisher of n integers.
type faults struct {
	ignoreDemand      bool // emits everything on the first Request (1.1)
	emitAfterCancel   bool // keeps emitting after Cancel (3.6)
	doubleOnSubscribe bool // calls OnSubscribe twice (1.9)
	completeFirst     bool // completes an empty stream before OnSubscribe (1.9)
	concurrent        bool // emits from a new goroutine while the caller is still in a signal (1.3)
	wrapDemand        bool // adds demand without saturating and fails on "negative" demand (3.17)
	neverCompletes    bool // never signals OnComplete (1.5)
	noInvalidError    bool // ignores Request(n <= 0) (3.9)
	completeTwice     bool // signals OnComplete twice (1.7)
	retain            bool // keeps every subscriber forever (3.13)
	recursive         bool // emits inside Request without a trampoline (3.3)
	nilNoPanic        bool // Subscribe(nil) returns quietly (1.9)
}

var errFailed = errors.New("tck self-test: failed publisher")

// brokenPub emits 0..n-1 with the configured faults.
type brokenPub struct {
	n        int64
	f        faults
	mu       sync.Mutex
	retained []sluice.Subscriber[int]
}

func (p *brokenPub) Subscribe(s sluice.Subscriber[int]) {
	if s == nil {
		if p.f.nilNoPanic {
			return
		}
		panic(sluice.ErrNilSubscriber)
	}
	if p.f.retain {
		p.mu.Lock()
		p.retained = append(p.retained, s)
		p.mu.Unlock()
	}
	sub := &brokenSub{f: p.f, n: p.n}
	sub.down.Store(&s)
	if p.f.completeFirst && p.n == 0 {
		s.OnComplete()
	}
	s.OnSubscribe(sub)
	if p.f.doubleOnSubscribe {
		s.OnSubscribe(sub)
	}
	if p.n == 0 && !p.f.completeFirst {
		sub.Request(1) // completes eagerly through the drain loop
	}
}

type brokenSub struct {
	f         faults
	n         int64
	down      atomic.Pointer[sluice.Subscriber[int]]
	requested atomic.Int64
	wip       atomic.Int64
	cancelled atomic.Bool
	bad       atomic.Int64
	badSet    atomic.Bool
	emitted   atomic.Int64
	done      atomic.Bool
}

func (s *brokenSub) Cancel() { s.cancelled.Store(true) }

func (s *brokenSub) Request(n int64) {
	if s.cancelled.Load() && !s.f.emitAfterCancel {
		return
	}
	switch {
	case n <= 0 && s.f.noInvalidError:
		return
	case n <= 0:
		if s.badSet.CompareAndSwap(false, true) {
			s.bad.Store(n)
		}
	case s.f.wrapDemand:
		s.requested.Add(n)
	default:
		for {
			r := s.requested.Load()
			next := r + n
			if next < 0 {
				next = math.MaxInt64
			}
			if s.requested.CompareAndSwap(r, next) {
				break
			}
		}
	}
	switch {
	case s.f.recursive:
		s.emit()
	case s.f.concurrent:
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.emit()
		}()
		wg.Wait()
	default:
		if s.wip.Add(1) != 1 {
			return
		}
		for missed := int64(1); missed != 0; missed = s.wip.Add(-missed) {
			s.emit()
		}
	}
}

// emit delivers what the demand allows and terminates when due.
func (s *brokenSub) emit() {
	dp := s.down.Load()
	if dp == nil || s.done.Load() {
		return
	}
	down := *dp
	for {
		if s.cancelled.Load() && !s.f.emitAfterCancel {
			s.down.Store(nil)
			return
		}
		if s.badSet.Load() {
			s.finish()
			down.OnError(sluice.NewInvalidDemandError(s.bad.Load()))
			return
		}
		if s.requested.Load() < 0 {
			s.finish()
			down.OnError(errors.New("demand overflow"))
			return
		}
		if s.emitted.Load() >= s.n {
			if !s.f.neverCompletes {
				s.finish()
				down.OnComplete()
				if s.f.completeTwice {
					down.OnComplete()
				}
			}
			return
		}
		if s.requested.Load() == 0 && !s.f.ignoreDemand {
			return
		}
		v := s.emitted.Add(1) - 1
		if r := s.requested.Load(); r != math.MaxInt64 && r > 0 {
			s.requested.Add(-1)
		}
		down.OnNext(int(v))
	}
}

func (s *brokenSub) finish() {
	s.done.Store(true)
	s.cancelled.Store(true)
	s.down.Store(nil)
}

// failedPub signals OnSubscribe then OnError.
type failedPub struct{ noOnSubscribe bool }

func (p failedPub) Subscribe(s sluice.Subscriber[int]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	if !p.noOnSubscribe {
		s.OnSubscribe(noopSub{})
	}
	s.OnError(errFailed)
}

type noopSub struct{}

func (noopSub) Request(int64) {}
func (noopSub) Cancel()       {}
