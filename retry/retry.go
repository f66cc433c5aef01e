// Package retry describes when and how fast a failing stream is retried:
// specs for operators.RetryWhen (flux.Flux.RetryWhen) after Reactor's
// reactor.util.retry.Retry.
//
//	flux.From(src).RetryWhen(
//		retry.Backoff(5, 100*time.Millisecond).MaxBackoff(5*time.Second).Jitter(0.5))
//
// A spec turns the stream of failures (operators.RetrySignal) into the
// stream of retries: each element it lets through resubscribes to the
// source after its delay; an error ends the stream. When the attempts are
// used up the stream ends with an *ExhaustedError wrapping the last
// failure, which matches ErrRetryExhausted with errors.Is.
package retry

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
)

// Signal is one failure of the retried source.
type Signal = operators.RetrySignal

// Spec generates the companion of a RetryWhen: given the failures, the
// publisher of retries.
type Spec interface {
	Companion(signals sluice.Publisher[Signal]) sluice.Publisher[Signal]
}

// Func adapts a function to a Spec.
type Func func(signals sluice.Publisher[Signal]) sluice.Publisher[Signal]

// Companion calls f.
func (f Func) Companion(signals sluice.Publisher[Signal]) sluice.Publisher[Signal] { return f(signals) }

// ErrRetryExhausted is matched (errors.Is) by the *ExhaustedError that ends
// a stream whose retries are used up.
var ErrRetryExhausted = errors.New("retries exhausted")

// ExhaustedError ends a stream whose retries are used up. It wraps the last
// failure: errors.Is and errors.As see both ErrRetryExhausted and it.
type ExhaustedError struct {
	// Attempts is the number of retries made.
	Attempts int64
	// Last is the failure that had no retry left.
	Last error
}

// Error describes the exhaustion and the last failure.
func (e *ExhaustedError) Error() string {
	return fmt.Sprintf("%v after %d attempts: %v", ErrRetryExhausted, e.Attempts, e.Last)
}

// Unwrap returns the last failure.
func (e *ExhaustedError) Unwrap() error { return e.Last }

// Is reports whether target is ErrRetryExhausted.
func (e *ExhaustedError) Is(target error) bool { return target == ErrRetryExhausted }

// BackoffSpec is an immutable retry spec: a maximum number of attempts, a
// delay before each (fixed or exponential with jitter), an optional filter
// and an optional scheduler. Each builder method returns a modified copy.
type BackoffSpec struct {
	max        int64
	min        time.Duration
	maxBackoff time.Duration
	jitter     float64
	fixed      bool
	transient  bool
	filter     func(error) bool
	sched      scheduler.Scheduler
}

// Backoff retries at most maxAttempts times with an exponential backoff:
// the n-th retry (from 0) waits minBackoff*2^n, capped by MaxBackoff (by
// default unbounded), randomised by Jitter (by default 0.5, as Reactor).
func Backoff(maxAttempts int64, minBackoff time.Duration) *BackoffSpec {
	return &BackoffSpec{max: maxAttempts, min: minBackoff, maxBackoff: math.MaxInt64, jitter: 0.5}
}

// FixedDelay retries at most maxAttempts times, each after delay.
func FixedDelay(maxAttempts int64, delay time.Duration) *BackoffSpec {
	return &BackoffSpec{max: maxAttempts, min: delay, maxBackoff: delay, fixed: true}
}

// Max retries at most maxAttempts times, at once.
func Max(maxAttempts int64) *BackoffSpec { return FixedDelay(maxAttempts, 0) }

func (s *BackoffSpec) copy() *BackoffSpec { c := *s; return &c }

// MaxBackoff caps the delay.
func (s *BackoffSpec) MaxBackoff(d time.Duration) *BackoffSpec {
	c := s.copy()
	c.maxBackoff = d
	return c
}

// Jitter sets the random share of each delay, from 0 (none) to 1: a delay
// d becomes a value in [d-f*d, d+f*d], kept within [minBackoff,
// MaxBackoff]. Values outside [0, 1] are clamped.
func (s *BackoffSpec) Jitter(f float64) *BackoffSpec {
	c := s.copy()
	c.jitter = min(max(f, 0), 1)
	return c
}

// Filter retries only failures for which pred reports true; any other
// failure ends the stream as is.
func (s *BackoffSpec) Filter(pred func(error) bool) *BackoffSpec {
	c := s.copy()
	c.filter = pred
	return c
}

// Transient counts attempts only since the source last emitted an element
// (TotalRetriesInARow), so a source that makes progress between failures
// is retried indefinitely.
func (s *BackoffSpec) Transient(on bool) *BackoffSpec {
	c := s.copy()
	c.transient = on
	return c
}

// Scheduler sets the scheduler the delays run on (default: a zero delay
// runs at once, others on operators.DefaultTimer).
func (s *BackoffSpec) Scheduler(sched scheduler.Scheduler) *BackoffSpec {
	c := s.copy()
	c.sched = sched
	return c
}

// Companion delays each failure by its backoff, or ends with the failure
// (filtered out) or an *ExhaustedError (no attempt left).
func (s *BackoffSpec) Companion(signals sluice.Publisher[Signal]) sluice.Publisher[Signal] {
	sched := s.sched
	if sched == nil && s.fixed && s.min <= 0 {
		sched = scheduler.Immediate()
	}
	return operators.DelayElementsBy(signals, s.Delay, sched)
}

// Delay returns the delay before the retry of sig, or the error that ends
// the stream instead.
func (s *BackoffSpec) Delay(sig Signal) (time.Duration, error) {
	if s.filter != nil && !s.filter(sig.Failure) {
		return 0, sig.Failure
	}
	n := sig.TotalRetries
	if s.transient {
		n = sig.TotalRetriesInARow
	}
	if n >= s.max {
		return 0, &ExhaustedError{Attempts: n, Last: sig.Failure}
	}
	if s.fixed {
		return s.min, nil
	}
	d := s.maxBackoff
	if n < 62 && s.min > 0 && s.min <= time.Duration(math.MaxInt64>>n) {
		d = min(s.min<<n, s.maxBackoff)
	}
	if s.jitter > 0 {
		off := float64(d) * s.jitter
		j := time.Duration((rand.Float64()*2 - 1) * off)
		d = min(max(d+j, s.min), s.maxBackoff)
	}
	return d, nil
}
