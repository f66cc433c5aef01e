package rsocket

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStallsCountInRuns checks that only stalls close together (each within
// stallRun handler calls of the one before) move handlers off the reader,
// so that the machine's own rare pauses never do.
func TestStallsCountInRuns(t *testing.T) {
	for _, tc := range []struct {
		name     string
		stallsAt []uint64 // c.inlineCalls at each stall
		off      bool     // handlers leave the reader
	}{
		{"maxStalls in a row", []uint64{1, 2, 3, 4}, true},
		{"maxStalls each stallRun apart", []uint64{1, 1 + stallRun, 1 + 2*stallRun, 1 + 3*stallRun}, true},
		{"one fewer than maxStalls", []uint64{1, 2, 3}, false},
		{"rare stalls", []uint64{5000, 10000, 15000, 20000, 25000, 30000}, false},
		{"a run broken by a gap", []uint64{1, 2, 3, 4 + stallRun + 1, 5 + stallRun + 1, 6 + stallRun + 1}, false},
		{"a run after a gap", []uint64{1, 2, 3000, 3001, 3002, 3003}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Conn
			for _, n := range tc.stallsAt {
				c.inlineCalls.Store(n)
				c.stalled()
			}
			assert.Equal(t, tc.off, c.noInline.Load())
		})
	}
}

// TestStallsProbation checks that a connection whose handlers left the
// reader tries it again after a probation of handler calls on workers,
// and that the probation doubles each time the handlers stall the reader
// again, up to maxProbation.
func TestStallsProbation(t *testing.T) {
	var c Conn
	trip := func() {
		for range maxStalls {
			c.inlineCalls.Add(1)
			c.stalled()
		}
		require.True(t, c.noInline.Load(), "maxStalls stalls in a row move handlers off the reader")
	}
	probation := int64(firstProbation)
	for round := range 12 {
		trip()
		off := int64(0)
		for i := int64(1); i < probation; i++ {
			if c.offReader() {
				off++
			}
		}
		require.Equal(t, probation-1, off, "round %d: the calls of a probation of %d but its last go to workers", round, probation)
		require.False(t, c.offReader(), "round %d: the call that ends a probation of %d is the reader's", round, probation)
		require.False(t, c.noInline.Load())
		require.False(t, c.offReader(), "round %d: the reader is tried until it stalls again", round)
		probation = min(2*probation, maxProbation)
	}
	assert.Equal(t, int64(maxProbation), c.probation.Load())

	// Back on the reader, one stall is not a run.
	c.inlineCalls.Add(1)
	c.stalled()
	assert.False(t, c.noInline.Load())
}
