package sinks

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyKinds builds a sink of every many-kind large enough that nothing
// overflows when its subscribers request without bound.
var manyKinds = []struct {
	name string
	sink func() *Many[[2]int]
}{
	{"unicast", func() *Many[[2]int] { return Unicast[[2]int]() }},
	{"multicast", func() *Many[[2]int] { return Multicast[[2]int](1 << 16) }},
	{"besteffort", MulticastBestEffort[[2]int]},
	{"replayAll", ReplayAll[[2]int]},
	{"replayLimit", func() *Many[[2]int] { return ReplayLimit[[2]int](8) }},
}

func TestConcurrentEmittersExactDelivery(t *testing.T) {
	const emitters, per = 8, 2000
	for _, k := range manyKinds {
		t.Run(k.name, func(t *testing.T) {
			s := k.sink()
			subs := []*rec[[2]int]{newRec[[2]int](sluice.Unbounded)}
			if k.name != "unicast" {
				subs = append(subs, newRec[[2]int](sluice.Unbounded))
			}
			for _, r := range subs {
				s.Subscribe(r)
			}
			var wg sync.WaitGroup
			var refused atomic.Int64
			for e := range emitters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range per {
						if s.TryEmitNext([2]int{e, i}) != EmitOK {
							refused.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			require.Equal(t, EmitOK, s.TryEmitComplete())
			require.Zero(t, refused.Load())
			first := subs[0].got()
			for _, r := range subs {
				require.True(t, r.isCompleted())
				require.Zero(t, r.violations.Load(), "signals overlapped")
				got := r.got()
				require.Len(t, got, emitters*per)
				assert.Equal(t, first, got, "every subscriber sees the same order")
				last := make([]int, emitters)
				for i := range last {
					last[i] = -1
				}
				for _, v := range got {
					require.Equal(t, last[v[0]]+1, v[1], "per-emitter order")
					last[v[0]] = v[1]
				}
			}
		})
	}
}

// TestConcurrentRequestsAndEmission lets a subscriber request one element at
// a time from its own goroutine while several goroutines emit into a replay
// sink; every element must arrive exactly once.
func TestConcurrentRequestsAndEmission(t *testing.T) {
	const emitters, per = 4, 1000
	s := ReplayAll[[2]int]()
	r := newRec[[2]int](0)
	s.Subscribe(r)
	var wg sync.WaitGroup
	for e := range emitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				s.TryEmitNext([2]int{e, i})
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range emitters * per {
			r.request(1)
		}
	}()
	wg.Wait()
	s.TryEmitComplete()
	r.request(1)
	require.Eventually(t, r.terminated, testTimeout, testTick)
	assert.Len(t, r.got(), emitters*per)
	assert.Zero(t, r.violations.Load())
}

// TestSubscribersJoinAndLeaveMidStream subscribes and cancels subscribers
// from several goroutines while others emit. Nothing may overlap, panic or
// leak; subscribers that stay until the end see a contiguous suffix of the
// stream and the completion.
func TestSubscribersJoinAndLeaveMidStream(t *testing.T) {
	kinds := []struct {
		name string
		sink func() *Many[int]
	}{
		{"multicast", func() *Many[int] { return Multicast[int](1<<16, MulticastOptions{KeepAlive: true}) }},
		{"besteffort", MulticastBestEffort[int]},
		{"replayLimit", func() *Many[int] { return ReplayLimit[int](16) }},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			countDropped(t) // best-effort drops while nobody listens are expected
			s := k.sink()
			anchor := newRec[int](sluice.Unbounded)
			s.Subscribe(anchor)
			const total = 5000
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range total {
					s.TryEmitNext(i)
				}
			}()
			stayers := make(chan *rec[int], 64)
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for j := range 50 {
						r := newRec[int](sluice.Unbounded)
						s.Subscribe(r)
						if (g+j)%5 == 0 {
							stayers <- r
							continue
						}
						r.cancel()
						assert.Zero(t, r.violations.Load())
					}
				}()
			}
			wg.Wait()
			close(stayers)
			s.TryEmitComplete()
			assert.Equal(t, ints(0, total), anchor.got())
			for r := range stayers {
				require.True(t, r.isCompleted())
				require.Zero(t, r.violations.Load())
				got := r.got()
				for i := 1; i < len(got); i++ {
					require.Equal(t, got[i-1]+1, got[i], "contiguous")
				}
			}
			assert.Equal(t, 0, s.CurrentSubscriberCount())
		})
	}
}
