package tck_test

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sluicego/sluice/tck"
)

// result is the outcome of one recorded subtest.
type result struct {
	failed, skipped bool
	msg             string
}

// recorder is a tck.T (and tck.Runner) that records subtest outcomes
// instead of failing the real test.
type recorder struct {
	t    *testing.T
	name string
	only map[string]bool // nil: run every subtest

	mu       sync.Mutex
	failed   bool
	skipped  bool
	msgs     []string
	cleanups []func()
	results  map[string]result
}

func newRecorder(t *testing.T, only ...string) *recorder {
	r := &recorder{t: t, name: t.Name(), results: map[string]result{}}
	if len(only) > 0 {
		r.only = map[string]bool{}
		for _, n := range only {
			r.only[n] = true
		}
	}
	return r
}

func (r *recorder) Helper()      {}
func (r *recorder) Name() string { return r.name }
func (r *recorder) Logf(format string, args ...any) {
	r.mu.Lock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}
func (r *recorder) Errorf(format string, args ...any) {
	r.Logf(format, args...)
	r.mu.Lock()
	r.failed = true
	r.mu.Unlock()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Skipf(format string, args ...any) {
	r.Logf(format, args...)
	r.mu.Lock()
	r.skipped = true
	r.mu.Unlock()
	runtime.Goexit()
}
func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}
func (r *recorder) Cleanup(f func()) {
	r.mu.Lock()
	r.cleanups = append(r.cleanups, f)
	r.mu.Unlock()
}

// Run runs f as a subtest on its own goroutine, like testing.T.Run.
func (r *recorder) Run(name string, f func(tck.T)) bool {
	if r.only != nil && !r.only[name] {
		return true
	}
	child := &recorder{t: r.t, name: r.name + "/" + name}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			for i := len(child.cleanups) - 1; i >= 0; i-- {
				child.cleanups[i]()
			}
		}()
		f(child)
	}()
	<-done
	res := result{failed: child.failed, skipped: child.skipped, msg: strings.Join(child.msgs, "\n")}
	r.mu.Lock()
	r.results[name] = res
	r.mu.Unlock()
	return !res.failed
}

// names returns the recorded subtests matching pred, sorted.
func (r *recorder) names(pred func(result) bool) []string {
	var out []string
	for n, res := range r.results {
		if pred(res) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func (r *recorder) failedNames() []string { return r.names(func(x result) bool { return x.failed }) }

// requireAllRequiredPass fails t if a required_ (or unprefixed) subtest
// failed or was skipped for a reason other than a precondition.
func (r *recorder) requireAllPass(t *testing.T) {
	t.Helper()
	for n, res := range r.results {
		if res.failed {
			t.Errorf("%s failed:\n%s", n, res.msg)
		}
	}
}
