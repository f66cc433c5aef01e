package operators_test

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/pull"
	"github.com/sluicego/sluice/operators"
)

// Map+Filter subscribed directly to a pull source leaves the panic guard of
// its mapper and predicate to the pull drain loop (pull.Guarded): no defer
// per element. These tests pin down that a panic is still reported exactly
// as with the per-element guard.

// closingInts is a pull source of 0..n-1 that counts Close calls.
type closingInts struct {
	n      int
	closed atomic.Int32
}

type closingCursor struct {
	p *closingInts
	i int
}

func (c *closingCursor) Next() (int, bool, error) {
	if c.i == c.p.n {
		return 0, false, nil
	}
	c.i++
	return c.i - 1, true, nil
}

func (c *closingCursor) Close() { c.p.closed.Add(1) }

func (p *closingInts) Subscribe(s sluice.Subscriber[int]) {
	pull.Subscribe[int](s, &closingCursor{p: p})
}

func TestMapFilterGuardedByPullPanics(t *testing.T) {
	for _, where := range []string{"mapper", "predicate"} {
		for _, demand := range []struct {
			name             string
			initial, perNext int64
		}{{"request(1)", 1, 1}, {"unbounded", sluice.Unbounded, 0}} {
			t.Run(where+"/"+demand.name, func(t *testing.T) {
				src := &closingInts{n: 10}
				p := panickingMapFilter(src, where)
				r := subscribe(p, demand.initial, demand.perNext)
				assert.Equal(t, []int{0, 2}, r.values())
				var pe *sluice.PanicError
				require.ErrorAs(t, r.err, &pe)
				assert.Equal(t, where, pe.Value)
				assert.Equal(t, 1, r.terminals)
				assert.Equal(t, int32(1), src.closed.Load(), "upstream cancelled once")
				r.request(1) // after the end: nothing more
				assert.Equal(t, 1, r.terminals)
			})
		}
	}
}

func TestMapFilterGuardedByPullOverRange(t *testing.T) {
	p := flux.Map(flux.Range(0, 10), func(x int) int {
		if x == 7 {
			panic("seven")
		}
		return x * 2
	}).Filter(func(x int) bool { return x%3 == 0 })
	r := subscribe[int](p, 1, 1)
	assert.Equal(t, []int{0, 6, 12}, r.values())
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, "seven", pe.Value)
	assert.Equal(t, 1, r.terminals)
}

func TestMapFilterGuardedByPullDownstreamPanics(t *testing.T) {
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)

	// A panic in the downstream's OnNext is not the stage's to report
	// (rule 2.13): the subscription counts as cancelled, the panic is
	// dropped, no OnError.
	src := &closingInts{n: 10}
	r := &rec[int]{initial: 1, perNext: 1, onNext: func(r *rec[int]) {
		if len(r.items) == 2 {
			panic("downstream")
		}
	}}
	operators.Filter(operators.Map[int, int](src, func(x int) int { return x }), func(x int) bool { return x%2 == 0 }).Subscribe(r)
	assert.Equal(t, []int{0, 2}, r.values())
	assert.Zero(t, r.terminals)
	assert.Equal(t, int32(1), src.closed.Load())
	require.Len(t, dropped, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, dropped[0], &pe)
	assert.Equal(t, "downstream", pe.Value)

	// A panic in the downstream's OnError while the stage reports its
	// mapper's panic is dropped too, and the source is closed.
	dropped = nil
	src = &closingInts{n: 10}
	bad := &errPanics{}
	operators.Filter(operators.Map[int, int](src, func(x int) int {
		if x == 3 {
			panic("mapper")
		}
		return x
	}), func(int) bool { return true }).Subscribe(bad)
	assert.Equal(t, 3, bad.n)
	assert.Equal(t, int32(1), src.closed.Load())
	require.Len(t, dropped, 1)
	require.ErrorAs(t, dropped[0], &pe)
	assert.Equal(t, "in OnError", pe.Value)
	var mapperPanic *sluice.PanicError
	require.ErrorAs(t, bad.err, &mapperPanic)
	assert.Equal(t, "mapper", mapperPanic.Value)
}

// errPanics requests everything and panics in OnError.
type errPanics struct {
	n   int
	err error
}

func (e *errPanics) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (e *errPanics) OnNext(int)                        { e.n++ }
func (e *errPanics) OnError(err error)                 { e.err = err; panic("in OnError") }
func (e *errPanics) OnComplete()                       { panic(errors.New("unexpected completion")) }

// condRec is a conditional subscriber (fuse.Conditional) that takes only
// even values and requests everything.
type condRec struct {
	rec[int]
}

func (c *condRec) TryOnNext(v int) bool {
	if v%2 != 0 {
		return false
	}
	c.OnNext(v)
	return true
}

// Map alone and Filter alone use the same guard when subscribed directly to
// a pull source.
func TestMapAndFilterGuardedByPull(t *testing.T) {
	boomAt4 := func(x int) int {
		if x == 4 {
			panic("mapper")
		}
		return x
	}
	cases := []struct {
		name  string
		build func(src sluice.Publisher[int]) sluice.Publisher[int]
		cond  bool // subscribe a conditional subscriber
		want  []int
		panic string // "" when the stream completes
	}{
		{"map", func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.Map(src, boomAt4) }, false, []int{0, 1, 2, 3}, "mapper"},
		{"map, conditional downstream", func(src sluice.Publisher[int]) sluice.Publisher[int] { return operators.Map(src, boomAt4) }, true, []int{0, 2}, "mapper"},
		{"map completes", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Map(src, func(x int) int { return x * 3 })
		}, true, []int{0, 6, 12, 18, 24}, ""},
		{"filter", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Filter(src, func(x int) bool {
				if x == 7 {
					panic("predicate")
				}
				return x%3 == 0
			})
		}, false, []int{0, 3, 6}, "predicate"},
		{"filter then filter", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Filter(operators.Filter(src, func(x int) bool { return x%3 == 0 }), func(x int) bool { return x > 0 })
		}, false, []int{3, 6, 9}, ""},
		{"filter, conditional downstream", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return operators.Filter(src, func(x int) bool { return x > 3 })
		}, true, []int{4, 6, 8}, ""},
	}
	for _, c := range cases {
		for _, demand := range []struct {
			name             string
			initial, perNext int64
		}{{"request(1)", 1, 1}, {"unbounded", sluice.Unbounded, 0}} {
			t.Run(c.name+"/"+demand.name, func(t *testing.T) {
				src := &closingInts{n: 10}
				var r *rec[int]
				if c.cond {
					cr := &condRec{rec[int]{initial: demand.initial, perNext: demand.perNext}}
					c.build(src).Subscribe(cr)
					r = &cr.rec
				} else {
					r = subscribe(c.build(src), demand.initial, demand.perNext)
				}
				assert.Equal(t, c.want, r.values())
				assert.Equal(t, 1, r.terminals)
				if c.panic == "" {
					assert.True(t, r.completed)
					assert.NoError(t, r.err)
					return
				}
				var pe *sluice.PanicError
				require.ErrorAs(t, r.err, &pe)
				assert.Equal(t, c.panic, pe.Value)
				assert.Equal(t, int32(1), src.closed.Load(), "upstream cancelled once")
			})
		}
	}
}

func TestMapGuardedByPullDownstreamPanics(t *testing.T) {
	var dropped []error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
	defer sluice.SetDroppedHooks(prev)
	src := &closingInts{n: 10}
	r := &rec[int]{initial: sluice.Unbounded, onNext: func(r *rec[int]) {
		if len(r.items) == 3 {
			panic("downstream")
		}
	}}
	operators.Map[int, int](src, func(x int) int { return x }).Subscribe(r)
	assert.Equal(t, []int{0, 1, 2}, r.values())
	assert.Zero(t, r.terminals, "a downstream panic is not reported to it")
	assert.Equal(t, int32(1), src.closed.Load())
	require.Len(t, dropped, 1)
	var pe *sluice.PanicError
	require.ErrorAs(t, dropped[0], &pe)
	assert.Equal(t, "downstream", pe.Value)
}
