package demand

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestAdd(t *testing.T) {
	cases := []struct{ a, b, want int64 }{
		{0, 1, 1},
		{1, 2, 3},
		{math.MaxInt64, 1, math.MaxInt64},
		{math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64},
		{math.MaxInt64 - 1, math.MaxInt64 - 1, math.MaxInt64},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Add(c.a, c.b), "%d+%d", c.a, c.b)
	}
}

func TestAddAtomicReturnsPrevious(t *testing.T) {
	var r atomic.Int64
	assert.Equal(t, int64(0), AddAtomic(&r, 5))
	assert.Equal(t, int64(5), AddAtomic(&r, Unbounded))
	assert.Equal(t, Unbounded, AddAtomic(&r, 1))
	assert.Equal(t, Unbounded, r.Load())
}

func TestProducedAtomic(t *testing.T) {
	var r atomic.Int64
	r.Store(10)
	assert.Equal(t, int64(7), ProducedAtomic(&r, 3))
	assert.Equal(t, int64(0), ProducedAtomic(&r, 9))
	r.Store(Unbounded)
	assert.Equal(t, Unbounded, ProducedAtomic(&r, 3))
}

func TestAddAtomicConcurrent(t *testing.T) {
	var r atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				AddAtomic(&r, 1)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(8000), r.Load())
}

func TestInvalid(t *testing.T) {
	require.False(t, Valid(0))
	require.False(t, Valid(math.MinInt64))
	require.True(t, Valid(1))
	err := Invalid(-3)
	assert.True(t, errors.Is(err, sluice.ErrInvalidDemand))
	var ide *sluice.InvalidDemandError
	require.ErrorAs(t, err, &ide)
	assert.Equal(t, int64(-3), ide.N)
	assert.Contains(t, err.Error(), "3.9")
	assert.Contains(t, err.Error(), "non-positive subscription request")
}

func TestWIPSingleOwner(t *testing.T) {
	var w WIP
	require.True(t, w.Enter())
	require.False(t, w.Enter())
	require.False(t, w.Enter())
	missed := int32(1)
	passes := 1
	for {
		if missed = w.Leave(missed); missed == 0 {
			break
		}
		passes++
	}
	assert.Equal(t, 2, passes)
	assert.False(t, w.Active())
}
