package rsocket

import (
	"context"
	"sync"
	"sync/atomic"
)

// callWatch cancels the blocking request-responses (BlockOne) whose
// callers share one context, watched once for the connection. A caller
// that waits with a cancellable context would otherwise select on its
// answer and on the context's Done channel: with many callers in flight
// on one context, they all take that channel's lock twice per call (once
// to wait, once to stop waiting), which cost RR 64 in flight about 8 % of
// its CPU. A caller whose context is watched waits on its answer alone.
//
// Contexts are told apart by their Done channels (see ctxWatch). Only a
// context seen by two calls in a row is watched, so that callers with a
// context per request (which context.AfterFunc would cost two allocations
// each) keep selecting, without taking the watch's lock: they only swap
// the previous caller's channel (last). One context is watched at a time,
// replaced when no call waits with the watched one.
type callWatch struct {
	mu      sync.Mutex
	ctx     context.Context // the watched context, or nil
	watch   ctxWatch        // of ctx
	last    atomic.Value    // <-chan struct{}: the previous caller's Done channel
	calls   []*rrCall       // the calls waiting with ctx
	stopped bool            // the connection closed: watch nothing more
}

// add puts call under the watch of ctx (cancellable) and reports whether
// it is: then the caller waits on call.done alone and calls remove once
// it is done. When ctx ends, the call is cancelled and ends with ctx.Err().
func (w *callWatch) add(ctx context.Context, call *rrCall) bool {
	done := ctx.Done()
	if prev, _ := w.last.Swap(done).(<-chan struct{}); prev != done {
		return false // not used by the call before: maybe a context per call
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return false
	}
	if !w.watch.watching(done) {
		if len(w.calls) > 0 {
			return false
		}
		w.ctx = ctx
		w.watch.set(ctx, w.fire)
	}
	call.watchIdx = len(w.calls)
	w.calls = append(w.calls, call)
	return true
}

// remove takes call out of the watch, if it is still there. After it
// returns, the watch no longer touches call (which may be reused).
func (w *callWatch) remove(call *rrCall) {
	w.mu.Lock()
	if i := call.watchIdx; i >= 0 && i < len(w.calls) && w.calls[i] == call {
		last := len(w.calls) - 1
		w.calls[i] = w.calls[last]
		w.calls[i].watchIdx = i
		w.calls[last] = nil
		w.calls = w.calls[:last]
	}
	call.watchIdx = -1
	w.mu.Unlock()
}

// fire runs when the watched context ends (done is its Done channel): it
// cancels every call waiting with it, under the lock, so that a caller
// that woke meanwhile (its answer won) finds its call left alone once
// remove returns.
func (w *callWatch) fire(done <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.watch.watching(done) {
		return
	}
	err := w.ctx.Err()
	for i, call := range w.calls {
		call.watchIdx = -1
		call.s.Cancel()
		call.finish(err)
		w.calls[i] = nil
	}
	w.calls = w.calls[:0]
	w.ctx = nil
	w.watch.fired()
}

// close ends the watch for good (the connection closed), so that the
// context does not keep the connection reachable. Calls still waiting end
// with the connection's error.
func (w *callWatch) close() {
	w.mu.Lock()
	w.watch.clear()
	w.ctx = nil
	w.last.Store((<-chan struct{})(nil))
	w.stopped = true
	w.mu.Unlock()
}
