package lambda

import (
	"context"
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/require"
)

// oneBlocker fails if subscribed: Block must call BlockOne instead.
type oneBlocker struct {
	v   int
	has bool
	err error
}

func (o oneBlocker) Subscribe(sluice.Subscriber[int]) { panic("subscribed") }

func (o oneBlocker) BlockOne(context.Context) (int, bool, error) { return o.v, o.has, o.err }

// facade wraps a publisher like flux.Flux and mono.Mono do.
type facade struct{ p sluice.Publisher[int] }

func (f facade) Subscribe(s sluice.Subscriber[int]) { f.p.Subscribe(s) }
func (f facade) Unwrap() sluice.Publisher[int]      { return f.p }

func TestBlockUsesOneBlocker(t *testing.T) {
	boom := errors.New("boom")
	for _, mode := range []Mode{First, Last} {
		v, ok, err := Block[int](context.Background(), facade{oneBlocker{v: 7, has: true}}, mode)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, 7, v)
		_, ok, err = Block[int](context.Background(), oneBlocker{}, mode)
		require.NoError(t, err)
		require.False(t, ok)
		_, _, err = Block[int](context.Background(), oneBlocker{err: boom}, mode)
		require.ErrorIs(t, err, boom)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Block[int](ctx, oneBlocker{v: 1, has: true}, First)
	require.ErrorIs(t, err, context.Canceled)
}
