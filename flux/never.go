package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type neverPublisher[T any] struct{}

func (neverPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pull.Never[T](s)
}

// Never calls OnSubscribe and then nothing else (except the error that an
// invalid Request calls for). It holds no goroutine and no resource.
func Never[T any]() Flux[T] { return Flux[T]{pub: neverPublisher[T]{}} }
