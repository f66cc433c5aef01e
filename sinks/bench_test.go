package sinks

import (
	"testing"

	"github.com/sluicego/sluice"
)

type discard[T any] struct{}

func (discard[T]) OnSubscribe(s sluice.Subscription) { s.Request(sluice.Unbounded) }
func (discard[T]) OnNext(T)                          {}
func (discard[T]) OnError(error)                     {}
func (discard[T]) OnComplete()                       {}

func BenchmarkTryEmitNext(b *testing.B) {
	for _, k := range []struct {
		name string
		sink func() *Many[int]
	}{
		{"unicast", func() *Many[int] { return Unicast[int]() }},
		{"multicast", func() *Many[int] { return Multicast[int](256) }},
		{"besteffort", MulticastBestEffort[int]},
		{"replayLatest", ReplayLatest[int]},
	} {
		b.Run(k.name, func(b *testing.B) {
			s := k.sink()
			s.Subscribe(discard[int]{})
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				s.TryEmitNext(i)
			}
		})
	}
}
