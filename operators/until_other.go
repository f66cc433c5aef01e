package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/serial"
)

// TakeUntilOther relays src until other emits an element or completes;
// then both are cancelled and the stream completes. An error of other ends
// the stream with that error. other is subscribed first, with unbounded
// demand; its signals may come from any goroutine.
func TakeUntilOther[T, U any](src sluice.Publisher[T], other sluice.Publisher[U]) sluice.Publisher[T] {
	return &untilOtherPublisher[T, U]{src: src, other: other, take: true}
}

// SkipUntilOther drops the elements of src until other emits an element or
// completes (other is then cancelled), and relays the rest. Each dropped
// element is replaced by a request for one more. An error of other ends the
// stream.
func SkipUntilOther[T, U any](src sluice.Publisher[T], other sluice.Publisher[U]) sluice.Publisher[T] {
	return &untilOtherPublisher[T, U]{src: src, other: other}
}

type untilOtherPublisher[T, U any] struct {
	src   sluice.Publisher[T]
	other sluice.Publisher[U]
	take  bool
}

func (p *untilOtherPublisher[T, U]) String() string {
	if p.take {
		return describe(p.src, "TakeUntilOther")
	}
	return describe(p.src, "SkipUntilOther")
}

func (p *untilOtherPublisher[T, U]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	u := &untilOther[T, U]{down: serial.New(s), take: p.take}
	u.down.OnSubscribe(u)
	p.other.Subscribe(&untilOtherGate[T, U]{u: u})
	if !u.done.Load() {
		p.src.Subscribe(&untilOtherMain[T, U]{u: u})
	}
}

// untilOther is the shared state and the downstream's subscription.
type untilOther[T, U any] struct {
	down  *serial.Subscriber[T]
	take  bool
	main  deferredSub
	other deferredSub
	open  atomic.Bool // skip mode: the gate opened
	done  atomic.Bool
}

func (u *untilOther[T, U]) Request(n int64) { u.main.Request(n) }

func (u *untilOther[T, U]) Cancel() {
	u.main.Cancel()
	u.other.Cancel()
}

// end terminates once, from either side.
func (u *untilOther[T, U]) end(err error) {
	if !u.done.CompareAndSwap(false, true) {
		if err != nil {
			sluice.ErrorDropped(err)
		}
		return
	}
	u.Cancel()
	if err != nil {
		u.down.OnError(err)
	} else {
		u.down.OnComplete()
	}
}

type untilOtherGate[T, U any] struct {
	u    *untilOther[T, U]
	seen bool
}

func (g *untilOtherGate[T, U]) OnSubscribe(s sluice.Subscription) {
	g.u.other.set(s)
	s.Request(sluice.Unbounded)
}

func (g *untilOtherGate[T, U]) OnNext(U) { g.fire() }

func (g *untilOtherGate[T, U]) OnComplete() { g.fire() }

func (g *untilOtherGate[T, U]) fire() {
	if g.seen {
		return
	}
	g.seen = true
	if g.u.take {
		g.u.end(nil)
		return
	}
	g.u.open.Store(true)
	g.u.other.Cancel()
}

func (g *untilOtherGate[T, U]) OnError(err error) {
	if g.seen {
		sluice.ErrorDropped(err)
		return
	}
	g.seen = true
	g.u.end(err)
}

type untilOtherMain[T, U any] struct {
	u *untilOther[T, U]
}

func (m *untilOtherMain[T, U]) OnSubscribe(s sluice.Subscription) { m.u.main.set(s) }

func (m *untilOtherMain[T, U]) OnNext(v T) {
	u := m.u
	if u.done.Load() {
		sluice.NextDropped(v)
		return
	}
	if !u.take && !u.open.Load() {
		u.main.Request(1)
		return
	}
	u.down.OnNext(v)
}

func (m *untilOtherMain[T, U]) OnError(err error) { m.u.end(err) }

func (m *untilOtherMain[T, U]) OnComplete() { m.u.end(nil) }
