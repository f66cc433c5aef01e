package pull

import "github.com/sluicego/sluice"

// OnSubscribe calls down.OnSubscribe(s) and reports whether it returned
// normally. A panic there (rule 2.13) counts as cancellation: s.Cancel is
// called, the subscriber gets no further signal from a subscription that
// honours its Cancel, and the panic goes to sluice.ErrorDropped as a
// *sluice.PanicError (a runtime.Goexit goes on unwinding after the Cancel).
// Sources that are not driven by a Subscription of this package (Never,
// mono.Create, mono.FromFunc, mono.FromChannel) call it so that a crashing
// subscriber never makes Subscribe panic.
func OnSubscribe[T any](down sluice.Subscriber[T], s sluice.Subscription) (ok bool) {
	defer func() {
		if ok {
			return
		}
		r := recover()
		s.Cancel()
		if r != nil { // nil: runtime.Goexit, which goes on unwinding
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	down.OnSubscribe(s)
	return true
}
