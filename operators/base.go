package operators

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// base is the state every single-upstream operator subscriber shares: its
// downstream, its upstream subscription and the done flag that guards the
// terminal state. Embedding it gives an operator Request and Cancel that
// forward upstream and OnError/OnComplete that honour done.
type base[R any] struct {
	down sluice.Subscriber[R]
	up   sluice.Subscription
	done bool
}

// setUp records the upstream subscription. A second subscription is
// cancelled (rule 2.5) and false is returned.
func (b *base[R]) setUp(s sluice.Subscription) bool {
	if s == nil {
		panic(fmt.Errorf("operators: %w", sluice.ErrNilSubscription))
	}
	if b.up != nil {
		s.Cancel()
		return false
	}
	b.up = s
	return true
}

// OnSubscribe records s and hands it downstream unchanged.
func (b *base[R]) OnSubscribe(s sluice.Subscription) {
	if b.setUp(s) {
		b.down.OnSubscribe(s)
	}
}

// Request forwards demand upstream.
func (b *base[R]) Request(n int64) { b.up.Request(n) }

// Cancel cancels upstream.
func (b *base[R]) Cancel() { b.up.Cancel() }

// OnError forwards err unless the subscriber is done.
func (b *base[R]) OnError(err error) {
	if b.done {
		sluice.ErrorDropped(err)
		return
	}
	b.done = true
	b.down.OnError(err)
}

// OnComplete forwards completion unless the subscriber is done.
func (b *base[R]) OnComplete() {
	if b.done {
		return
	}
	b.done = true
	b.down.OnComplete()
}

// fail cancels upstream and ends the stream with err (a panic in user code
// or an error raised by the operator itself).
func (b *base[R]) fail(err error) {
	if b.done {
		sluice.ErrorDropped(err)
		return
	}
	b.done = true
	b.up.Cancel()
	b.down.OnError(err)
}

// stop cancels upstream and completes (take, takeWhile, ...).
func (b *base[R]) stop() {
	if b.done {
		return
	}
	b.done = true
	b.up.Cancel()
	b.down.OnComplete()
}

// emit delivers v through TryOnNext when the downstream is conditional and
// reports whether it was taken.
func emit[R any](down sluice.Subscriber[R], cond fuse.Conditional[R], v R) bool {
	if cond != nil {
		return cond.TryOnNext(v)
	}
	down.OnNext(v)
	return true
}

func conditional[R any](s sluice.Subscriber[R]) fuse.Conditional[R] {
	c, _ := s.(fuse.Conditional[R])
	return c
}

func checkSubscriber[T any](s sluice.Subscriber[T]) {
	if s == nil {
		panic(fmt.Errorf("operators: %w", sluice.ErrNilSubscriber))
	}
}

// noop is the subscription handed to a subscriber that is terminated right
// away.
type noop struct{}

func (noop) Request(int64) {}
func (noop) Cancel()       {}

// completeNow and errorNow terminate a subscriber that has no upstream.
func completeNow[T any](s sluice.Subscriber[T]) {
	s.OnSubscribe(noop{})
	s.OnComplete()
}

func errorNow[T any](s sluice.Subscriber[T], err error) {
	s.OnSubscribe(noop{})
	s.OnError(err)
}

// describe names an operator after its parent for String methods.
func describe[T any](parent sluice.Publisher[T], op string) string {
	return nameOf(parent) + "." + op
}

// nameOf names a publisher: its String method, else the one of the
// publisher under its facades, else its type.
func nameOf[T any](p sluice.Publisher[T]) string {
	if s, ok := p.(fmt.Stringer); ok {
		return s.String()
	}
	u := fuse.Unwrap(p)
	if s, ok := u.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", u)
}
