package rsocket

import "context"

// ctxWatch is one context.AfterFunc registration of a connection. Contexts
// are told apart by their Done channels: a context's own type may not be
// comparable, and contexts that derive values from one another share the
// channel. It is not safe for concurrent use (its owner's lock guards it).
type ctxWatch struct {
	done <-chan struct{} // the watched context's Done channel, or nil
	stop func() bool     // ends the watch
}

// watching reports whether done is the watched context's Done channel.
func (w *ctxWatch) watching(done <-chan struct{}) bool {
	return w.done != nil && w.done == done
}

// set watches ctx (cancellable) in place of the context watched so far:
// when ctx ends, f runs on a goroutine of its own with ctx's Done channel,
// by which it can tell whether it still is the watched one.
func (w *ctxWatch) set(ctx context.Context, f func(done <-chan struct{})) {
	w.clear()
	done := ctx.Done()
	w.done = done
	w.stop = context.AfterFunc(ctx, func() { f(done) })
}

// clear ends the watch, so that the context no longer references its
// owner.
func (w *ctxWatch) clear() {
	if w.stop != nil {
		w.stop()
	}
	w.done, w.stop = nil, nil
}

// fired forgets the watch whose function is running.
func (w *ctxWatch) fired() { w.done, w.stop = nil, nil }
