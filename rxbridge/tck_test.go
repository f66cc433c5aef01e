package rxbridge_test

import (
	"testing"

	"github.com/reactivex/rxgo/v2"
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/rxbridge"
	"github.com/sluicego/sluice/tck"
)

// TestTCKFromObservable runs the publisher verification on the Flux made
// from an RxGo Observable. RxGo has no demand: with flux.OverflowBuffer the
// items wait in the sink's buffer for the TCK's requests, so the stream
// honours demand. The observable is finite (the buffer would grow without
// bound behind an endless one the subscriber does not drain), so the tests
// that need an infinite publisher are skipped (MaxElements).
func TestTCKFromObservable(t *testing.T) {
	for name, overflow := range map[string]flux.OverflowStrategy{
		"Buffer":        flux.OverflowBuffer,
		"BufferBounded": flux.OverflowBufferBounded(1 << 12),
	} {
		t.Run(name, func(t *testing.T) {
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create: func(n int64) sluice.Publisher[int] {
					if n == 0 {
						return rxbridge.FromObservable[int](rxgo.Empty(), overflow)
					}
					return rxbridge.FromObservable[int](rxgo.Range(0, int(n)), overflow)
				},
				CreateFailed: func() sluice.Publisher[int] {
					return rxbridge.FromObservable[int](rxgo.Thrown(errBoom), overflow)
				},
				MaxElements:          1 << 12,
				StochasticIterations: 10,
			})
		})
	}
}
