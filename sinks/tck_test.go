package sinks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck"
)

var errTCK = errors.New("tck: failed sink")

// prefilled returns a publisher factory for the publisher verification: a
// sink filled with n elements and completed before anyone subscribes.
func prefilled(make func(n int) *Many[int]) func(n int64) sluice.Publisher[int] {
	return func(n int64) sluice.Publisher[int] {
		s := make(int(n))
		for i := range int(n) {
			if r := s.TryEmitNext(i); r != EmitOK {
				panic(r.Err())
			}
		}
		s.TryEmitComplete()
		return s
	}
}

func failed(make func() *Many[int]) func() sluice.Publisher[int] {
	return func() sluice.Publisher[int] {
		s := make()
		s.TryEmitError(errTCK)
		return s
	}
}

func TestTCKPublisher(t *testing.T) {
	const maxElements = 1024
	cases := []struct {
		name string
		make func(n int) *Many[int]
	}{
		{"unicast", func(int) *Many[int] { return Unicast[int]() }},
		{"multicast", func(n int) *Many[int] { return Multicast[int](max(n, 1)) }},
		{"replayAll", func(int) *Many[int] { return ReplayAll[int]() }},
		{"replayLimit", func(n int) *Many[int] { return ReplayLimit[int](n) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create:       prefilled(c.make),
				CreateFailed: failed(func() *Many[int] { return c.make(0) }),
				MaxElements:  maxElements,
			})
		})
	}
	t.Run("one", func(t *testing.T) {
		tck.VerifyPublisher(t, tck.PublisherOptions[int]{
			Create: func(n int64) sluice.Publisher[int] {
				o := One[int]()
				if n == 0 {
					o.TryEmitEmpty()
				} else {
					o.TryEmitValue(0)
				}
				return o
			},
			CreateFailed: func() sluice.Publisher[int] {
				o := One[int]()
				o.TryEmitError(errTCK)
				return o
			},
			MaxElements: 1,
		})
	})
}

func TestTCKIdentityProcessor(t *testing.T) {
	cases := []struct {
		name        string
		make        func(bufferSize int) *Many[int]
		subscribers int64
		coordinated bool
	}{
		{"unicast", func(int) *Many[int] { return Unicast[int]() }, 1, false},
		{"multicast", func(n int) *Many[int] { return Multicast[int](n) }, 0, true},
		{"besteffort", func(int) *Many[int] { return MulticastBestEffort[int]() }, 1, false},
		// A replay sink hands its history to a late subscriber, which the
		// TCK's multi-subscriber test 68 forbids (it wants the late one
		// to see only later elements); ReplayLimit(0) replays nothing and
		// runs the multi-subscriber tests for the replay machinery.
		{"replayAll", func(int) *Many[int] { return ReplayAll[int]() }, 1, false},
		{"replayLimit", func(n int) *Many[int] { return ReplayLimit[int](n) }, 1, false},
		{"replayLatest", func(int) *Many[int] { return ReplayLatest[int]() }, 1, false},
		{"replayLimit0", func(int) *Many[int] { return ReplayLimit[int](0) }, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tck.VerifyIdentityProcessor(t, tck.ProcessorOptions[int]{
				CreateProcessor:         func(n int) sluice.Processor[int, int] { return c.make(n) },
				CreateElement:           func(i int) int { return i },
				CreateFailedPublisher:   failed(func() *Many[int] { return c.make(16) }),
				MaxSupportedSubscribers: c.subscribers,
				DoesCoordinatedEmission: c.coordinated,
			})
		})
	}
}
