package flux

import (
	"iter"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type iterPublisher[T any] struct{ seq iter.Seq[T] }

// iterSource pulls from the sequence with iter.Pull, started lazily on the
// first unit of demand so that a subscription that never requests holds no
// coroutine.
type iterSource[T any] struct {
	seq  iter.Seq[T]
	next func() (T, bool)
	stop func()
}

func (s *iterSource[T]) Next() (T, bool, error) {
	if s.next == nil {
		s.next, s.stop = iter.Pull(s.seq)
	}
	v, ok := s.next()
	return v, ok, nil
}

func (s *iterSource[T]) Close() {
	if s.stop != nil {
		s.stop()
	}
}

func (p iterPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	pull.Subscribe[T](s, &iterSource[T]{seq: p.seq})
}

// ForEach ranges over the sequence directly (see internal/fuse). A panic in
// the sequence is returned as a *sluice.PanicError.
func (p iterPublisher[T]) ForEach(yield func(T) bool) (err error) {
	inYield := false
	defer func() {
		if inYield {
			return // a panic from the consumer's own code: not ours to catch
		}
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	for v := range p.seq {
		inYield = true
		ok := yield(v)
		inYield = false
		if !ok {
			return nil
		}
	}
	return nil
}

// FromIter emits the values of seq. The sequence is pulled lazily, one value
// per unit of demand, with iter.Pull, and stopped (its deferred calls run)
// on completion, on error and on cancellation. Every subscription ranges over
// seq again. A panic inside seq ends the stream with a *sluice.PanicError.
func FromIter[T any](seq iter.Seq[T]) Flux[T] {
	return Flux[T]{pub: iterPublisher[T]{seq: seq}}
}
