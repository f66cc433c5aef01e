package flux

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsingReleasesExactlyOnce(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name   string
		inner  func() sluice.Publisher[int]
		cancel bool
		err    error
	}{
		{"complete", func() sluice.Publisher[int] { return Range(0, 3) }, false, nil},
		{"error", func() sluice.Publisher[int] { return Error[int](boom) }, false, boom},
		{"cancel", func() sluice.Publisher[int] { return Range(0, 100) }, true, nil},
		{"build panics", func() sluice.Publisher[int] { panic("build") }, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			released := 0
			var releasedBeforeTerminal bool
			f := Using(func() (string, error) { return "res", nil },
				func(string) sluice.Publisher[int] { return c.inner() },
				func(r string) { assert.Equal(t, "res", r); released++ })
			r := newRec[int](0)
			r.onNext = func(r *srcRec[int], v int) {
				if c.cancel && v == 1 {
					r.cancel()
					r.cancel()
				}
			}
			f.Subscribe(r)
			r.request(sluice.Unbounded)
			releasedBeforeTerminal = released == 1
			assert.Equal(t, 1, released)
			assert.True(t, releasedBeforeTerminal)
			_, err, _ := r.snapshot()
			switch {
			case c.err != nil:
				assert.ErrorIs(t, err, c.err)
			case c.name == "build panics":
				var pe *sluice.PanicError
				assert.ErrorAs(t, err, &pe)
			default:
				assert.NoError(t, err)
			}
		})
	}
}

func TestUsingAcquireFails(t *testing.T) {
	boom := errors.New("acquire")
	released := false
	_, err := Using(func() (int, error) { return 0, boom },
		func(int) sluice.Publisher[int] { return Range(0, 1) },
		func(int) { released = true }).Collect(t.Context())
	require.ErrorIs(t, err, boom)
	assert.False(t, released)
}

func TestUsingReleasePanicOnComplete(t *testing.T) {
	_, err := Using(func() (int, error) { return 0, nil },
		func(int) sluice.Publisher[int] { return Range(0, 1) },
		func(int) { panic("release") }).Collect(t.Context())
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
}
