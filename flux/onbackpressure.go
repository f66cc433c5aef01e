package flux

import "github.com/sluicego/sluice/operators"

// BufferOverflow chooses what OnBackpressureBuffer does when its buffer is
// full (see operators.BufferOverflow).
type BufferOverflow = operators.BufferOverflow

// The overflow strategies of OnBackpressureBuffer (Create has its own,
// OverflowStrategy).
const (
	// BufferOverflowError cancels the source and fails with
	// operators.ErrOverflow after the buffered elements.
	BufferOverflowError = operators.OverflowError
	// BufferDropLatest drops the arriving element.
	BufferDropLatest = operators.OverflowDropLatest
	// BufferDropOldest drops the oldest buffered element to make room.
	BufferDropOldest = operators.OverflowDropOldest
)

// OnBackpressureBuffer requests everything from f and buffers up to maxSize
// elements not yet requested downstream (maxSize <= 0: unbounded); strategy
// and onOverflow (may be nil) decide about overflow.
func (f Flux[T]) OnBackpressureBuffer(maxSize int, strategy BufferOverflow, onOverflow func(T)) Flux[T] {
	return Flux[T]{pub: operators.OnBackpressureBuffer[T](f, maxSize, strategy, onOverflow)}
}

// OnBackpressureDrop requests everything from f and drops, to onDrop (may be
// nil), the elements that arrive without downstream demand.
func (f Flux[T]) OnBackpressureDrop(onDrop func(T)) Flux[T] {
	return Flux[T]{pub: operators.OnBackpressureDrop[T](f, onDrop)}
}

// OnBackpressureLatest requests everything from f and keeps only the latest
// element not yet requested downstream.
func (f Flux[T]) OnBackpressureLatest() Flux[T] {
	return Flux[T]{pub: operators.OnBackpressureLatest[T](f)}
}

// OnBackpressureError requests everything from f and fails with
// operators.ErrOverflow when an element arrives without downstream demand.
func (f Flux[T]) OnBackpressureError() Flux[T] {
	return Flux[T]{pub: operators.OnBackpressureError[T](f)}
}
