package pull

import "github.com/sluicego/sluice"

// terminalSource is exhausted from the start; it fails with err if err is
// not nil.
type terminalSource[T any] struct{ err error }

func (s terminalSource[T]) Next() (T, bool, error) {
	var zero T
	return zero, false, s.err
}

func (terminalSource[T]) Exhausted() bool { return true }

func (s terminalSource[T]) Err() error { return s.err }

// Terminate signals OnSubscribe and then, right after it returns and
// without waiting for demand, OnComplete (err == nil) or OnError(err). It is
// the subscription of sources that end at once (Empty, Error, a failed
// Defer or Using), and unlike a no-op subscription it still honours what the
// subscriber does inside OnSubscribe: Request(n <= 0) ends the stream with an
// error wrapping sluice.ErrInvalidDemand instead (rule 3.9), and Cancel
// suppresses the terminal signal (rule 1.8). Afterwards Request and Cancel
// are no-ops.
func Terminate[T any](down sluice.Subscriber[T], err error) {
	Subscribe[T](down, terminalSource[T]{err: err})
}
