package flux

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type usingPublisher[T, R any] struct {
	acquire func() (R, error)
	build   func(R) sluice.Publisher[T]
	release func(R)
}

// Using ties a resource to a subscription: acquire runs once per
// subscription, build turns the resource into the publisher to relay, and
// release runs exactly once, when that publisher completes or fails (before
// the terminal signal is passed on, like Reactor's eager mode) or when the
// subscriber cancels.
//
// An error from acquire ends the subscription with it (release is not
// called, there is nothing to release). A panic in acquire or build ends it
// with a *sluice.PanicError (release still runs after build panics). A panic
// in release turns a completion into that *sluice.PanicError; after an error
// or a cancellation it goes to sluice.ErrorDropped.
func Using[T, R any](acquire func() (R, error), build func(R) sluice.Publisher[T], release func(R)) Flux[T] {
	if acquire == nil || build == nil || release == nil {
		panic("flux.Using: nil function")
	}
	return Flux[T]{pub: usingPublisher[T, R]{acquire: acquire, build: build, release: release}}
}

func (p usingPublisher[T, R]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	res, err := p.acquireSafe()
	if err != nil {
		pull.Terminate[T](s, err)
		return
	}
	u := &usingSubscriber[T, R]{down: s, res: res, release: p.release}
	pub, err := p.buildSafe(res)
	if err != nil {
		if perr := u.releaseOnce(); perr != nil {
			sluice.ErrorDropped(perr)
		}
		pull.Terminate[T](s, err)
		return
	}
	pub.Subscribe(u)
}

func (p usingPublisher[T, R]) acquireSafe() (res R, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return p.acquire()
}

func (p usingPublisher[T, R]) buildSafe(res R) (pub sluice.Publisher[T], err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	if pub = p.build(res); pub == nil {
		return nil, ErrNilPublisher
	}
	return pub, nil
}

// usingSubscriber relays the inner publisher's signals and is the
// subscription the downstream sees, so that Cancel releases the resource.
type usingSubscriber[T, R any] struct {
	down     sluice.Subscriber[T]
	up       sluice.Subscription
	res      R
	release  func(R)
	released atomic.Bool
}

func (u *usingSubscriber[T, R]) releaseOnce() (err error) {
	if !u.released.CompareAndSwap(false, true) {
		return nil
	}
	res := u.res
	var zero R
	u.res = zero
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	u.release(res)
	return nil
}

func (u *usingSubscriber[T, R]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	u.up = s
	u.down.OnSubscribe(u)
}

func (u *usingSubscriber[T, R]) OnNext(v T) { u.down.OnNext(v) }

func (u *usingSubscriber[T, R]) OnError(err error) {
	if perr := u.releaseOnce(); perr != nil {
		sluice.ErrorDropped(perr)
	}
	u.down.OnError(err)
}

func (u *usingSubscriber[T, R]) OnComplete() {
	if perr := u.releaseOnce(); perr != nil {
		u.down.OnError(perr)
		return
	}
	u.down.OnComplete()
}

func (u *usingSubscriber[T, R]) Request(n int64) { u.up.Request(n) }

func (u *usingSubscriber[T, R]) Cancel() {
	u.up.Cancel()
	if perr := u.releaseOnce(); perr != nil {
		sluice.ErrorDropped(perr)
	}
}
