package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/require"
)

func TestRefCountSubscriberArrivingWhileSourceTerminatesStartsNewConnection(t *testing.T) {
	// The first connection's source has completed, but its subscriber has
	// not heard yet (an element waits for its demand). A subscriber that
	// arrives now must not join that retiring connection (it would never be
	// connected): it starts a new one.
	src := &hot[int]{}
	rc := operators.RefCount(operators.Publish[int](src, 4), 1, 0, nil)
	a := subscribe[int](rc, 0, 0)
	src.next(1)
	src.complete()
	require.False(t, a.completed)

	b := subscribe[int](rc, sluice.Unbounded, 0)
	src.mu.Lock()
	subs := src.subs
	src.mu.Unlock()
	require.Equal(t, 2, subs, "the source is subscribed again")
	src.next(7)
	src.complete()
	require.Equal(t, []int{7}, b.values())
	require.True(t, b.completed)

	a.request(1)
	require.Equal(t, []int{1}, a.values())
	require.True(t, a.completed)
}
