package flux

import (
	"context"
	"testing"

	"github.com/sluicego/sluice"
)

const benchN = 10_000

// opaque hides the fuse.Seq of the publisher it wraps.
type opaque[T any] struct{ p sluice.Publisher[T] }

func (o opaque[T]) Subscribe(s sluice.Subscriber[T]) { o.p.Subscribe(s) }

func BenchmarkCollect(b *testing.B) {
	ctx := context.Background()
	b.Run("fused", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = Range(0, benchN).Collect(ctx)
		}
	})
	b.Run("subscribed", func(b *testing.B) {
		b.ReportAllocs()
		f := From[int](opaque[int]{Range(0, benchN)})
		for b.Loop() {
			_, _ = f.Collect(ctx)
		}
	})
}

func BenchmarkAll(b *testing.B) {
	ctx := context.Background()
	b.Run("range", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for v, err := range Range(0, benchN).All(ctx) {
				_, _ = v, err
			}
		}
	})
	b.Run("plainForEach", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Range(0, benchN).pub.(rangePublisher).ForEach(func(int) bool { return true })
		}
	})
}

func BenchmarkSources(b *testing.B) {
	ctx := context.Background()
	srcs := map[string]func() Flux[int]{
		"Generate": func() Flux[int] { return countGen(benchN) },
		"FromIter": func() Flux[int] { return From[int](opaque[int]{FromIter(seqOf(benchN))}) },
		"Create": func() Flux[int] {
			return Create(func(s FluxSink[int]) {
				for i := range benchN {
					_ = s.Next(i)
				}
				s.Complete()
			}, OverflowBuffer)
		},
		"FromChannel": func() Flux[int] {
			ch := make(chan int, benchN)
			for i := range benchN {
				ch <- i
			}
			close(ch)
			return FromChannel(ch)
		},
	}
	for name, mk := range srcs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				f := mk()
				b.StartTimer()
				_, _, _ = f.BlockLast(ctx)
			}
		})
	}
}
