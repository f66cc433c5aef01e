package step

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/sluicego/sluice"
)

// DefaultTimeout bounds Verify: every expected signal must arrive before it
// runs out.
const DefaultTimeout = 5 * time.Second

// TB is the part of *testing.T the verifier uses; *testing.T and
// *testing.B implement it.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Clock is a virtual clock the verifier can advance, such as
// *scheduler.Virtual.
type Clock interface {
	Advance(d time.Duration)
}

// Option configures a Verifier.
type Option func(*config)

type config struct {
	initial int64
	clock   Clock
}

// WithInitialRequest sets the demand requested on subscription; 0 requests
// nothing (use ThenRequest). The default is unbounded.
func WithInitialRequest(n int64) Option { return func(c *config) { c.initial = n } }

// WithVirtualTime makes ExpectNoEvent and ThenAdvance advance clock
// instead of waiting in real time.
func WithVirtualTime(clock Clock) Option { return func(c *config) { c.clock = clock } }

// Verifier is a script of expectations about the signals a publisher sends
// to one subscriber. Build it with Create, chain steps, and run it with
// Verify. A Verifier runs its script once per Verify call, each time with a
// new subscription.
type Verifier[T any] struct {
	pub   sluice.Publisher[T]
	cfg   config
	steps []step[T]
}

// run context of one verification.
type run[T any] struct {
	rec      *recorder[T]
	deadline time.Time
	timeout  time.Duration
	clock    Clock
}

type step[T any] struct {
	desc string
	do   func(r *run[T]) error
}

// Create starts a script for pub. Nothing subscribes until Verify.
func Create[T any](pub sluice.Publisher[T], opts ...Option) *Verifier[T] {
	v := &Verifier[T]{pub: pub, cfg: config{initial: sluice.Unbounded}}
	for _, o := range opts {
		o(&v.cfg)
	}
	return v
}

func (v *Verifier[T]) add(desc string, do func(r *run[T]) error) *Verifier[T] {
	v.steps = append(v.steps, step[T]{desc: desc, do: do})
	return v
}

// expect waits for the next signal (consuming it).
func (r *run[T]) expect() (signal[T], error) {
	s, ok := r.rec.next(r.deadline)
	if !ok {
		return s, fmt.Errorf("no signal within %v", r.timeout)
	}
	return s, nil
}

func (r *run[T]) expectNext() (T, error) {
	s, err := r.expect()
	if err != nil {
		return s.v, err
	}
	if s.kind != kindNext {
		return s.v, fmt.Errorf("expected onNext but got %v", s)
	}
	return s.v, nil
}

func (r *run[T]) expectError() (error, error) {
	s, err := r.expect()
	if err != nil {
		return nil, err
	}
	if s.kind != kindError {
		return nil, fmt.Errorf("expected onError but got %v", s)
	}
	return s.err, nil
}

// ExpectSubscription expects OnSubscribe. Without it, the script starts by
// consuming OnSubscribe implicitly.
func (v *Verifier[T]) ExpectSubscription() *Verifier[T] {
	return v.add("ExpectSubscription()", func(r *run[T]) error {
		s, err := r.expect()
		if err != nil {
			return err
		}
		if s.kind != kindSubscribe {
			return fmt.Errorf("expected onSubscribe but got %v", s)
		}
		return nil
	})
}

// ExpectNext expects one OnNext per value, each equal (reflect.DeepEqual)
// to the value.
func (v *Verifier[T]) ExpectNext(vs ...T) *Verifier[T] {
	for i, want := range vs {
		desc := fmt.Sprintf("ExpectNext(%v)", want)
		if len(vs) > 1 {
			desc = fmt.Sprintf("ExpectNext(%v) [value %d of %d]", want, i+1, len(vs))
		}
		v.add(desc, func(r *run[T]) error {
			got, err := r.expectNext()
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				return fmt.Errorf("expected onNext(%v) but got onNext(%v)", want, got)
			}
			return nil
		})
	}
	return v
}

// ExpectNextCount expects n OnNext signals, whatever their values.
func (v *Verifier[T]) ExpectNextCount(n int64) *Verifier[T] {
	return v.add(fmt.Sprintf("ExpectNextCount(%d)", n), func(r *run[T]) error {
		for i := int64(0); i < n; i++ {
			if _, err := r.expectNext(); err != nil {
				return fmt.Errorf("after %d of %d elements: %w", i, n, err)
			}
		}
		return nil
	})
}

// ExpectNextMatches expects an OnNext whose value satisfies pred.
func (v *Verifier[T]) ExpectNextMatches(pred func(T) bool) *Verifier[T] {
	return v.add("ExpectNextMatches(pred)", func(r *run[T]) error {
		got, err := r.expectNext()
		if err != nil {
			return err
		}
		if !pred(got) {
			return fmt.Errorf("onNext(%v) does not match the predicate", got)
		}
		return nil
	})
}

// AssertNext expects an OnNext and passes its value to f, which may make
// assertions (on the test goroutine).
func (v *Verifier[T]) AssertNext(f func(T)) *Verifier[T] {
	return v.add("AssertNext(f)", func(r *run[T]) error {
		got, err := r.expectNext()
		if err != nil {
			return err
		}
		f(got)
		return nil
	})
}

// ConsumeNextWith is AssertNext under Reactor's other name.
func (v *Verifier[T]) ConsumeNextWith(f func(T)) *Verifier[T] { return v.AssertNext(f) }

// ThenConsumeWhile consumes OnNext signals while pred holds; the first
// element that does not match, or a terminal signal, stays for the next
// step.
func (v *Verifier[T]) ThenConsumeWhile(pred func(T) bool) *Verifier[T] {
	return v.add("ThenConsumeWhile(pred)", func(r *run[T]) error {
		for {
			s, ok := r.rec.peek(r.deadline)
			if !ok {
				return fmt.Errorf("no signal within %v", r.timeout)
			}
			if s.kind != kindNext || !pred(s.v) {
				return nil
			}
			r.rec.poll()
		}
	})
}

// ThenRequest requests n more elements.
func (v *Verifier[T]) ThenRequest(n int64) *Verifier[T] {
	return v.add(fmt.Sprintf("ThenRequest(%d)", n), func(r *run[T]) error {
		r.rec.request(n)
		return nil
	})
}

// ThenCancel cancels the subscription. Elements already in flight are
// tolerated afterwards (rule 1.8).
func (v *Verifier[T]) ThenCancel() *Verifier[T] {
	return v.add("ThenCancel()", func(r *run[T]) error {
		r.rec.cancel()
		return nil
	})
}

// Then runs f on the test goroutine (to emit into a sink, advance a clock,
// make assertions).
func (v *Verifier[T]) Then(f func()) *Verifier[T] {
	return v.add("Then(f)", func(r *run[T]) error {
		f()
		return nil
	})
}

// ThenAdvance advances the virtual clock by d (requires WithVirtualTime).
func (v *Verifier[T]) ThenAdvance(d time.Duration) *Verifier[T] {
	return v.add(fmt.Sprintf("ThenAdvance(%v)", d), func(r *run[T]) error {
		if r.clock == nil {
			return errors.New("ThenAdvance needs step.WithVirtualTime")
		}
		r.clock.Advance(d)
		return nil
	})
}

// ExpectNoEvent expects no signal during d: with a virtual clock the clock
// is advanced by d, otherwise the verifier waits d in real time.
func (v *Verifier[T]) ExpectNoEvent(d time.Duration) *Verifier[T] {
	return v.add(fmt.Sprintf("ExpectNoEvent(%v)", d), func(r *run[T]) error {
		if r.clock != nil {
			r.clock.Advance(d)
		} else {
			tm := time.NewTimer(d)
			<-tm.C
			r.deadline = r.deadline.Add(d) // the wait does not count against the timeout
		}
		if s, ok := r.rec.poll(); ok {
			return fmt.Errorf("expected no signal but got %v", s)
		}
		return nil
	})
}

// ExpectComplete expects OnComplete.
func (v *Verifier[T]) ExpectComplete() *Verifier[T] {
	return v.add("ExpectComplete()", func(r *run[T]) error {
		s, err := r.expect()
		if err != nil {
			return err
		}
		if s.kind != kindComplete {
			return fmt.Errorf("expected onComplete but got %v", s)
		}
		return nil
	})
}

// ExpectError expects OnError with any error.
func (v *Verifier[T]) ExpectError() *Verifier[T] {
	return v.add("ExpectError()", func(r *run[T]) error {
		_, err := r.expectError()
		return err
	})
}

// ExpectErrorIs expects OnError with an error e for which
// errors.Is(e, target) holds.
func (v *Verifier[T]) ExpectErrorIs(target error) *Verifier[T] {
	return v.add(fmt.Sprintf("ExpectErrorIs(%v)", target), func(r *run[T]) error {
		got, err := r.expectError()
		if err != nil {
			return err
		}
		if !errors.Is(got, target) {
			return fmt.Errorf("expected an error matching errors.Is(%v) but got onError(%v)", target, got)
		}
		return nil
	})
}

// ExpectErrorAs expects OnError with an error for which
// errors.As(err, target) holds; target is filled as errors.As does.
func (v *Verifier[T]) ExpectErrorAs(target any) *Verifier[T] {
	return v.add(fmt.Sprintf("ExpectErrorAs(%T)", target), func(r *run[T]) error {
		got, err := r.expectError()
		if err != nil {
			return err
		}
		if !errors.As(got, target) {
			return fmt.Errorf("expected an error assignable to %T but got onError(%v) (%T)", target, got, got)
		}
		return nil
	})
}

// ExpectErrorMatches expects OnError with an error satisfying pred.
func (v *Verifier[T]) ExpectErrorMatches(pred func(error) bool) *Verifier[T] {
	return v.add("ExpectErrorMatches(pred)", func(r *run[T]) error {
		got, err := r.expectError()
		if err != nil {
			return err
		}
		if !pred(got) {
			return fmt.Errorf("onError(%v) does not match the predicate", got)
		}
		return nil
	})
}

// ExpectErrorMessage expects OnError whose message contains substr.
func (v *Verifier[T]) ExpectErrorMessage(substr string) *Verifier[T] {
	return v.add(fmt.Sprintf("ExpectErrorMessage(%q)", substr), func(r *run[T]) error {
		got, err := r.expectError()
		if err != nil {
			return err
		}
		if !strings.Contains(got.Error(), substr) {
			return fmt.Errorf("expected an error message containing %q but got onError(%v)", substr, got)
		}
		return nil
	})
}

// Verify subscribes, runs the script within DefaultTimeout and fails t
// with the first unmet expectation or protocol violation.
func (v *Verifier[T]) Verify(t TB) {
	t.Helper()
	v.VerifyTimeout(t, DefaultTimeout)
}

// VerifyTimeout is Verify with an explicit overall timeout.
func (v *Verifier[T]) VerifyTimeout(t TB, d time.Duration) {
	t.Helper()
	if err := v.Run(d); err != nil {
		t.Fatalf("%v", err)
	}
}

// Run subscribes, runs the script within d and returns the first unmet
// expectation or protocol violation, nil when everything held.
func (v *Verifier[T]) Run(d time.Duration) error {
	rec := newRecorder[T](v.cfg.initial)
	r := &run[T]{rec: rec, deadline: time.Now().Add(d), timeout: d, clock: v.cfg.clock}
	defer func() {
		if _, _, terminated := rec.snapshot(); !terminated {
			rec.cancel()
		}
	}()
	v.pub.Subscribe(rec)
	steps, first := v.steps, 1
	if len(steps) == 0 || steps[0].desc != "ExpectSubscription()" {
		// Step 0 consumes OnSubscribe implicitly.
		steps = append([]step[T]{{desc: "(implicit) ExpectSubscription()", do: (&Verifier[T]{}).ExpectSubscription().steps[0].do}}, steps...)
		first = 0
	}
	for i, s := range steps {
		if err := s.do(r); err != nil {
			return v.failure(rec, i+first, s.desc, err)
		}
		if _, violations, _ := rec.snapshot(); len(violations) > 0 {
			return v.failure(rec, i+first, s.desc, errors.New("protocol violation: "+violations[0]))
		}
	}
	return nil
}

func (v *Verifier[T]) failure(rec *recorder[T], i int, desc string, err error) error {
	history, violations, _ := rec.snapshot()
	var b strings.Builder
	fmt.Fprintf(&b, "step %d %s: %v", i, desc, err)
	if len(violations) > 0 {
		fmt.Fprintf(&b, "\nprotocol violations: %s", strings.Join(violations, "; "))
	}
	b.WriteString("\nsignals received:")
	if len(history) == 0 {
		b.WriteString(" none")
	}
	for _, s := range history {
		b.WriteString(" ")
		b.WriteString(s.String())
	}
	return errors.New(b.String())
}
