package operators

import "fmt"

// SignalType names a Reactive Streams signal.
type SignalType uint8

// The signal types.
const (
	SignalOnNext SignalType = iota + 1
	SignalOnError
	SignalOnComplete
	SignalCancel
)

// String returns the signal's Reactive Streams name.
func (t SignalType) String() string {
	switch t {
	case SignalOnNext:
		return "onNext"
	case SignalOnError:
		return "onError"
	case SignalOnComplete:
		return "onComplete"
	case SignalCancel:
		return "cancel"
	}
	return fmt.Sprintf("SignalType(%d)", uint8(t))
}

// Signal is a materialized signal: an element, an error or completion as a
// value (see Materialize and Dematerialize).
type Signal[T any] struct {
	Type  SignalType
	Value T     // set for SignalOnNext
	Err   error // set for SignalOnError
}

// String describes the signal.
func (s Signal[T]) String() string {
	switch s.Type {
	case SignalOnNext:
		return fmt.Sprintf("onNext(%v)", s.Value)
	case SignalOnError:
		return fmt.Sprintf("onError(%v)", s.Err)
	}
	return s.Type.String()
}
