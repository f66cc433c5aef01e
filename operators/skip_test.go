package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSkip(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.Skip(src, 3), 2, 0)
	assert.Equal(t, []int{3, 4}, r.values())
	assert.Equal(t, int64(5), src.requested.Load())
	r.request(sluice.Unbounded)
	assert.Len(t, r.values(), 7)
	assert.True(t, r.completed)

	r1 := subscribe(operators.Skip(ints(5), 2), 1, 1)
	assert.Equal(t, []int{2, 3, 4}, r1.values())
	assert.True(t, all(operators.Skip(ints(2), 5)).completed)
	assert.ErrorIs(t, all(operators.Skip(failing(errBoomOps, 1), 5)).err, errBoomOps)

	seq, ok := fuse.AsSeq(operators.Skip(fused(1, 2, 3), 1))
	require.True(t, ok)
	var got []int
	require.NoError(t, seq.ForEach(func(v int) bool { got = append(got, v); return true }))
	assert.Equal(t, []int{2, 3}, got)
}
