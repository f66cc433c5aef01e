package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
)

func TestBuffer(t *testing.T) {
	cases := []struct {
		name string
		pub  func(sluice.Publisher[int]) sluice.Publisher[[]int]
		in   int
		want [][]int
	}{
		{"exact", func(s sluice.Publisher[int]) sluice.Publisher[[]int] { return operators.Buffer(s, 2) }, 5, [][]int{{0, 1}, {2, 3}, {4}}},
		{"skip", func(s sluice.Publisher[int]) sluice.Publisher[[]int] { return operators.BufferSkip(s, 2, 3) }, 7, [][]int{{0, 1}, {3, 4}, {6}}},
		{"overlap", func(s sluice.Publisher[int]) sluice.Publisher[[]int] { return operators.BufferSkip(s, 3, 1) }, 4, [][]int{{0, 1, 2}, {1, 2, 3}, {2, 3}, {3}}},
		{"until", func(s sluice.Publisher[int]) sluice.Publisher[[]int] {
			return operators.BufferUntil(s, func(x int) bool { return x%3 == 2 })
		}, 7, [][]int{{0, 1, 2}, {3, 4, 5}, {6}}},
		{"while", func(s sluice.Publisher[int]) sluice.Publisher[[]int] {
			return operators.BufferWhile(s, func(x int) bool { return x%3 != 2 })
		}, 7, [][]int{{0, 1}, {3, 4}, {6}}},
		{"empty", func(s sluice.Publisher[int]) sluice.Publisher[[]int] { return operators.Buffer(s, 2) }, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, all(c.pub(ints(c.in))).values())
			r := subscribe(c.pub(ints(c.in)), 1, 1)
			assert.Equal(t, c.want, r.values())
			assert.True(t, r.completed)
		})
	}
}

func TestBufferDemand(t *testing.T) {
	src := ints(10)
	r := subscribe(operators.Buffer(src, 3), 2, 0)
	assert.Equal(t, [][]int{{0, 1, 2}, {3, 4, 5}}, r.values())
	assert.Equal(t, int64(6), src.requested.Load())

	// Overlapping buffers left at completion wait for demand.
	r = subscribe(operators.BufferSkip(ints(3), 3, 1), 1, 0)
	assert.Equal(t, [][]int{{0, 1, 2}}, r.values())
	assert.False(t, r.completed)
	r.request(1)
	assert.Len(t, r.values(), 2)
	r.request(5)
	assert.Len(t, r.values(), 3)
	assert.True(t, r.completed)

	assert.ErrorIs(t, all(operators.Buffer(failing(errBoomOps, 1), 2)).err, errBoomOps)
}

func TestTakeLastSkipLast(t *testing.T) {
	assert.Equal(t, []int{7, 8, 9}, all(operators.TakeLast(ints(10), 3)).values())
	assert.Equal(t, []int{0, 1}, all(operators.TakeLast(ints(2), 3)).values())
	assert.Empty(t, all(operators.TakeLast(ints(2), 0)).values())
	r := subscribe(operators.TakeLast(ints(10), 3), 1, 0)
	assert.Equal(t, []int{7}, r.values())
	r.request(2)
	assert.Equal(t, []int{7, 8, 9}, r.values())
	assert.True(t, r.completed)

	src := ints(10)
	r = subscribe(operators.SkipLast(src, 3), 2, 0)
	assert.Equal(t, []int{0, 1}, r.values())
	assert.Equal(t, int64(5), src.requested.Load())
	r.request(sluice.Unbounded)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6}, r.values())
	assert.ErrorIs(t, all(operators.SkipLast(failing(errBoomOps, 1), 1)).err, errBoomOps)
}
