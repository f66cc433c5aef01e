package operators_test

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errBoomOps = errors.New("boom")

func TestMapNormalFlow(t *testing.T) {
	r := all(operators.Map(ints(4), func(x int) string { return string(rune('a' + x)) }))
	assert.Equal(t, []string{"a", "b", "c", "d"}, r.values())
	assert.True(t, r.completed)
	assert.Equal(t, 1, r.terminals)
}

func TestMapUpstreamError(t *testing.T) {
	r := all(operators.Map(failing(errBoomOps, 1, 2), func(x int) int { return x * 10 }))
	assert.Equal(t, []int{10, 20}, r.values())
	assert.ErrorIs(t, r.err, errBoomOps)
}

func TestMapPanicCancelsUpstream(t *testing.T) {
	src := ints(10)
	r := all(operators.Map(src, func(x int) int {
		if x == 2 {
			panic("bad")
		}
		return x
	}))
	assert.Equal(t, []int{0, 1}, r.values())
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, "bad", pe.Value)
	assert.Equal(t, int64(1), src.cancelled.Load())
	assert.Equal(t, 1, r.terminals)
}

func TestMapBoundedDemand(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.Map(src, func(x int) int { return x }), 3, 0)
	assert.Equal(t, []int{0, 1, 2}, r.values())
	assert.Equal(t, int64(3), src.requested.Load())
	r.request(2)
	assert.Equal(t, []int{0, 1, 2, 3, 4}, r.values())
	r.cancel()
	assert.Equal(t, int64(1), src.cancelled.Load())
	assert.False(t, r.completed)
}

func TestMapRequestOneFromOnNext(t *testing.T) {
	src := ints(1000)
	r := subscribe(operators.Map(src, func(x int) int { return x + 1 }), 1, 1)
	assert.Len(t, r.values(), 1000)
	assert.True(t, r.completed)
}

func TestMapEmpty(t *testing.T) {
	r := all(operators.Map(items[int](), func(x int) int { return x }))
	assert.Empty(t, r.values())
	assert.True(t, r.completed)
}

func TestMapFused(t *testing.T) {
	p := operators.Map(flux.Range(0, 5), func(x int) int { return x * x })
	seq, ok := fuse.AsSeq(p)
	require.True(t, ok)
	var got []int
	require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return len(got) < 3 }))
	assert.Equal(t, []int{0, 1, 4}, got)

	_, ok = fuse.AsSeq(operators.Map(ints(3), func(x int) int { return x }))
	assert.False(t, ok, "a non-fusable source gives a non-fusable map")
}

func TestMapFusedPanic(t *testing.T) {
	p := operators.Map(flux.Range(0, 5), func(x int) int { panic(errBoomOps) })
	seq, _ := fuse.AsSeq(p)
	err := seq.ForEach(func(int) bool { return true })
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, errBoomOps)
}

func TestMapString(t *testing.T) {
	p := operators.Filter(operators.Map(items(1), func(x int) int { return x }), func(int) bool { return true })
	assert.Equal(t, "Items.Map.Filter", p.(interface{ String() string }).String())
}

// panicky is a subscriber whose OnNext panics: the operators must not
// mistake that for a panic in their user function.
type panicky struct{ rec[int] }

func (p *panicky) OnNext(int) { panic("subscriber") }

func TestDownstreamPanicIsNotUserPanic(t *testing.T) {
	for name, p := range map[string]sluice.Publisher[int]{
		"Map":      operators.Map(ints(3), func(x int) int { return x }),
		"Filter":   operators.Filter(ints(3), func(int) bool { return true }),
		"DoOnNext": operators.DoOnNext(ints(3), func(int) {}),
	} {
		s := &panicky{rec[int]{initial: 1}}
		var dropped []error
		prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { dropped = append(dropped, err) }})
		p.Subscribe(s)
		sluice.SetDroppedHooks(prev)
		assert.Nil(t, s.err, name)
		assert.Len(t, dropped, 1, name)
	}
}
