package mono

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type justPublisher[T any] struct{ v T }

type justSource[T any] struct {
	v    T
	used bool
}

func (s *justSource[T]) Next() (T, bool, error) {
	var zero T
	if s.used {
		return zero, false, nil
	}
	s.used = true
	v := s.v
	s.v = zero
	return v, true, nil
}

func (s *justSource[T]) Exhausted() bool { return s.used }

func (p justPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	pull.Subscribe[T](s, &justSource[T]{v: p.v})
}

// ForEach yields the value (see internal/fuse).
func (p justPublisher[T]) ForEach(yield func(T) bool) error {
	yield(p.v)
	return nil
}

// Just emits v when requested, then completes.
func Just[T any](v T) Mono[T] { return Mono[T]{pub: justPublisher[T]{v: v}} }

type emptyPublisher[T any] struct{}

func (emptyPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pull.Terminate[T](s, nil)
}

// ForEach returns at once (see internal/fuse).
func (emptyPublisher[T]) ForEach(func(T) bool) error { return nil }

// Empty completes without emitting, right after OnSubscribe.
func Empty[T any]() Mono[T] { return Mono[T]{pub: emptyPublisher[T]{}} }
