package sluice

// Publisher produces a possibly unbounded sequence of elements and delivers
// them to each Subscriber according to the demand that subscriber signals
// through its Subscription.
//
// Subscribe must call OnSubscribe on the subscriber before any other signal
// and must return normally. Subscribe(nil) panics with an error wrapping
// ErrNilSubscriber, which is the only case where Subscribe may panic.
type Publisher[T any] interface {
	Subscribe(Subscriber[T])
}

// Subscriber receives the signals of one subscription, serially: first
// OnSubscribe, then zero or more OnNext (never more than requested), then at
// most one of OnError or OnComplete.
type Subscriber[T any] interface {
	OnSubscribe(Subscription)
	OnNext(T)
	OnError(error)
	OnComplete()
}

// Subscription links one Subscriber to one Publisher. Request adds demand;
// Cancel asks the publisher to stop. Both are safe to call from any goroutine
// and from inside OnNext; after Cancel or a terminal signal both are no-ops.
//
// Request(n) with n <= 0 ends the stream with an error wrapping
// ErrInvalidDemand. Demand saturates at math.MaxInt64, which means unbounded.
type Subscription interface {
	Request(n int64)
	Cancel()
}

// Processor is both a Subscriber of T and a Publisher of R: a stage that
// transforms or relays the signals it receives.
type Processor[T, R any] interface {
	Subscriber[T]
	Publisher[R]
}

// Unbounded is the demand that asks for every element a publisher has.
const Unbounded int64 = 1<<63 - 1
