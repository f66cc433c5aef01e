package tck

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Result is the outcome of one subtest run under a Recorder.
type Result struct {
	// Failed is set when the subtest called Errorf or Fatalf.
	Failed bool
	// Skipped is set when the subtest called Skipf (an untested rule, an
	// unmet precondition, an optional requirement not met).
	Skipped bool
	// Message joins everything the subtest logged, including the failure
	// or skip message.
	Message string
}

// Recorder is a T and a Runner that records the outcome of every subtest
// instead of failing the test that runs the verification. It is for tests
// of the TCK itself, inside this module or outside it: feed a deliberately
// broken publisher, subscriber or processor to a verification and assert
// that the subtest of the violated rule failed.
//
//	rec := tck.NewRecorder("required_spec306_afterSubscriptionIsCancelledRequestMustBeNops")
//	tck.VerifyPublisher(rec, tck.PublisherOptions[int]{Create: brokenCreate})
//	res, ok := rec.Result("required_spec306_afterSubscriptionIsCancelledRequestMustBeNops")
//	// ok && res.Failed: the TCK caught the bug
//
// Each subtest runs on a goroutine of its own and Run waits for it, as
// testing.T.Run does; Fatalf and Skipf end the calling goroutine. A Recorder
// is safe for concurrent use.
type Recorder struct {
	name   string
	only   map[string]bool // nil: run every subtest
	parent *Recorder

	mu       sync.Mutex
	failed   bool
	skipped  bool
	msgs     []string
	cleanups []func()
	results  map[string]Result
}

// NewRecorder returns a Recorder. With names, only the subtests with those
// names run; the others are left out of the results.
func NewRecorder(names ...string) *Recorder {
	r := &Recorder{name: "tck.Recorder", results: map[string]Result{}}
	if len(names) > 0 {
		r.only = map[string]bool{}
		for _, n := range names {
			r.only[n] = true
		}
	}
	return r
}

// Helper does nothing.
func (r *Recorder) Helper() {}

// Name returns the path of the (sub)test, parent names first.
func (r *Recorder) Name() string { return r.name }

// Logf records a message.
func (r *Recorder) Logf(format string, args ...any) {
	r.mu.Lock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

// Errorf records a message and marks the test (and its parents) failed.
func (r *Recorder) Errorf(format string, args ...any) {
	r.Logf(format, args...)
	r.markFailed()
}

func (r *Recorder) markFailed() {
	for x := r; x != nil; x = x.parent {
		x.mu.Lock()
		x.failed = true
		x.mu.Unlock()
	}
}

// Fatalf is Errorf followed by runtime.Goexit.
func (r *Recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// Skipf records a message, marks the test skipped and calls runtime.Goexit.
func (r *Recorder) Skipf(format string, args ...any) {
	r.Logf(format, args...)
	r.mu.Lock()
	r.skipped = true
	r.mu.Unlock()
	runtime.Goexit()
}

// Failed reports whether the test or one of its subtests failed.
func (r *Recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// Cleanup registers f. A subtest's functions run, last registered first,
// when the subtest ends; the top-level Recorder's run on Close.
func (r *Recorder) Cleanup(f func()) {
	r.mu.Lock()
	r.cleanups = append(r.cleanups, f)
	r.mu.Unlock()
}

// Close runs the functions registered with Cleanup on the top-level
// Recorder, last registered first.
func (r *Recorder) Close() { r.runCleanups() }

func (r *Recorder) runCleanups() {
	r.mu.Lock()
	fs := r.cleanups
	r.cleanups = nil
	r.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}

// Run runs f as the subtest name on a goroutine of its own, waits for it and
// records its Result. It reports whether the subtest passed (a skipped
// subtest passes). Subtests left out by NewRecorder's names are not run and
// report true.
func (r *Recorder) Run(name string, f func(T)) bool {
	if r.only != nil && !r.only[name] {
		return true
	}
	child := &Recorder{name: r.name + "/" + name, parent: r, results: map[string]Result{}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer child.runCleanups()
		f(child)
	}()
	<-done
	child.mu.Lock()
	res := Result{Failed: child.failed, Skipped: child.skipped, Message: strings.Join(child.msgs, "\n")}
	child.mu.Unlock()
	r.mu.Lock()
	r.results[name] = res
	r.mu.Unlock()
	return !res.Failed
}

// Result returns the outcome of the subtest name and whether it ran.
func (r *Recorder) Result(name string) (Result, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res, ok := r.results[name]
	return res, ok
}

// Results returns a copy of every recorded outcome by subtest name.
func (r *Recorder) Results() map[string]Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]Result, len(r.results))
	for n, res := range r.results {
		out[n] = res
	}
	return out
}

// FailedNames returns the names of the failed subtests, sorted.
func (r *Recorder) FailedNames() []string {
	return r.names(func(res Result) bool { return res.Failed })
}

// SkippedNames returns the names of the skipped subtests, sorted.
func (r *Recorder) SkippedNames() []string {
	return r.names(func(res Result) bool { return res.Skipped })
}

func (r *Recorder) names(pred func(Result) bool) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for n, res := range r.results {
		if pred(res) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

var (
	_ T      = (*Recorder)(nil)
	_ Runner = (*Recorder)(nil)
)
