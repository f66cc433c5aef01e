// Package hooks holds the lifecycle callbacks of a push sink (flux.Create,
// mono.Create): the cancel and dispose callbacks a producer registers and the
// context that ends when the sink is disposed. It is written once so that
// both sinks follow the same rules: a callback registered after the event
// it waits for runs at once, each callback runs at most once, and a panic
// inside one goes to sluice.ErrorDropped.
package hooks

import (
	"context"
	"sync"

	"github.com/sluicego/sluice"
)

// Lifecycle is the zero-value-ready set of callbacks of one sink.
type Lifecycle struct {
	mu        sync.Mutex
	cancelled bool
	disposed  bool
	onCancel  func()
	onDispose func()
	ctx       context.Context
	ctxCancel context.CancelFunc
}

// OnCancel registers fn to run when the subscriber cancels; if it already
// has, fn runs now.
func (l *Lifecycle) OnCancel(fn func()) {
	l.mu.Lock()
	if l.cancelled || l.disposed {
		run := l.cancelled
		l.mu.Unlock()
		if run {
			Call(fn)
		}
		return
	}
	l.onCancel = fn
	l.mu.Unlock()
}

// OnDispose registers fn to run when the sink is disposed; if it already
// is, fn runs now.
func (l *Lifecycle) OnDispose(fn func()) {
	l.mu.Lock()
	if l.disposed {
		l.mu.Unlock()
		Call(fn)
		return
	}
	l.onDispose = fn
	l.mu.Unlock()
}

// Context returns a context that is cancelled when the sink is disposed,
// creating it on first use.
func (l *Lifecycle) Context() context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ctx == nil {
		l.ctx, l.ctxCancel = context.WithCancel(context.Background())
		if l.disposed {
			l.ctxCancel()
		}
	}
	return l.ctx
}

// Cancel records the subscriber's cancellation and runs the cancel
// callback, once.
func (l *Lifecycle) Cancel() {
	l.mu.Lock()
	if l.cancelled || l.disposed {
		l.mu.Unlock()
		return
	}
	l.cancelled = true
	fn := l.onCancel
	l.onCancel = nil
	l.mu.Unlock()
	Call(fn)
}

// Dispose cancels the context and runs the dispose callback, once, then
// forgets every callback.
func (l *Lifecycle) Dispose() {
	l.mu.Lock()
	if l.disposed {
		l.mu.Unlock()
		return
	}
	l.disposed = true
	fn, cancel := l.onDispose, l.ctxCancel
	l.onDispose, l.onCancel = nil, nil
	l.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	Call(fn)
}

// Call runs a user callback; nil is a no-op and a panic goes to
// sluice.ErrorDropped.
func Call(fn func()) {
	if fn == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	fn()
}
