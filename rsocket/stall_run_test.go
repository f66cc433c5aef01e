package rsocket

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
