package mono_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMonoOperatorFacades(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")

	has, _, err := mono.Just(1).HasElement().Block(ctx)
	require.NoError(t, err)
	assert.True(t, has)
	has, _, _ = mono.Empty[int]().HasElement().Block(ctx)
	assert.False(t, has)

	_, ok, err := mono.Just(1).Then().Block(ctx)
	assert.NoError(t, err)
	assert.False(t, ok)

	v, _, _ := mono.Then(mono.Just(1), mono.Just("b")).Block(ctx)
	assert.Equal(t, "b", v)

	n, _, _ := mono.Error[int](boom).OnErrorResume(func(error) mono.Mono[int] { return mono.Just(9) }).Block(ctx)
	assert.Equal(t, 9, n)
	_, _, err = mono.Error[int](boom).OnErrorMap(func(e error) error { return errors.Join(e, errors.New("ctx")) }).Block(ctx)
	assert.ErrorIs(t, err, boom)
	_, ok, err = mono.Error[int](boom).OnErrorComplete().Block(ctx)
	assert.NoError(t, err)
	assert.False(t, ok)

	attempts := 0
	_, _, err = mono.Defer(func() mono.Mono[int] { attempts++; return mono.Error[int](boom) }).Retry(2).Block(ctx)
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 3, attempts)

	var events []string
	_, _, _ = mono.Just(4).
		DoOnSubscribe(func(sluice.Subscription) { events = append(events, "subscribe") }).
		DoOnRequest(func(int64) { events = append(events, "request") }).
		DoOnNext(func(int) { events = append(events, "next") }).
		DoOnError(func(error) { events = append(events, "error") }).
		DoFinally(func(s operators.SignalType) { events = append(events, "finally "+s.String()) }).
		Block(ctx)
	assert.Equal(t, []string{"subscribe", "request", "next", "finally onComplete"}, events)

	x, _, _ := mono.Empty[int]().SwitchIfEmpty(mono.Just(2)).Log("m", operators.WithLevel(-8)).Block(ctx)
	assert.Equal(t, 2, x)
	assert.Contains(t, mono.Map(mono.Just(1), func(int) int { return 0 }).String(), "Map")
}
