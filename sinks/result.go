package sinks

import (
	"errors"
	"strconv"
)

// EmitResult is the immediate outcome of an emission attempt. It says whether
// the sink accepted the signal, not whether a subscriber has consumed it.
type EmitResult uint8

const (
	// EmitOK means the signal was accepted.
	EmitOK EmitResult = iota
	// EmitFailOverflow means the sink had no buffer room or no subscriber
	// with demand for the element.
	EmitFailOverflow
	// EmitFailTerminated means the sink was already completed or failed.
	EmitFailTerminated
	// EmitFailCancelled means the sink was shut down by its consumers (a
	// unicast subscriber cancelled, or the last multicast subscriber left).
	EmitFailCancelled
	// EmitFailZeroSubscriber means the element had nowhere to go: no
	// subscriber and no room to keep it until one arrives.
	EmitFailZeroSubscriber
)

var (
	// ErrOverflow is the error of EmitFailOverflow.
	ErrOverflow = errors.New("sinks: overflow: no buffer room or no demand")
	// ErrTerminated is the error of EmitFailTerminated.
	ErrTerminated = errors.New("sinks: sink already terminated")
	// ErrCancelled is the error of EmitFailCancelled; it also ends the
	// subscription of a subscriber that arrives after the sink was cancelled.
	ErrCancelled = errors.New("sinks: sink cancelled by its consumers")
	// ErrZeroSubscriber is the error of EmitFailZeroSubscriber.
	ErrZeroSubscriber = errors.New("sinks: no subscriber")
)

// String returns the name of the result.
func (r EmitResult) String() string {
	switch r {
	case EmitOK:
		return "EmitOK"
	case EmitFailOverflow:
		return "EmitFailOverflow"
	case EmitFailTerminated:
		return "EmitFailTerminated"
	case EmitFailCancelled:
		return "EmitFailCancelled"
	case EmitFailZeroSubscriber:
		return "EmitFailZeroSubscriber"
	}
	return "EmitResult(" + strconv.Itoa(int(r)) + ")"
}

// IsSuccess reports whether the signal was accepted.
func (r EmitResult) IsSuccess() bool { return r == EmitOK }

// IsFailure reports whether the signal was refused.
func (r EmitResult) IsFailure() bool { return r != EmitOK }

// Err returns nil for EmitOK and otherwise the sentinel error of the
// failure (ErrOverflow, ErrTerminated, ErrCancelled, ErrZeroSubscriber), so
// that callers can write
//
//	if err := s.TryEmitNext(v).Err(); errors.Is(err, sinks.ErrOverflow) { … }
func (r EmitResult) Err() error {
	switch r {
	case EmitOK:
		return nil
	case EmitFailOverflow:
		return ErrOverflow
	case EmitFailTerminated:
		return ErrTerminated
	case EmitFailCancelled:
		return ErrCancelled
	case EmitFailZeroSubscriber:
		return ErrZeroSubscriber
	}
	return errors.New("sinks: unknown emit result " + r.String())
}
