package flux

import (
	"sync"

	"github.com/sluicego/sluice"
)

type neverPublisher[T any] struct{}

func (neverPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s.OnSubscribe(&neverSubscription[T]{down: s})
}

// neverSubscription ignores demand but still reports an invalid Request
// (rule 3.9) and forgets its subscriber on Cancel (rule 3.13).
type neverSubscription[T any] struct {
	mu   sync.Mutex
	down sluice.Subscriber[T]
}

func (n *neverSubscription[T]) Request(r int64) {
	if r > 0 {
		return
	}
	n.mu.Lock()
	d := n.down
	n.down = nil
	n.mu.Unlock()
	if d != nil {
		d.OnError(sluice.NewInvalidDemandError(r))
	}
}

func (n *neverSubscription[T]) Cancel() {
	n.mu.Lock()
	n.down = nil
	n.mu.Unlock()
}

// Never calls OnSubscribe and then nothing else (except the error that an
// invalid Request calls for). It holds no goroutine and no resource.
func Never[T any]() Flux[T] { return Flux[T]{pub: neverPublisher[T]{}} }
