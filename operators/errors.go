package operators

import "errors"

var (
	// ErrNoElements ends a stream that needed an element and got none
	// (Last, Single, Reduce without seed is not affected: it completes
	// empty). It plays the role of Reactor's NoSuchElementException.
	ErrNoElements = errors.New("source emitted no element")

	// ErrTooManyElements ends a Single whose source emitted more than one
	// element.
	ErrTooManyElements = errors.New("source emitted more than one element")

	// ErrIndexOutOfRange ends an ElementAt whose source completed before
	// reaching the index.
	ErrIndexOutOfRange = errors.New("source completed before the index")

	// ErrSinkNextTwice ends a Handle whose handler called Next twice for
	// one element.
	ErrSinkNextTwice = errors.New("handle: Next called twice for one element")
)
