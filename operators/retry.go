package operators

import (
	"fmt"

	"github.com/sluicego/sluice"
)

// Retry resubscribes to src when it fails, at most n times; the error of
// the last attempt ends the stream. Elements already relayed are not
// replayed: a retried source emits from its start again.
func Retry[T any](src sluice.Publisher[T], n int64) sluice.Publisher[T] {
	return RetryWhile(src, n, nil)
}

// RetryWhile is Retry that resubscribes only while match (if not nil)
// reports true for the error.
func RetryWhile[T any](src sluice.Publisher[T], n int64, match func(error) bool) sluice.Publisher[T] {
	return newSwitch(src, fmt.Sprintf("Retry(%d)", n), true, func() policy[T] {
		return &retryPolicy[T]{src: src, left: n, match: match}
	})
}

type retryPolicy[T any] struct {
	src   sluice.Publisher[T]
	left  int64
	match func(error) bool
}

func (p *retryPolicy[T]) complete(bool) (sluice.Publisher[T], error) { return nil, nil }

func (p *retryPolicy[T]) fail(err error) (sluice.Publisher[T], error) {
	if p.left <= 0 || (p.match != nil && !p.match(err)) {
		return nil, err
	}
	p.left--
	return p.src, nil
}
