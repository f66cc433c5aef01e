package mono

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

// Error signals err right after OnSubscribe, without waiting for demand.
// Error(nil) panics with an error wrapping sluice.ErrNilError.
func Error[T any](err error) Mono[T] {
	if err == nil {
		panic(fmt.Errorf("mono.Error: %w", sluice.ErrNilError))
	}
	return Mono[T]{pub: errorPublisher[T]{err: err}}
}

// Never calls OnSubscribe and then nothing else (except the error that an
// invalid Request calls for). It holds no goroutine and no resource. It is
// flux.Never seen as a Mono.
func Never[T any]() Mono[T] { return Mono[T]{pub: neverPublisher[T]{}} }

type neverPublisher[T any] struct{}

func (neverPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pull.Never[T](s)
}
