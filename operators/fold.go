package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// fold describes an aggregating operator that turns a stream of T into at
// most one R: Reduce, Count, CollectList, All, Any, Last, Single, ElementAt,
// Next, ... One engine (foldPublisher) runs every fold, fused when the source
// is a fuse.Seq and through an ordinary subscription otherwise.
type fold[T, A, R any] struct {
	name string
	// prefetch is the upstream request made at the first downstream
	// request: Unbounded for most folds, 1 for Next, i+1 for ElementAt(i).
	prefetch int64
	// init returns the initial accumulator of one subscription (may be nil
	// for the zero value). It may run user code.
	init func() A
	// step folds one element in; more == false stops the upstream early.
	// It may run user code.
	step func(acc A, v T) (next A, more bool)
	// reduce, when set, replaces step on the fused path for folds that
	// never stop early: one call less per element.
	reduce func(acc A, v T) A
	// loopInts, when set, runs the whole fold over a range → map
	// [→ filter] source in a loop of its own (see intLooper), in place of
	// reduceInts with reduce; stopped reports that stop was seen set.
	loopInts func(acc A, start, end int, fn func(int) T, pred func(T) bool, stop *atomic.Bool) (_ A, stopped bool)
	// finish turns the final accumulator into the result: has == false
	// completes empty, a non-nil err fails.
	finish func(acc A) (r R, has bool, err error)
}

func (f *fold[T, A, R]) initial() (A, error) {
	if f.init == nil {
		var zero A
		return zero, nil
	}
	ok := false
	var a A
	var err error
	func() {
		defer func() {
			if !ok {
				err = sluice.NewPanicError(recover())
			}
		}()
		a = f.init()
		ok = true
	}()
	return a, err
}

// foldPublisher is the publisher of a fold over a non-fusable source.
type foldPublisher[T, A, R any] struct {
	src  sluice.Publisher[T]
	spec *fold[T, A, R]
}

// foldSeq is the publisher of a fold over a fuse.Seq source; it is itself a
// fuse.Seq of at most one element.
type foldSeq[T, A, R any] struct {
	foldPublisher[T, A, R]
	seq fuse.Seq[T]
}

func newFold[T, A, R any](src sluice.Publisher[T], spec *fold[T, A, R]) sluice.Publisher[R] {
	p := foldPublisher[T, A, R]{src: src, spec: spec}
	if seq, ok := fuse.AsSeq(src); ok {
		return &foldSeq[T, A, R]{foldPublisher: p, seq: seq}
	}
	return &p
}

func (p *foldPublisher[T, A, R]) String() string { return describe(p.src, p.spec.name) }

func (p *foldPublisher[T, A, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	p.src.Subscribe(&foldSubscriber[T, A, R]{spec: p.spec, out: scalarOut[R]{down: s}})
}

// Subscribe runs the fused loop when the subscriber first requests.
func (p *foldSeq[T, A, R]) Subscribe(s sluice.Subscriber[R]) {
	checkSubscriber(s)
	s.OnSubscribe(&foldFused[T, A, R]{p: p, out: scalarOut[R]{down: s}})
}

// ForEach runs the source loop to the end and yields the result.
func (p *foldSeq[T, A, R]) ForEach(yield func(R) bool) (err error) {
	r, has, err := p.run(nil)
	if err == nil && has {
		yield(r)
	}
	return err
}

// run folds the whole source. A non-nil stop is polled (per element, or per
// stopCheckEvery range values in the one-loop path) so
// that a concurrent Cancel ends the loop.
func (p *foldSeq[T, A, R]) run(stop *atomic.Bool) (r R, has bool, err error) {
	defer recoverTo(&err)
	spec := p.spec
	acc, err := spec.initial()
	if err != nil {
		return r, false, err
	}
	if red := spec.reduce; red != nil {
		if l, ok := p.seq.(intLooper[T]); ok {
			if start, end, fn, pred, ok := l.intLoop(); ok {
				// range → map [→ filter] → reduce: one loop body.
				var stopped bool
				if spec.loopInts != nil {
					acc, stopped = spec.loopInts(acc, start, end, fn, pred, stop)
				} else {
					acc, stopped = reduceInts(acc, start, end, fn, pred, red, stop)
				}
				if stopped {
					return r, false, nil
				}
				return spec.finish(acc)
			}
		}
	}
	step := spec.step
	var yield func(T) bool
	if red := spec.reduce; red != nil {
		yield = func(v T) bool {
			acc = red(acc, v)
			return stop == nil || !stop.Load()
		}
	} else if stop == nil {
		yield = func(v T) bool {
			var more bool
			acc, more = step(acc, v)
			return more
		}
	} else {
		yield = func(v T) bool {
			if stop.Load() {
				return false
			}
			var more bool
			acc, more = step(acc, v)
			return more
		}
	}
	if err := p.seq.ForEach(yield); err != nil {
		return r, false, err
	}
	if stop != nil && stop.Load() {
		return r, false, nil
	}
	return spec.finish(acc)
}

// foldFused is the subscription of a fused fold: the loop runs on the
// goroutine of the first Request.
type foldFused[T, A, R any] struct {
	p       *foldSeq[T, A, R]
	out     scalarOut[R]
	stopped atomic.Bool
}

func (f *foldFused[T, A, R]) Request(n int64) {
	start, _ := f.out.request(n)
	if !start {
		return
	}
	r, has, err := f.p.run(&f.stopped)
	if f.stopped.Load() {
		return
	}
	if err != nil {
		f.out.fail(err)
		return
	}
	f.out.complete(r, has)
}

func (f *foldFused[T, A, R]) Cancel() {
	f.stopped.Store(true)
	f.out.cancel()
}

// foldSubscriber runs a fold over an ordinary subscription.
type foldSubscriber[T, A, R any] struct {
	spec *fold[T, A, R]
	out  scalarOut[R]
	up   sluice.Subscription
	acc  A
	done bool
}

func (f *foldSubscriber[T, A, R]) OnSubscribe(s sluice.Subscription) {
	if s == nil {
		panic(sluice.ErrNilSubscription)
	}
	if f.up != nil {
		s.Cancel()
		return
	}
	f.up = s
	acc, err := f.spec.initial()
	if err != nil {
		f.done = true
		s.Cancel()
		f.out.down.OnSubscribe(noop{})
		f.out.fail(err)
		return
	}
	f.acc = acc
	f.out.down.OnSubscribe(f)
}

func (f *foldSubscriber[T, A, R]) Request(n int64) {
	start, invalid := f.out.request(n)
	if invalid {
		f.up.Cancel()
	} else if start {
		f.up.Request(f.spec.prefetch)
	}
}

func (f *foldSubscriber[T, A, R]) Cancel() {
	f.out.cancel()
	f.up.Cancel()
}

func (f *foldSubscriber[T, A, R]) OnNext(v T) {
	if f.done {
		sluice.NextDropped(v)
		return
	}
	ok := false
	defer func() {
		if !ok {
			f.done = true
			f.up.Cancel()
			f.out.fail(sluice.NewPanicError(recover()))
		}
	}()
	acc, more := f.spec.step(f.acc, v)
	ok = true
	f.acc = acc
	if !more {
		f.up.Cancel()
		f.OnComplete()
	}
}

func (f *foldSubscriber[T, A, R]) OnError(err error) {
	if f.done {
		sluice.ErrorDropped(err)
		return
	}
	f.done = true
	f.out.fail(err)
}

func (f *foldSubscriber[T, A, R]) OnComplete() {
	if f.done {
		return
	}
	f.done = true
	var r R
	var has bool
	var err error
	if perr := try0(func() { r, has, err = f.spec.finish(f.acc) }); perr != nil {
		err = perr
	}
	var zero A
	f.acc = zero
	if err != nil {
		f.out.fail(err)
		return
	}
	f.out.complete(r, has)
}
