package flux

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type errorPublisher[T any] struct{ err error }

func (p errorPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pull.Terminate[T](s, p.err)
}

// ForEach returns the error at once (see internal/fuse).
func (p errorPublisher[T]) ForEach(func(T) bool) error { return p.err }

// Error signals err to every subscriber right after OnSubscribe, without
// waiting for demand (a Request(n <= 0) or a Cancel made inside OnSubscribe
// is honoured, as for Empty). Error(nil) panics with an error wrapping
// sluice.ErrNilError.
func Error[T any](err error) Flux[T] {
	if err == nil {
		panic(fmt.Errorf("flux.Error: %w", sluice.ErrNilError))
	}
	return Flux[T]{pub: errorPublisher[T]{err: err}}
}
