package tck

import (
	"fmt"
	"runtime/debug"
	"testing"
)

// T is the part of *testing.T the verifications use. *testing.T implements
// it; so can a test double (see Runner), which is how the TCK's own tests
// observe a verification failing without failing themselves.
type T interface {
	Helper()
	Name() string
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Failed() bool
	Cleanup(func())
}

// Runner is implemented by a T that is not a *testing.T but can run named
// subtests. Run must call f with a fresh T on a goroutine of its own (Fatalf
// and Skipf end that goroutine, as in package testing) and report whether
// the subtest passed.
type Runner interface {
	Run(name string, f func(T)) bool
}

// parallelT is implemented by *testing.T.
type parallelT interface{ Parallel() }

// run starts one subtest on t.
func run(t T, name string, f func(T)) {
	t.Helper()
	switch tt := t.(type) {
	case *testing.T:
		tt.Run(name, func(st *testing.T) { f(st) })
	case Runner:
		tt.Run(name, f)
	default:
		panic(fmt.Sprintf("tck: %T implements neither *testing.T nor tck.Runner", t))
	}
}

// kind is the JVM TCK's classification of a test method.
type kind int

const (
	required kind = iota
	optional
	stochastic
	untested
	mandatory // an unprefixed test that can never be skipped
)

// abort is the panic value a test body uses to stop on the test goroutine.
type abort struct {
	msg  string
	skip bool
}

// outcome of running one body.
type outcome struct {
	failed  bool
	skipped bool
	msg     string
}

// runBody runs body, turning aborts and stray panics into an outcome.
func runBody(body func()) (out outcome) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if a, ok := r.(abort); ok {
			out = outcome{failed: !a.skip, skipped: a.skip, msg: a.msg}
			return
		}
		out = outcome{failed: true, msg: fmt.Sprintf("unexpected panic on the test goroutine: %v\n%s", r, debug.Stack())}
	}()
	body()
	return outcome{}
}

// OptionalSkipPrefix starts the skip message of an optional test whose
// requirement the implementation does not meet.
const OptionalSkipPrefix = "does not implement this OPTIONAL requirement: "

// UntestedSkipPrefix starts the skip message of a rule the TCK cannot test.
const UntestedSkipPrefix = "untested: "

// report maps an outcome to t according to the test kind.
func report(t T, k kind, out outcome) {
	t.Helper()
	switch {
	case out.skipped:
		t.Skipf("%s", out.msg)
	case out.failed && k == optional:
		t.Skipf("%s%s", OptionalSkipPrefix, out.msg)
	case out.failed:
		t.Fatalf("%s", out.msg)
	}
}
