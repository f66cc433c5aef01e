package operators_test

import (
	"fmt"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func logHooks(log *[]string) operators.PeekHooks[int] {
	return operators.PeekHooks[int]{
		OnSubscribe: func(sluice.Subscription) { *log = append(*log, "subscribe") },
		OnNext:      func(v int) { *log = append(*log, fmt.Sprint("next ", v)) },
		OnError:     func(err error) { *log = append(*log, "error "+err.Error()) },
		OnComplete:  func() { *log = append(*log, "complete") },
		OnRequest:   func(n int64) { *log = append(*log, fmt.Sprint("request ", n)) },
		OnCancel:    func() { *log = append(*log, "cancel") },
	}
}

func TestPeekAllHooks(t *testing.T) {
	var log []string
	r := subscribe(operators.Peek(ints(2), "Peek", logHooks(&log)), 1, 1)
	assert.Equal(t, []int{0, 1}, r.values())
	assert.Equal(t, []string{"subscribe", "request 1", "next 0", "request 1", "next 1", "request 1", "complete"}, log)

	log = nil
	all(operators.Peek(failing[int](errBoomOps), "Peek", logHooks(&log)))
	assert.Equal(t, []string{"subscribe", fmt.Sprint("request ", sluice.Unbounded), "error boom"}, log)

	log = nil
	r = &rec[int]{initial: 5, cancelAfter: 1}
	operators.Peek(ints(3), "Peek", logHooks(&log)).Subscribe(r)
	assert.Equal(t, []string{"subscribe", "request 5", "next 0", "cancel"}, log)
}

func TestDoOnShortcuts(t *testing.T) {
	var seen []int
	completed := 0
	p := operators.DoOnComplete(operators.DoOnNext(fused(1, 2), func(v int) { seen = append(seen, v) }), func() { completed++ })
	assert.Equal(t, []int{1, 2}, all(p).values())
	assert.Equal(t, []int{1, 2}, seen)
	assert.Equal(t, 1, completed)
	// fused path through a fold
	assert.Equal(t, []int{3}, all(operators.Reduce(p, sum)).values())
	assert.Equal(t, 2, completed)

	var errSeen error
	assert.ErrorIs(t, all(operators.DoOnError(failing[int](errBoomOps), func(err error) { errSeen = err })).err, errBoomOps)
	assert.ErrorIs(t, errSeen, errBoomOps)

	var reqs []int64
	subscribe(operators.DoOnRequest(ints(3), func(n int64) { reqs = append(reqs, n) }), 2, 0)
	assert.Equal(t, []int64{2}, reqs)

	cancels := 0
	subscribe(operators.DoOnCancel(ints(3), func() { cancels++ }), 0, 0).cancel()
	assert.Equal(t, 1, cancels)

	subs := 0
	all(operators.DoOnSubscribe(ints(1), func(sluice.Subscription) { subs++ }))
	assert.Equal(t, 1, subs)
}

func TestPeekPanics(t *testing.T) {
	src := ints(5)
	r := all(operators.DoOnNext(src, func(v int) {
		if v == 1 {
			panic("hook")
		}
	}))
	assert.Equal(t, []int{0}, r.values())
	var pe *sluice.PanicError
	require.ErrorAs(t, r.err, &pe)
	assert.Equal(t, int64(1), src.cancelled.Load())

	r = all(operators.DoOnComplete(ints(1), func() { panic("c") }))
	require.ErrorAs(t, r.err, &pe)

	r = all(operators.DoOnError(failing[int](errBoomOps), func(error) { panic("e") }))
	assert.ErrorIs(t, r.err, errBoomOps)
	require.ErrorAs(t, r.err, &pe)

	r = all(operators.DoOnSubscribe(ints(1), func(sluice.Subscription) { panic("s") }))
	require.ErrorAs(t, r.err, &pe)
	assert.Empty(t, r.values())
}

func TestDoFinally(t *testing.T) {
	var got []operators.SignalType
	fin := func(s operators.SignalType) { got = append(got, s) }
	all(operators.DoFinally(ints(2), fin))
	all(operators.DoFinally(failing[int](errBoomOps), fin))
	r := subscribe(operators.DoFinally(ints(2), fin), 1, 0)
	r.cancel()
	r.cancel()
	assert.Equal(t, []operators.SignalType{operators.SignalOnComplete, operators.SignalOnError, operators.SignalCancel}, got)
	assert.Equal(t, "onComplete", operators.SignalOnComplete.String())
}
