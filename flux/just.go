package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type slicePublisher[T any] struct{ items []T }

type sliceSource[T any] struct {
	items []T
	i     int
}

func (s *sliceSource[T]) Next() (T, bool, error) {
	if s.i == len(s.items) {
		var zero T
		return zero, false, nil
	}
	v := s.items[s.i]
	s.i++
	return v, true, nil
}

func (s *sliceSource[T]) Exhausted() bool { return s.i == len(s.items) }

func (p slicePublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	pull.Subscribe[T](s, &sliceSource[T]{items: p.items})
}

// ForEach runs the slice as a plain loop (see internal/fuse).
func (p slicePublisher[T]) ForEach(yield func(T) bool) error {
	for _, v := range p.items {
		if !yield(v) {
			return nil
		}
	}
	return nil
}

// Just emits the given values in order, then completes. With no values it
// completes at once. The values are copied at assembly, so a slice spread
// into Just (Just(s...)) may be modified afterwards.
func Just[T any](items ...T) Flux[T] {
	if len(items) == 0 {
		return Empty[T]()
	}
	return Flux[T]{pub: slicePublisher[T]{items: append([]T(nil), items...)}}
}

// FromSlice emits the elements of items in order, then completes. The slice
// is not copied: every subscription reads it as it is at that moment, so do
// not modify it while a subscription is running.
func FromSlice[T any](items []T) Flux[T] {
	return Flux[T]{pub: slicePublisher[T]{items: items}}
}
