package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type emptyPublisher[T any] struct{}

func (emptyPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pull.Terminate[T](s, nil)
}

// Empty completes without emitting, right after OnSubscribe (without
// waiting for demand). A Request(n <= 0) made inside OnSubscribe ends it with
// an error wrapping sluice.ErrInvalidDemand instead, and a Cancel made there
// suppresses the completion.
func Empty[T any]() Flux[T] { return Flux[T]{pub: emptyPublisher[T]{}} }
