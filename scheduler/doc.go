// Package scheduler moves work between goroutines: it runs tasks now, later
// and periodically, and hands out Workers that run their tasks one at a time,
// in order.
//
// The schedulers follow Project Reactor's:
//
//   - Immediate runs a task on the goroutine that schedules it.
//   - NewSingle runs every task on one goroutine.
//   - NewParallel runs N serial workers (default GOMAXPROCS) for CPU-bound
//     work and spreads tasks over them round-robin.
//   - NewBoundedElastic runs blocking work on a capped pool of goroutines
//     (default 10*GOMAXPROCS), each with a bounded task queue (default
//     100000); idle goroutines retire after a TTL (default 60s).
//   - NewVirtual is a clock that tests advance by hand: tasks run on the
//     goroutine that calls Advance, so time operators are tested without
//     sleeping.
//
// Time operators read the time only through Scheduler.Now, so the same code
// runs on real time and on virtual time.
//
// A task that panics never kills the process: the panic is recovered, wrapped
// with sluice.NewPanicError and handed to the scheduler's error hook (by
// default sluice.ErrorDropped); the goroutine keeps serving. A periodic task
// that panics is cancelled. A task refused because its scheduler is disposed
// or (BoundedElastic) its queue is full is not run: the Schedule call returns
// an already-disposed Disposable and reports an error wrapping ErrRejected to
// the error hook.
//
// Delayed and periodic tasks use one timer per goroutine: a min-heap of due
// tasks drives a single time.Timer, so a million pending timeouts cost a
// million heap entries, not a million goroutines or runtime timers.
//
// Every scheduler can be disposed; Dispose cancels pending tasks, lets a
// running task finish, and stops the goroutines the scheduler started. It may
// be called from inside one of the scheduler's own tasks.
package scheduler
