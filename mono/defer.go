package mono

import (
	"errors"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

// errNilSupplier is the panic value of Defer(nil).
var errNilSupplier = errors.New("mono.Defer: nil supplier")

type deferPublisher[T any] struct{ supplier func() Mono[T] }

func (p deferPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	m, err := p.supply()
	if err != nil {
		pull.Terminate[T](s, err)
		return
	}
	m.Subscribe(s)
}

func (p deferPublisher[T]) supply() (m Mono[T], err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return p.supplier(), nil
}

// Defer calls supplier once per subscription and subscribes to the Mono it
// returns. It takes a func() Mono[T] rather than a publisher so that the
// 0..1 guarantee holds by type; wrap another publisher with From. A panic in
// supplier ends that subscription with a *sluice.PanicError.
func Defer[T any](supplier func() Mono[T]) Mono[T] {
	if supplier == nil {
		panic(errNilSupplier)
	}
	return Mono[T]{pub: deferPublisher[T]{supplier: supplier}}
}
