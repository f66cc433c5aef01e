package mono_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/tck"
)

var errTCK = errors.New("tck: failed mono")

func TestTCKSources(t *testing.T) {
	cases := []struct {
		name string
		one  func() mono.Mono[int]
	}{
		{"Just", func() mono.Mono[int] { return mono.Just(7) }},
		{"FromFunc", func() mono.Mono[int] {
			return mono.FromFunc(func(context.Context) (int, error) { return 7, nil })
		}},
		{"Create", func() mono.Mono[int] {
			return mono.Create(func(s mono.MonoSink[int]) { s.Success(7) })
		}},
		{"CreateAsync", func() mono.Mono[int] {
			return mono.Create(func(s mono.MonoSink[int]) { go s.Success(7) })
		}},
		{"FromChannel", func() mono.Mono[int] {
			ch := make(chan int, 1)
			ch <- 7
			return mono.FromChannel(ch)
		}},
		{"Defer", func() mono.Mono[int] {
			return mono.Defer(func() mono.Mono[int] { return mono.Just(7) })
		}},
	}
	empties := map[string]func() mono.Mono[int]{
		"Just":        mono.Empty[int],
		"FromFunc":    mono.Empty[int],
		"Create":      func() mono.Mono[int] { return mono.Create(func(s mono.MonoSink[int]) { s.SuccessEmpty() }) },
		"CreateAsync": func() mono.Mono[int] { return mono.Create(func(s mono.MonoSink[int]) { go s.SuccessEmpty() }) },
		"FromChannel": func() mono.Mono[int] {
			ch := make(chan int)
			close(ch)
			return mono.FromChannel(ch)
		},
		"Defer": func() mono.Mono[int] { return mono.Defer(mono.Empty[int]) },
	}
	// A failing FromFunc signals its error only after Request (fn runs on
	// demand), while the TCK's failed publisher must fail without demand:
	// FromFunc uses mono.Error there, and its error path is tested in
	// from_func_test.go.
	failed := map[string]func() sluice.Publisher[int]{
		"Create": func() sluice.Publisher[int] {
			return mono.Create(func(s mono.MonoSink[int]) { s.Error(errTCK) })
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			createFailed := failed[c.name]
			if createFailed == nil {
				createFailed = func() sluice.Publisher[int] { return mono.Error[int](errTCK) }
			}
			tck.VerifyPublisher(t, tck.PublisherOptions[int]{
				Create: func(n int64) sluice.Publisher[int] {
					if n == 0 {
						return empties[c.name]()
					}
					return c.one()
				},
				CreateFailed: createFailed,
				MaxElements:  1,
			})
		})
	}
}
