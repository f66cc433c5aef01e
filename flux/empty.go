package flux

import "github.com/sluicego/sluice"

type emptyPublisher[T any] struct{}

type noopSubscription struct{}

func (noopSubscription) Request(int64) {}
func (noopSubscription) Cancel()       {}

func (emptyPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s.OnSubscribe(noopSubscription{})
	s.OnComplete()
}

// Empty completes without emitting.
func Empty[T any]() Flux[T] { return Flux[T]{pub: emptyPublisher[T]{}} }
