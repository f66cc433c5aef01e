package scheduler

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/require"
)

func TestTaskHeapOrdersByDueThenSeqAndRemoves(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var h home
	var all []*task
	for range 500 {
		tk := &task{due: epoch.Add(time.Duration(r.IntN(50))), index: -1}
		h.push(tk)
		all = append(all, tk)
	}
	// Remove a random third from the middle, as Dispose does.
	for _, tk := range all {
		if r.IntN(3) == 0 {
			h.delayed.remove(tk.index)
			require.Equal(t, -1, tk.index)
		}
	}
	for i, tk := range h.delayed {
		require.Equal(t, i, tk.index)
	}
	var out []*task
	for len(h.delayed) > 0 {
		out = append(out, h.pop())
	}
	require.True(t, slices.IsSortedFunc(out, func(a, b *task) int {
		if c := a.due.Compare(b.due); c != 0 {
			return c
		}
		return int(a.seq) - int(b.seq)
	}))
}

// setDropped installs an OnErrorDropped hook for one test.
func setDropped(f func(error)) sluice.DroppedHooks {
	return sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: f})
}

func restoreDropped(prev sluice.DroppedHooks) { sluice.SetDroppedHooks(prev) }
