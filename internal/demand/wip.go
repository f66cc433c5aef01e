package demand

import "sync/atomic"

// WIP is a work-in-progress counter that lets many goroutines ask for a drain
// loop while exactly one runs it. Signals that arrive while the loop runs
// (including re-entrant ones from inside OnNext) only bump the counter; the
// running loop notices and goes around again, so the stack never grows.
//
//	if !w.Enter() {
//		return
//	}
//	missed := int32(1)
//	for {
//		// ... emit what can be emitted ...
//		if missed = w.Leave(missed); missed == 0 {
//			return
//		}
//	}
type WIP struct {
	n atomic.Int32
}

// Enter records a request for work and reports whether the caller became the
// drain loop's owner.
func (w *WIP) Enter() bool { return w.n.Add(1) == 1 }

// Leave acknowledges missed requests handled by one pass of the loop and
// returns the number that arrived meanwhile; 0 means the loop must exit.
func (w *WIP) Leave(missed int32) int32 { return w.n.Add(-missed) }

// Active reports whether a drain loop is running.
func (w *WIP) Active() bool { return w.n.Load() != 0 }

// TryEnter takes ownership of the drain loop only if no loop is running and
// no work is pending, without recording a missed request otherwise. It lets a
// producer emit directly (a fast path) when nobody else is draining; on false
// the caller queues its work and calls Enter.
func (w *WIP) TryEnter() bool { return w.n.CompareAndSwap(0, 1) }
