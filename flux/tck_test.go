package flux_test

import (
	"errors"
	"iter"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/tck"
)

var errTCK = errors.New("tck: failed publisher")

func tckInts(n int64) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i)
	}
	return out
}

func tckSeq(n int64) iter.Seq[int64] {
	return func(yield func(int64) bool) {
		for i := int64(0); i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func tckGenerate(n int64) flux.Flux[int64] {
	return flux.Generate(nil, func(i int64, s flux.SynchronousSink[int64]) int64 {
		if i == n {
			s.Complete()
			return i
		}
		s.Next(i)
		return i + 1
	})
}

func tckCreate(n int64) flux.Flux[int64] {
	return flux.Create(func(s flux.FluxSink[int64]) {
		var next int64
		s.OnRequest(func(r int64) {
			for ; r > 0 && next < n; r-- {
				if s.Next(next) != nil {
					return // cancelled: stop producing
				}
				next++
			}
			if next == n {
				s.Complete()
			}
		})
		if n == 0 {
			s.Complete()
		}
	}, flux.OverflowError)
}

func failed() sluice.Publisher[int64] { return flux.Error[int64](errTCK) }

func TestTCKSources(t *testing.T) {
	const bounded = 10_000
	cases := []struct {
		name   string
		create func(n int64) sluice.Publisher[int64]
		max    int64
	}{
		{"Just", func(n int64) sluice.Publisher[int64] { return flux.Just(tckInts(n)...) }, bounded},
		{"FromSlice", func(n int64) sluice.Publisher[int64] { return flux.FromSlice(tckInts(n)) }, bounded},
		{"FromIter", func(n int64) sluice.Publisher[int64] { return flux.FromIter(tckSeq(n)) }, 0},
		{"FromChannel", func(n int64) sluice.Publisher[int64] {
			ch := make(chan int64, n)
			for i := range n {
				ch <- i
			}
			close(ch)
			return flux.FromChannel(ch)
		}, bounded},
		{"Generate", func(n int64) sluice.Publisher[int64] { return tckGenerate(n) }, 0},
		{"Create", func(n int64) sluice.Publisher[int64] { return tckCreate(n) }, 0},
		{"Using", func(n int64) sluice.Publisher[int64] {
			return flux.Using(func() (int64, error) { return n, nil },
				func(n int64) sluice.Publisher[int64] { return flux.FromIter(tckSeq(n)) }, func(int64) {})
		}, 0},
		{"Defer", func(n int64) sluice.Publisher[int64] {
			return flux.Defer(func() sluice.Publisher[int64] { return tckGenerate(n) })
		}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tck.VerifyPublisher(t, tck.PublisherOptions[int64]{
				Create:       c.create,
				CreateFailed: failed,
				MaxElements:  c.max,
			})
		})
	}
	t.Run("Range", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[int]{
			Create:       func(n int64) sluice.Publisher[int] { return flux.Range(0, int(n)) },
			CreateFailed: func() sluice.Publisher[int] { return flux.Error[int](errTCK) },
		})
	})
	t.Run("Error", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[int64]{
			Create:       func(int64) sluice.Publisher[int64] { return flux.Empty[int64]() },
			CreateFailed: failed,
			MaxElements:  tck.EmptyOnly,
		})
	})
}
