package flux

import "github.com/sluicego/sluice"

type neverPublisher[T any] struct{}

func (neverPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s.OnSubscribe(noopSubscription{})
}

// Never calls OnSubscribe and then nothing else, ever. It holds no
// goroutine and no resource; cancelling it is a no-op.
func Never[T any]() Flux[T] { return Flux[T]{pub: neverPublisher[T]{}} }
