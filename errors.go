package sluice

import (
	"errors"
	"fmt"
	"runtime/debug"
)

var (
	// ErrInvalidDemand is wrapped by the error that ends a stream after
	// Request(n) was called with n <= 0 (Reactive Streams rule 3.9).
	ErrInvalidDemand = errors.New("rule 3.9: non-positive subscription request")

	// ErrNilSubscriber is the panic value (wrapped) of Subscribe(nil) (rule 1.9).
	ErrNilSubscriber = errors.New("rule 1.9: subscriber is nil")

	// ErrNilSubscription is the panic value (wrapped) of OnSubscribe(nil) (rule 2.13).
	ErrNilSubscription = errors.New("rule 2.13: subscription is nil")

	// ErrNilError is the panic value (wrapped) of OnError(nil) (rule 2.13).
	ErrNilError = errors.New("rule 2.13: error is nil")

	// ErrAlreadySubscribed ends the subscription of a second subscriber to a
	// publisher that accepts only one (a unicast source or sink).
	ErrAlreadySubscribed = errors.New("publisher allows only one subscriber")

	// ErrCancelled is returned by blocking bridges whose subscription was
	// cancelled before a terminal signal arrived.
	ErrCancelled = errors.New("subscription cancelled")
)

// InvalidDemandError reports the offending value of a Request(n <= 0) call.
// It wraps ErrInvalidDemand.
type InvalidDemandError struct {
	// N is the argument of the invalid Request call.
	N int64
}

// Error describes the invalid request.
func (e *InvalidDemandError) Error() string {
	return fmt.Sprintf("%v: request(%d)", ErrInvalidDemand, e.N)
}

// Unwrap returns ErrInvalidDemand.
func (e *InvalidDemandError) Unwrap() error { return ErrInvalidDemand }

// NewInvalidDemandError returns the error that ends a stream after Request(n)
// with n <= 0.
func NewInvalidDemandError(n int64) error { return &InvalidDemandError{N: n} }

// PanicError is the error a stream ends with when user code (a mapper, a
// generator, a callback, a handler) panics. It carries the recovered value and
// the stack of the panicking goroutine.
type PanicError struct {
	// Value is the value passed to panic (a *runtime.PanicNilError for
	// panic(nil)).
	Value any
	// Stack is the stack of the panicking goroutine, as debug.Stack
	// formats it.
	Stack []byte
}

// NewPanicError wraps a value recovered from a panic, capturing the stack.
// Call it from the deferred function that recovered.
func NewPanicError(v any) *PanicError {
	if pe, ok := v.(*PanicError); ok {
		return pe
	}
	return &PanicError{Value: v, Stack: debug.Stack()}
}

// Error describes the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error, so errors.Is and
// errors.As see through a panic(err).
func (e *PanicError) Unwrap() error {
	if err, ok := e.Value.(error); ok {
		return err
	}
	return nil
}
