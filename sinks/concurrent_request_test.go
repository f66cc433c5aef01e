package sinks

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentRequestManyGoroutines: Request(1) from 16 goroutines, 1000
// times each, on a sink holding more than that delivers exactly the 16000
// demanded elements, in order and never overlapping, while another goroutine
// keeps emitting.
func TestConcurrentRequestManyGoroutines(t *testing.T) {
	const goroutines, each = 16, 1000
	const total = goroutines * each
	cases := []struct {
		name string
		make func() *Many[int]
	}{
		{"Unicast", func() *Many[int] { return Unicast[int]() }},
		{"ReplayAll", ReplayAll[int]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.make()
			for i := range total / 2 {
				require.Equal(t, EmitOK, s.TryEmitNext(i))
			}
			r := newRec[int](0)
			s.Subscribe(r)
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { // the other half arrives while the requests do
				defer wg.Done()
				for i := total / 2; i < total+100; i++ {
					s.TryEmitNext(i)
				}
			}()
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
			require.Eventually(t, func() bool { return len(r.got()) >= total }, testTimeout, testTick)
			got := r.got()
			require.Len(t, got, total, "exactly the demanded count")
			for i, v := range got {
				if v != i {
					require.Equal(t, i, v, "out of order at %d", i)
				}
			}
			assert.Zero(t, r.violations.Load(), "signals overlapped or exceeded demand")
			assert.NoError(t, r.error())
			r.cancel()
		})
	}
}
