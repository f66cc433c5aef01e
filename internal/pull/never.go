package pull

import (
	"sync"

	"github.com/sluicego/sluice"
)

// Never signals OnSubscribe and then nothing else, except the error that an
// invalid Request calls for: Request(n <= 0) ends the stream with an error
// wrapping sluice.ErrInvalidDemand (rule 3.9), once. Cancel forgets the
// subscriber (rule 3.13). It holds no goroutine and no resource. It is the
// subscription of flux.Never and mono.Never. A panic in down.OnSubscribe does
// not leave Never: it cancels the subscription and goes to
// sluice.ErrorDropped (see OnSubscribe).
func Never[T any](down sluice.Subscriber[T]) {
	OnSubscribe[T](down, &neverSubscription[T]{down: down})
}

// neverSubscription ignores demand but still reports an invalid Request and
// forgets its subscriber on Cancel.
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
