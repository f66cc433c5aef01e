package flux

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateCallsGeneratorOncePerDemand(t *testing.T) {
	calls, cleanups := 0, 0
	f := Generate(func() int { return 0 }, func(i int, s SynchronousSink[int]) int {
		calls++
		s.Next(i)
		return i + 1
	}, func(int) { cleanups++ })
	r := newRec[int](0)
	f.Subscribe(r)
	assert.Equal(t, 0, calls, "nothing before demand")
	r.request(1)
	assert.Equal(t, 1, calls)
	r.request(5)
	assert.Equal(t, 6, calls)
	r.cancel()
	assert.Equal(t, 6, calls)
	assert.Equal(t, 1, cleanups)
	r.cancel()
	assert.Equal(t, 1, cleanups, "cleanup exactly once")
}

func TestGenerateRounds(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name    string
		gen     func(int, SynchronousSink[int]) int
		items   []int
		wantErr error
	}{
		{"next then complete", func(i int, s SynchronousSink[int]) int {
			s.Next(i)
			if i == 2 {
				s.Complete()
			}
			return i + 1
		}, []int{0, 1, 2}, nil},
		{"next then error", func(i int, s SynchronousSink[int]) int {
			s.Next(i)
			s.Error(boom)
			return i
		}, []int{0}, boom},
		{"error alone", func(i int, s SynchronousSink[int]) int { s.Error(boom); return i }, nil, boom},
		{"twice next", func(i int, s SynchronousSink[int]) int { s.Next(1); s.Next(2); return i }, []int{1}, ErrGenerateMultipleNext},
		{"no signal", func(i int, s SynchronousSink[int]) int { return i }, nil, ErrGenerateNoSignal},
		{"panic", func(i int, s SynchronousSink[int]) int { panic("gen") }, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cleaned := false
			r := newRec[int](10)
			Generate(nil, c.gen, func(int) { cleaned = true }).Subscribe(r)
			require.True(t, r.isDone())
			items, err, _ := r.snapshot()
			assert.Equal(t, c.items, items)
			if c.name == "panic" {
				var pe *sluice.PanicError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "gen", pe.Value)
				assert.NotEmpty(t, pe.Stack)
			} else if c.wantErr != nil {
				assert.ErrorIs(t, err, c.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.True(t, cleaned)
		})
	}
}

func TestGenerateInitialPanics(t *testing.T) {
	r := newRec[int](1)
	Generate(func() int { panic("init") }, func(i int, s SynchronousSink[int]) int { return i }).Subscribe(r)
	_, err, _ := r.snapshot()
	var pe *sluice.PanicError
	require.ErrorAs(t, err, &pe)
}

func TestGenerateSinkOutsideRoundIgnored(t *testing.T) {
	var kept SynchronousSink[int]
	r := newRec[int](2)
	Generate(nil, func(i int, s SynchronousSink[int]) int {
		if kept != nil {
			s.Complete()
			return i
		}
		kept = s
		s.Next(1)
		return i
	}).Subscribe(r)
	kept.Next(99)
	kept.Error(errors.New("late"))
	items, err, completed := r.snapshot()
	assert.Equal(t, []int{1}, items)
	assert.NoError(t, err)
	assert.True(t, completed)
}
