package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZipWhen(t *testing.T) {
	plus := func(a, b int) int { return a + b }
	r := probe.NewRecorder[int](sluice.Unbounded)
	ZipWhen(probe.Just(1), func(x int) sluice.Publisher[int] { return probe.Just(x * 10) }, plus).Subscribe(r)
	assert.Equal(t, []int{11}, r.Values())
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](1)
	ZipWhen(probe.Empty[int](), func(x int) sluice.Publisher[int] { return probe.Just(x) }, plus).Subscribe(r)
	assert.True(t, r.Completed())

	r = probe.NewRecorder[int](1)
	ZipWhen(probe.Just(1), func(x int) sluice.Publisher[int] { return probe.Error[int](errAsync) }, plus).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)

	r = probe.NewRecorder[int](1)
	ZipWhen(probe.Just(1), func(x int) sluice.Publisher[int] { return probe.Just(2) }, func(int, int) int { panic("combine") }).Subscribe(r)
	var pe *sluice.PanicError
	require.ErrorAs(t, r.Err(), &pe)

	never := &probe.Never[int]{}
	r = probe.NewRecorder[int](1)
	ZipWhen[int, int, int](probe.Just(1), func(x int) sluice.Publisher[int] { return never }, plus).Subscribe(r)
	r.Cancel()
	assert.Equal(t, int64(0), never.Live())
}
