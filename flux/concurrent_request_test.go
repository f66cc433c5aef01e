package flux

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentRequestManyGoroutines: Request(1) from 16 goroutines, 1000
// times each, delivers exactly the 16000 demanded elements, in order and
// never overlapping, for a synchronous source (Range), an asynchronous one
// (FromChannel, receiving on its own goroutine) and a push source (Create).
func TestConcurrentRequestManyGoroutines(t *testing.T) {
	const goroutines, each = 16, 1000
	const total = goroutines * each
	sources := []struct {
		name string
		make func() Flux[int]
	}{
		{"Range", func() Flux[int] { return Range(0, total+100) }},
		{"FromChannel", func() Flux[int] {
			ch := make(chan int, total+100)
			for i := range total + 100 {
				ch <- i
			}
			close(ch)
			return FromChannel(ch)
		}},
		{"Create", func() Flux[int] {
			return Create(func(s FluxSink[int]) {
				for i := range total + 100 {
					_ = s.Next(i)
				}
			}, OverflowBuffer)
		}},
	}
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			r := newRec[int](0)
			src.make().Subscribe(r)
			var wg sync.WaitGroup
			for range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range each {
						r.request(1)
					}
				}()
			}
			wg.Wait()
			waitItems(t, r, total)
			items, err, completed := r.snapshot()
			require.NoError(t, err)
			assert.False(t, completed)
			assert.Equal(t, intsUpTo(total), items, "exactly the demanded count, in order")
			assert.False(t, r.overlap.Load(), "signals overlapped")
			r.cancel()
		})
	}
}
