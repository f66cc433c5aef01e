package scheduler

import (
	"fmt"
	"runtime"
	"time"

	"github.com/sluicego/sluice"
)

// Option configures a scheduler constructor. Each constructor accepts only
// the options that mean something to it and panics on any other, so that no
// option is silently ignored:
//
//	option            Single  Parallel  BoundedElastic  Virtual
//	WithName            x        x            x            x
//	WithErrorHook       x        x            x            x
//	WithQueueCap        x        x            x
//	WithParallelism              x
//	WithMaxThreads                            x
//	WithTTL                                   x
//	WithStart                                              x
type Option func(*config)

type optionKind uint8

const (
	optName optionKind = 1 << iota
	optHook
	optQueueCap
	optParallelism
	optMaxThreads
	optTTL
	optStart
)

var optionNames = map[optionKind]string{
	optName:        "WithName",
	optHook:        "WithErrorHook",
	optQueueCap:    "WithQueueCap",
	optParallelism: "WithParallelism",
	optMaxThreads:  "WithMaxThreads",
	optTTL:         "WithTTL",
	optStart:       "WithStart",
}

type config struct {
	set         optionKind
	name        string
	hook        func(error)
	queueCap    int
	parallelism int
	maxThreads  int
	ttl         time.Duration
	start       time.Time
}

// WithName names the scheduler: the name appears in rejection errors and as
// the "sluice.scheduler" pprof label of its goroutines.
func WithName(name string) Option {
	return func(c *config) { c.set |= optName; c.name = name }
}

// WithErrorHook sets the function that receives panics raised by tasks
// (as *sluice.PanicError) and rejections (errors wrapping ErrRejected). It
// is called on the goroutine where the event happened and must not block.
// The default is sluice.ErrorDropped.
func WithErrorHook(hook func(error)) Option {
	return func(c *config) { c.set |= optHook; c.hook = hook }
}

// WithQueueCap bounds the number of pending tasks (immediate, delayed and
// periodic) per goroutine; a task beyond it is rejected with ErrRejected.
// n must be positive. Single and Parallel are unbounded by default;
// BoundedElastic defaults to 100000 per goroutine, as Reactor does.
func WithQueueCap(n int) Option {
	return func(c *config) { c.set |= optQueueCap; c.queueCap = n }
}

// WithParallelism sets the number of serial workers of a Parallel scheduler
// (default runtime.GOMAXPROCS(0)). n must be positive.
func WithParallelism(n int) Option {
	return func(c *config) { c.set |= optParallelism; c.parallelism = n }
}

// WithMaxThreads caps the goroutines of a BoundedElastic scheduler
// (default 10*runtime.GOMAXPROCS(0)). n must be positive.
func WithMaxThreads(n int) Option {
	return func(c *config) { c.set |= optMaxThreads; c.maxThreads = n }
}

// WithTTL sets how long a BoundedElastic goroutine stays idle before it
// retires (default 60s). d must be positive.
func WithTTL(d time.Duration) Option {
	return func(c *config) { c.set |= optTTL; c.ttl = d }
}

// WithStart sets the initial time of a Virtual scheduler (default
// time.Unix(0, 0).UTC()).
func WithStart(t time.Time) Option {
	return func(c *config) { c.set |= optStart; c.start = t }
}

// newConfig applies opts over the defaults and panics on an option that
// the constructor kind does not accept or on an invalid value.
func newConfig(kind string, allowed optionKind, opts []Option) config {
	c := config{
		name:        kind,
		hook:        defaultHook,
		parallelism: defaultParallelism(),
		maxThreads:  10 * runtime.GOMAXPROCS(0),
		ttl:         60 * time.Second,
		start:       time.Unix(0, 0).UTC(),
	}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	for k, n := range optionNames {
		if c.set&k != 0 && allowed&k == 0 {
			panic(fmt.Sprintf("scheduler: %s does not apply to %s", n, kind))
		}
	}
	if c.hook == nil {
		c.hook = defaultHook
	}
	switch {
	case c.set&optQueueCap != 0 && c.queueCap <= 0:
		panic(fmt.Sprintf("scheduler: WithQueueCap(%d): must be positive", c.queueCap))
	case c.parallelism <= 0:
		panic(fmt.Sprintf("scheduler: WithParallelism(%d): must be positive", c.parallelism))
	case c.maxThreads <= 0:
		panic(fmt.Sprintf("scheduler: WithMaxThreads(%d): must be positive", c.maxThreads))
	case c.ttl <= 0:
		panic(fmt.Sprintf("scheduler: WithTTL(%v): must be positive", c.ttl))
	}
	return c
}

// report hands err to hook; a panicking hook is itself reported to
// sluice.ErrorDropped rather than killing a scheduler goroutine.
func report(hook func(error), err error) {
	defer func() {
		if r := recover(); r != nil {
			sluice.ErrorDropped(sluice.NewPanicError(r))
		}
	}()
	hook(err)
}

func rejectedDisposed(name string) error {
	return fmt.Errorf("%w: %s is disposed", ErrRejected, name)
}

func rejectedFull(name string, n int) error {
	return fmt.Errorf("%w: %s queue is full (%d tasks)", ErrRejected, name, n)
}

// defaultHook forwards to sluice.ErrorDropped, read at call time so that
// SetDroppedHooks applies to schedulers created earlier.
func defaultHook(err error) { sluice.ErrorDropped(err) }

func defaultParallelism() int { return runtime.GOMAXPROCS(0) }
