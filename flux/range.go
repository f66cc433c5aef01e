package flux

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/pull"
)

type rangePublisher struct{ start, count int }

type rangeSource struct{ next, end int }

func (r *rangeSource) Next() (int, bool, error) {
	if r.next == r.end {
		return 0, false, nil
	}
	v := r.next
	r.next++
	return v, true, nil
}

func (r *rangeSource) Exhausted() bool { return r.next == r.end }

func (p rangePublisher) Subscribe(s sluice.Subscriber[int]) {
	pull.Subscribe[int](s, &rangeSource{next: p.start, end: p.start + p.count})
}

// Range emits count consecutive integers starting at start, then completes.
// A negative count panics.
func Range(start, count int) Flux[int] {
	if count < 0 {
		panic("flux.Range: negative count")
	}
	return Flux[int]{pub: rangePublisher{start: start, count: count}}
}
