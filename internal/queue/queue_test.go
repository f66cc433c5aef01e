package queue

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSPSCBounds(t *testing.T) {
	q := NewSPSC[int](3)
	require.Equal(t, 4, q.Cap())
	for i := range 4 {
		require.True(t, q.Offer(i))
	}
	assert.False(t, q.Offer(99), "full ring refuses")
	assert.Equal(t, 4, q.Len())
	v, ok := q.Peek()
	require.True(t, ok)
	assert.Equal(t, 0, v)
	for i := range 4 {
		v, ok := q.Poll()
		require.True(t, ok)
		assert.Equal(t, i, v)
	}
	_, ok = q.Poll()
	assert.False(t, ok)
	assert.True(t, q.IsEmpty())
	q.Offer(1)
	q.Clear()
	assert.True(t, q.IsEmpty())
}

func TestSPSCConcurrentOrder(t *testing.T) {
	const n = 100_000
	q := NewSPSC[int](64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < n; {
			if q.Offer(i) {
				i++
			}
		}
	}()
	for want := 0; want < n; {
		if v, ok := q.Poll(); ok {
			require.Equal(t, want, v)
			want++
		}
	}
	<-done
}

func TestMPSCConcurrentProducers(t *testing.T) {
	const producers, per = 8, 10_000
	q := NewMPSC[[2]int]()
	var wg sync.WaitGroup
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				q.Offer([2]int{p, i})
			}
		}()
	}
	last := make([]int, producers)
	for i := range last {
		last[i] = -1
	}
	got := 0
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	for got < producers*per {
		v, ok := q.Poll()
		if !ok {
			continue
		}
		require.Equal(t, last[v[0]]+1, v[1], "per-producer FIFO order")
		last[v[0]] = v[1]
		got++
	}
	<-finished
	assert.True(t, q.IsEmpty())
	assert.Equal(t, 0, q.Len())
}

func BenchmarkSPSCOfferPoll(b *testing.B) {
	q := NewSPSC[int](256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		q.Offer(i)
		q.Poll()
	}
}

func BenchmarkMPSCOfferPoll(b *testing.B) {
	q := NewMPSC[int]()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		q.Offer(i)
		q.Poll()
	}
}
