package tck

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

// Environment variables read by the verifications (values in milliseconds).
// Explicit option fields win over them.
const (
	EnvDefaultTimeout   = "DEFAULT_TIMEOUT_MILLIS"
	EnvNoSignalsTimeout = "DEFAULT_NO_SIGNALS_TIMEOUT_MILLIS"
	EnvPollTimeout      = "DEFAULT_POLL_TIMEOUT_MILLIS"
	EnvGCTimeout        = "PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS"
)

// Defaults used when neither an option field nor an environment variable
// sets a timeout. They are larger than the JVM TCK's 100 ms so that a
// loaded CI machine running -race does not produce false failures; waits
// that expect *nothing* to happen use the shorter NoSignals timeout.
const (
	DefaultTimeout          = 1000 * time.Millisecond
	DefaultNoSignalsTimeout = 200 * time.Millisecond
	DefaultPollTimeout      = 10 * time.Millisecond
	DefaultGCTimeout        = 300 * time.Millisecond
)

// Timeouts are the waits of a verification. A zero field means: the
// environment variable, else the package default.
type Timeouts struct {
	// Default bounds every "wait until X happens" (DEFAULT_TIMEOUT_MILLIS).
	Default time.Duration
	// NoSignals is how long "nothing happens" is observed
	// (DEFAULT_NO_SIGNALS_TIMEOUT_MILLIS).
	NoSignals time.Duration
	// Poll is the polling interval while waiting for an expected error
	// (DEFAULT_POLL_TIMEOUT_MILLIS).
	Poll time.Duration
}

func envMillis(name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil && ms > 0 {
			return time.Duration(ms) * time.Millisecond
		}
	}
	return def
}

func (to Timeouts) resolve() Timeouts {
	if to.Default <= 0 {
		to.Default = envMillis(EnvDefaultTimeout, DefaultTimeout)
	}
	if to.NoSignals <= 0 {
		to.NoSignals = envMillis(EnvNoSignalsTimeout, DefaultNoSignalsTimeout)
	}
	if to.Poll <= 0 {
		to.Poll = envMillis(EnvPollTimeout, DefaultPollTimeout)
	}
	return to
}

// asyncFailure is one entry of the environment's failure list. Errors
// received through a TCK subscriber's OnError are entries too (received set),
// which is how expected errors are found.
type asyncFailure struct {
	err      error
	received bool
}

// env is the per-subtest test environment: timeouts, the asynchronous
// failure list and the cleanup actions.
type env struct {
	d, q, p time.Duration
	log     io.Writer
	x       *executor

	mu       sync.Mutex
	failures []asyncFailure
	cleanups []func()
}

func newEnv(to Timeouts, log io.Writer) *env {
	to = to.resolve()
	return &env{d: to.Default, q: to.NoSignals, p: to.Poll, log: log}
}

func (e *env) debugf(format string, args ...any) {
	if e.log != nil {
		fmt.Fprintf(e.log, format+"\n", args...)
	}
}

// fail aborts the test body (test goroutine only).
func (e *env) fail(format string, args ...any) {
	panic(abort{msg: fmt.Sprintf(format, args...)})
}

// skip aborts the test body with a skip (test goroutine only).
func (e *env) skip(format string, args ...any) {
	panic(abort{msg: fmt.Sprintf(format, args...), skip: true})
}

// flop records an asynchronous failure; safe from any goroutine.
func (e *env) flop(format string, args ...any) {
	err := fmt.Errorf(format, args...)
	e.debugf("flop: %v", err)
	e.mu.Lock()
	e.failures = append(e.failures, asyncFailure{err: err})
	e.mu.Unlock()
}

// received records an error delivered through OnError to a TCK subscriber.
func (e *env) received(err error) {
	e.debugf("onError: %v", err)
	e.mu.Lock()
	e.failures = append(e.failures, asyncFailure{err: err, received: true})
	e.mu.Unlock()
}

func (e *env) first() (asyncFailure, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.failures) == 0 {
		return asyncFailure{}, false
	}
	return e.failures[0], true
}

// drop removes and returns the first recorded failure.
func (e *env) drop() (asyncFailure, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.failures) == 0 {
		return asyncFailure{}, false
	}
	f := e.failures[0]
	e.failures = e.failures[1:]
	return f, true
}

func (f asyncFailure) String() string {
	if f.received {
		return fmt.Sprintf("unexpected onError: %v", f.err)
	}
	return f.err.Error()
}

// verifyNoAsyncErrorsNoDelay fails the test with the first recorded failure.
func (e *env) verifyNoAsyncErrorsNoDelay() {
	if f, ok := e.first(); ok {
		e.mu.Lock()
		n := len(e.failures)
		e.mu.Unlock()
		if n > 1 {
			e.fail("async failure (1 of %d): %v", n, f)
		}
		e.fail("async failure: %v", f)
	}
}

// verifyNoAsyncErrors checks, waits the no-signals timeout and checks again.
func (e *env) verifyNoAsyncErrors() {
	e.verifyNoAsyncErrorsNoDelay()
	e.wait(e.q)
	e.verifyNoAsyncErrorsNoDelay()
}

// wait blocks the test goroutine for d (an observation window, not
// synchronisation).
func (e *env) wait(d time.Duration) {
	tm := time.NewTimer(d)
	<-tm.C
}

// expectError polls the failure list (every p, up to d) for the first entry
// and requires it to be an error received through OnError that matches.
func (e *env) expectError(match func(error) bool, what string) error {
	deadline := time.Now().Add(e.d)
	for {
		if f, ok := e.drop(); ok {
			if !f.received {
				e.fail("expected onError(%s) but found a failure first: %v", what, f)
			}
			if !match(f.err) {
				e.fail("expected onError(%s) but got onError(%v)", what, f.err)
			}
			return f.err
		}
		if !time.Now().Before(deadline) {
			e.fail("expected onError(%s) within %v but none arrived", what, e.d)
		}
		e.wait(min(e.p, time.Until(deadline)+time.Millisecond))
	}
}

// onCleanup registers an action run after the test body (in reverse order).
func (e *env) onCleanup(f func()) {
	e.mu.Lock()
	e.cleanups = append(e.cleanups, f)
	e.mu.Unlock()
}

func (e *env) cleanup() {
	e.mu.Lock()
	cs := e.cleanups
	e.cleanups = nil
	e.mu.Unlock()
	for i := len(cs) - 1; i >= 0; i-- {
		func() {
			defer func() { _ = recover() }()
			cs[i]()
		}()
	}
}

// errHung is reported when a call into the implementation does not return.
var errHung = errors.New("did not return")

// call runs f — a call into the implementation under test — on a watchdog
// goroutine and waits up to d for it to return. A panic in f or a call
// that hangs fails the test. It returns the recovered panic value when
// allowPanic is set (used by tests that expect a panic).
func (e *env) call(what string, f func()) {
	if r := e.callRecover(what, f); r != nil {
		e.fail("%s panicked: %v", what, r)
	}
}

type panicked struct {
	v     any
	stack []byte
}

func (p *panicked) String() string { return fmt.Sprintf("%v\n%s", p.v, p.stack) }

// callRecover is call that returns a panic instead of failing on it.
func (e *env) callRecover(what string, f func()) *panicked {
	done := make(chan *panicked, 1)
	go func() {
		var p *panicked
		defer func() {
			if r := recover(); r != nil {
				p = &panicked{v: r, stack: debug.Stack()}
			}
			done <- p
		}()
		f()
	}()
	tm := time.NewTimer(e.d)
	defer tm.Stop()
	select {
	case p := <-done:
		return p
	case <-tm.C:
		e.fail("%s %v within %v (rules 1.9, 2.13, 3.4, 3.5: calls must return promptly)", what, errHung, e.d)
		return nil
	}
}

// executor returns the environment's goroutine owner for helper publishers;
// it is closed (waiting for its goroutines) after every other cleanup.
func (e *env) executor() *executor {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.x == nil {
		e.x = &executor{}
		x := e.x
		e.cleanups = append([]func(){x.close}, e.cleanups...)
	}
	return e.x
}

// helper returns a new helper publisher of n elements, cancelled when the
// test ends.
func helper[T any](e *env, n int64, create func(int) T) *helperPublisher[T] {
	p := newHelperPublisher(e.executor(), n, create)
	e.onCleanup(p.cancelAll)
	return p
}
