package inner

import (
	"errors"
	"sync/atomic"
)

type errBox struct{ err error }

// Errors collects the errors of a combining operator from any goroutine:
// either the first one wins (fail-fast) or all are joined (delay-error).
type Errors struct {
	p atomic.Pointer[errBox]
}

// SetFirst stores err unless an error is already stored, and reports whether
// it did.
func (e *Errors) SetFirst(err error) bool {
	return e.p.CompareAndSwap(nil, &errBox{err: err})
}

// Join adds err to the stored errors (errors.Join).
func (e *Errors) Join(err error) {
	for {
		old := e.p.Load()
		nb := &errBox{err: err}
		if old != nil {
			nb.err = errors.Join(old.err, err)
		}
		if e.p.CompareAndSwap(old, nb) {
			return
		}
	}
}

// Load returns the stored error, or nil.
func (e *Errors) Load() error {
	if b := e.p.Load(); b != nil {
		return b.err
	}
	return nil
}
