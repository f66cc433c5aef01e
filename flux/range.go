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

// ForEach runs the range as a plain loop (see internal/fuse).
func (p rangePublisher) ForEach(yield func(int) bool) error {
	for v, end := p.start, p.start+p.count; v < end; v++ {
		if !yield(v) {
			return nil
		}
	}
	return nil
}

// IntRange reports the bounds of the range (fuse.IntRange).
func (p rangePublisher) IntRange() (start, end int) { return p.start, p.start + p.count }

// Range emits count consecutive integers starting at start, then completes.
// A negative count panics.
func Range(start, count int) Flux[int] {
	if count < 0 {
		panic("flux.Range: negative count")
	}
	return Flux[int]{pub: rangePublisher{start: start, count: count}}
}
