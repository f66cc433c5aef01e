package mono

import "github.com/sluicego/sluice"

// The deliver helpers call a subscriber's method on behalf of a source that
// has already ended its subscription. A panic raised by the subscriber itself
// (a rule 2.13 violation) must not reach whoever triggered the delivery (the
// goroutine calling Success or Request): it is reported to
// sluice.ErrorDropped and the subscription counts as cancelled, so nothing
// else is signalled.

// deliverValue signals v and then completion; it stops after a panic.
func deliverValue[T any](down sluice.Subscriber[T], v T) {
	defer recoverDropped()
	down.OnNext(v)
	down.OnComplete()
}

// deliverComplete signals completion.
func deliverComplete[T any](down sluice.Subscriber[T]) {
	defer recoverDropped()
	down.OnComplete()
}

// deliverError signals err.
func deliverError[T any](down sluice.Subscriber[T], err error) {
	defer recoverDropped()
	down.OnError(err)
}

func recoverDropped() {
	if r := recover(); r != nil {
		sluice.ErrorDropped(sluice.NewPanicError(r))
	}
}
