package operators_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaterializeRoundTrip(t *testing.T) {
	r := all(operators.Materialize[int](failing(errBoomOps, 1)))
	require.Len(t, r.values(), 2)
	assert.Equal(t, "onNext(1)", r.values()[0].String())
	assert.Equal(t, operators.SignalOnError, r.values()[1].Type)
	assert.True(t, r.completed)

	// The terminal signal waits for demand.
	r = subscribe(operators.Materialize[int](ints(1)), 1, 0)
	assert.Len(t, r.values(), 1)
	assert.False(t, r.completed)
	r.request(1)
	assert.Equal(t, operators.SignalOnComplete, r.values()[1].Type)
	assert.True(t, r.completed)

	back := all(operators.Dematerialize(operators.Materialize[int](failing(errBoomOps, 1, 2))))
	assert.Equal(t, []int{1, 2}, back.values())
	assert.ErrorIs(t, back.err, errBoomOps)
}

func TestLog(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := subscribe(operators.Log[int](ints(2), "nums", operators.WithLogger(l), operators.WithLevel(slog.LevelDebug)), 1, 1)
	assert.Equal(t, []int{0, 1}, r.values())
	out := buf.String()
	for _, s := range []string{"onSubscribe", "msg=request n=1", "msg=onNext value=0", "onComplete", "category=nums"} {
		assert.Contains(t, out, s)
	}
}

func TestMonoFlatMapAndDoOnSuccess(t *testing.T) {
	p := operators.MonoFlatMap[int, string](items(2), func(x int) sluice.Publisher[string] {
		return operators.Map[int, string](items(x, x), func(int) string { return "v" })
	})
	r := subscribe(p, 1, 1)
	assert.Equal(t, []string{"v", "v"}, r.values())
	assert.True(t, r.completed)
	assert.True(t, all(operators.MonoFlatMap[int, int](items[int](), nil)).completed)
	var pe *sluice.PanicError
	require.ErrorAs(t, all(operators.MonoFlatMap[int, int](items(1), func(int) sluice.Publisher[int] { panic("x") })).err, &pe)

	var got []any
	all(operators.DoOnSuccess[int](items(3), func(v int, ok bool) { got = append(got, v, ok) }))
	all(operators.DoOnSuccess[int](items[int](), func(v int, ok bool) { got = append(got, v, ok) }))
	assert.Equal(t, []any{3, true, 0, false}, got)
}

func TestPipeAndCompose(t *testing.T) {
	evens := operators.Pipe(operators.FilterOp(isEven), operators.TakeOp[int](3))
	labels := operators.Compose(evens, operators.MapOp(func(x int) string { return string(rune('a' + x)) }))
	assert.Equal(t, []string{"a", "c", "e"}, all(labels.Apply(ints(100))).values())
	assert.Equal(t, "Items.Filter.Take(3).Map", labels.Apply(ints(1)).(interface{ String() string }).String())
}
