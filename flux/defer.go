package flux

import (
	"errors"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// ErrNilPublisher ends the subscription to a Defer whose supplier returned
// nil.
var ErrNilPublisher = errors.New("supplier returned a nil publisher")

type deferPublisher[T any] struct{ supplier func() sluice.Publisher[T] }

func (p deferPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	pub, err := p.supply()
	if err != nil {
		pull.Terminate[T](s, err)
		return
	}
	pub.Subscribe(s)
}

func (p deferPublisher[T]) supply() (pub sluice.Publisher[T], err error) {
	defer func() {
		if r := recover(); r != nil {
			pub, err = nil, sluice.NewPanicError(r)
		}
	}()
	pub = p.supplier()
	if pub == nil {
		return nil, ErrNilPublisher
	}
	return pub, nil
}

// Defer calls supplier once per subscription and subscribes to the
// publisher it returns, so that each subscriber gets a fresh source (state
// captured at subscription time rather than at assembly time). A panic in
// supplier ends that subscription with a *sluice.PanicError; a nil result
// ends it with ErrNilPublisher.
func Defer[T any](supplier func() sluice.Publisher[T]) Flux[T] {
	return Flux[T]{pub: deferPublisher[T]{supplier: supplier}}
}
