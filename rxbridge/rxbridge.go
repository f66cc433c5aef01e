// Package rxbridge connects sluice to RxGo v2 (github.com/reactivex/rxgo/v2),
// in both directions, so that code using RxGo observables can join a
// backpressured sluice pipeline and the other way round. It is the only
// sluice package that imports RxGo.
//
// RxGo observables have no demand: FromObservable takes an overflow strategy
// that decides what happens to items the subscriber has not requested.
// ToObservable requests from the flux in batches as RxGo's consumer drains
// the channel.
package rxbridge

import (
	"context"
	"fmt"
	"sync"

	"github.com/reactivex/rxgo/v2"
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
)

// FromObservable subscribes to obs when the flux is subscribed and relays
// its items as T: an item holding an error ends the stream with it, an item
// whose value is not a T ends it with a type error. Items arriving without
// demand are handled by overflow (flux.OverflowBuffer,
// flux.OverflowBufferBounded(n), flux.OverflowDrop, flux.OverflowLatest,
// flux.OverflowError). Cancelling the subscription cancels the context the
// observation runs with, which stops the observing goroutine and RxGo's
// producers that honour it.
func FromObservable[T any](obs rxgo.Observable, overflow flux.OverflowStrategy) flux.Flux[T] {
	return flux.Create(func(sink flux.FluxSink[T]) {
		ctx := sink.Context()
		ch := obs.Observe(rxgo.WithContext(ctx))
		go observe(ctx, ch, sink)
	}, overflow)
}

func observe[T any](ctx context.Context, ch <-chan rxgo.Item, sink flux.FluxSink[T]) {
	for {
		select {
		case <-ctx.Done():
			return
		case it, ok := <-ch:
			if !ok {
				sink.Complete()
				return
			}
			if it.E != nil {
				sink.Error(it.E)
				return
			}
			v, ok := it.V.(T)
			if !ok && it.V != nil {
				sink.Error(fmt.Errorf("rxbridge: item of type %T is not a %T", it.V, v))
				return
			}
			if err := sink.Next(v); err != nil {
				return
			}
		}
	}
}

// ToObservable returns a cold Observable that subscribes to f each time it
// is observed, requesting batch elements at a time (batch <= 0: 256) and
// more as the observer consumes them. An error of f becomes an error item.
// Cancelling the observation's context (rxgo.WithContext) cancels the
// subscription.
func ToObservable[T any](f sluice.Publisher[T], batch int, opts ...rxgo.Option) rxgo.Observable {
	if batch <= 0 {
		batch = 256
	}
	return rxgo.Defer([]rxgo.Producer{func(ctx context.Context, next chan<- rxgo.Item) {
		s := &toRx[T]{ctx: ctx, next: next, batch: int64(batch), done: make(chan struct{})}
		f.Subscribe(s)
		select {
		case <-s.done:
		case <-ctx.Done():
			s.stop(true)
		}
	}}, opts...)
}

// toRx sends a flux's elements into an RxGo producer's channel.
type toRx[T any] struct {
	ctx   context.Context
	next  chan<- rxgo.Item
	batch int64
	done  chan struct{}
	once  sync.Once
	sub   sluice.Subscription
	count int64

	mu      sync.Mutex // held while sending, so that stop waits for a send
	stopped bool
}

func (s *toRx[T]) stop(cancel bool) {
	s.mu.Lock()
	first := !s.stopped
	s.stopped = true
	s.mu.Unlock()
	if first && cancel && s.sub != nil {
		s.sub.Cancel()
	}
	s.once.Do(func() { close(s.done) })
}

func (s *toRx[T]) OnSubscribe(sub sluice.Subscription) {
	s.sub = sub
	sub.Request(s.batch)
}

func (s *toRx[T]) send(it rxgo.Item) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return false
	}
	select {
	case s.next <- it:
		return true
	case <-s.ctx.Done():
		return false
	}
}

func (s *toRx[T]) OnNext(v T) {
	if !s.send(rxgo.Of(v)) {
		s.stop(true)
		return
	}
	if s.count++; s.count == s.batch {
		s.count = 0
		s.sub.Request(s.batch)
	}
}

func (s *toRx[T]) OnError(err error) {
	s.send(rxgo.Error(err))
	s.stop(false)
}

func (s *toRx[T]) OnComplete() { s.stop(false) }
