package operators

import (
	"errors"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/demand"
	"github.com/sluicego/sluice/internal/fuse"
)

// policy decides, for one subscription of a switching operator, what
// follows an upstream's terminal signal: another publisher to subscribe
// (next != nil), completion (nil, nil) or an error (nil, err). Its methods
// run on the signal side, serially, and may run user code.
type policy[T any] interface {
	complete(emitted bool) (next sluice.Publisher[T], err error)
	fail(err error) (next sluice.Publisher[T], ferr error)
}

// switchPublisher runs a policy: Concat, StartWith, SwitchIfEmpty,
// DefaultIfEmpty, OnErrorResume, OnErrorReturn, OnErrorComplete,
// OnErrorMap, Retry, Repeat, Then.
type switchPublisher[T any] struct {
	first  sluice.Publisher[T]
	policy func() policy[T]
	name   string
}

// switchSeq is a switchPublisher whose every possible upstream is a
// fuse.Seq, as its constructor established.
type switchSeq[T any] struct{ *switchPublisher[T] }

func newSwitch[T any](first sluice.Publisher[T], name string, fusable bool, p func() policy[T]) sluice.Publisher[T] {
	sp := &switchPublisher[T]{first: first, policy: p, name: name}
	if fusable {
		if _, ok := fuse.AsSeq(first); ok {
			return switchSeq[T]{sp}
		}
	}
	return sp
}

func (p *switchPublisher[T]) String() string { return describe(p.first, p.name) }

func (p *switchPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	sw := &switchSubscriber[T]{down: s, policy: p.policy()}
	s.OnSubscribe(sw)
	sw.subscribeNext(p.first)
}

// errNotFusable is returned if a policy of a fused switch yields a
// publisher that cannot run as a loop (a constructor bug).
var errNotFusable = errors.New("operators: fused switch met a non-fusable publisher")

// ForEach runs each upstream's loop in turn as the policy decides.
func (p switchSeq[T]) ForEach(yield func(T) bool) (err error) {
	defer recoverTo(&err)
	pol := p.policy()
	cur := p.first
	for {
		seq, ok := fuse.AsSeq(cur)
		if !ok {
			return errNotFusable
		}
		emitted, stopped := false, false
		err := seq.ForEach(func(v T) bool {
			emitted = true
			if !yield(v) {
				stopped = true
				return false
			}
			return true
		})
		if stopped {
			return nil
		}
		var next sluice.Publisher[T]
		var ferr error
		if err != nil {
			next, ferr = pol.fail(err)
		} else {
			next, ferr = pol.complete(emitted)
		}
		if next == nil {
			return ferr
		}
		cur = next
	}
}

type switchSubscriber[T any] struct {
	arbiter
	down    sluice.Subscriber[T]
	policy  policy[T]
	next    sluice.Publisher[T]
	wip     demand.WIP
	emitted bool
	done    bool
}

// subscribeNext subscribes to p, trampolined: a source that terminates
// synchronously inside Subscribe hands its successor to the loop below
// instead of deepening the stack.
func (s *switchSubscriber[T]) subscribeNext(p sluice.Publisher[T]) {
	s.next = p
	if !s.wip.Enter() {
		return
	}
	missed := int32(1)
	for {
		if p := s.next; p != nil {
			s.next = nil
			if s.isCancelled() {
				return
			}
			s.emitted = false
			p.Subscribe(s)
		}
		if missed = s.wip.Leave(missed); missed == 0 {
			return
		}
	}
}

func (s *switchSubscriber[T]) OnSubscribe(sub sluice.Subscription) {
	if sub == nil {
		panic(sluice.ErrNilSubscription)
	}
	s.set(sub)
}

func (s *switchSubscriber[T]) OnNext(v T) {
	if s.done {
		sluice.NextDropped(v)
		return
	}
	s.produced++
	s.emitted = true
	s.down.OnNext(v)
}

func (s *switchSubscriber[T]) OnError(err error) {
	if s.done {
		sluice.ErrorDropped(err)
		return
	}
	if s.badRequestError(err) {
		s.after(nil, err)
		return
	}
	var next sluice.Publisher[T]
	var ferr error
	if perr := try0(func() { next, ferr = s.policy.fail(err) }); perr != nil {
		ferr = errors.Join(err, perr)
		next = nil
	}
	s.after(next, ferr)
}

func (s *switchSubscriber[T]) OnComplete() {
	if s.done {
		return
	}
	var next sluice.Publisher[T]
	var ferr error
	if perr := try0(func() { next, ferr = s.policy.complete(s.emitted) }); perr != nil {
		next, ferr = nil, perr
	}
	s.after(next, ferr)
}

func (s *switchSubscriber[T]) after(next sluice.Publisher[T], err error) {
	switch {
	case next != nil:
		s.subscribeNext(next)
	case err != nil:
		s.done = true
		s.down.OnError(err)
	default:
		s.done = true
		s.down.OnComplete()
	}
}
