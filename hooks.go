package sluice

import (
	"log/slog"
	"sync/atomic"
)

// DroppedHooks receive signals that cannot be delivered: an element or error
// that arrives after its subscriber terminated or cancelled, a panic raised by
// a subscriber's own method, a protocol violation by a foreign publisher. A
// signal is routed to exactly one of them instead of vanishing or crashing.
type DroppedHooks struct {
	// OnNextDropped receives an element that arrived after termination.
	OnNextDropped func(v any)
	// OnErrorDropped receives an error that had nowhere to go.
	OnErrorDropped func(err error)
}

var hooks atomic.Pointer[DroppedHooks]

// SetDroppedHooks installs the process-wide hooks and returns the previous
// ones. A nil field restores its default: dropped elements are ignored and
// dropped errors are logged with log/slog at warning level.
func SetDroppedHooks(h DroppedHooks) DroppedHooks {
	prev := hooks.Swap(&h)
	if prev == nil {
		return DroppedHooks{}
	}
	return *prev
}

// NextDropped reports an element that could not be delivered.
func NextDropped(v any) {
	if h := hooks.Load(); h != nil && h.OnNextDropped != nil {
		h.OnNextDropped(v)
	}
}

// ErrorDropped reports an error that could not be delivered.
func ErrorDropped(err error) {
	if h := hooks.Load(); h != nil && h.OnErrorDropped != nil {
		h.OnErrorDropped(err)
		return
	}
	slog.Warn("sluice: error dropped", "err", err)
}
