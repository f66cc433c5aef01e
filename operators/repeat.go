package operators

import (
	"fmt"

	"github.com/sluicego/sluice"
)

// Repeat relays src, then resubscribes to it n more times when it
// completes (n+1 subscriptions in all, as Reactor's repeat(n)).
// Resubscription is trampolined: a synchronous source repeated a million
// times does not grow the stack.
func Repeat[T any](src sluice.Publisher[T], n int64) sluice.Publisher[T] {
	return newSwitch(src, fmt.Sprintf("Repeat(%d)", n), true, func() policy[T] {
		return &repeatPolicy[T]{src: src, left: n}
	})
}

// RepeatWhile relays src and resubscribes each time it completes while
// pred returns true.
func RepeatWhile[T any](src sluice.Publisher[T], pred func() bool) sluice.Publisher[T] {
	return newSwitch(src, "RepeatWhile", true, func() policy[T] {
		return &repeatPolicy[T]{src: src, pred: pred}
	})
}

type repeatPolicy[T any] struct {
	src  sluice.Publisher[T]
	left int64
	pred func() bool
}

func (p *repeatPolicy[T]) complete(bool) (sluice.Publisher[T], error) {
	if p.pred != nil {
		if p.pred() {
			return p.src, nil
		}
		return nil, nil
	}
	if p.left <= 0 {
		return nil, nil
	}
	p.left--
	return p.src, nil
}

func (p *repeatPolicy[T]) fail(err error) (sluice.Publisher[T], error) { return nil, err }
