package operators

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZipNormal(t *testing.T) {
	r := probe.NewRecorder[string](sluice.Unbounded)
	Zip2(probe.Range(0, 3), probe.Just("a", "b", "c", "d"), func(i int, s string) string {
		return strconv.Itoa(i) + s
	}, 2).Subscribe(r)
	assert.Equal(t, []string{"0a", "1b", "2c"}, r.Values())
	assert.True(t, r.Completed())

	r2 := probe.NewRecorder[int](sluice.Unbounded)
	ZipSlice([]sluice.Publisher[int]{
		&probe.GoRange{Start: 0, Count: 500},
		probe.Range(1000, 600),
		&probe.GoRange{Start: 2000, Count: 500},
	}, func(row []int) int { return row[0] + row[1] + row[2] }, 8).Subscribe(r2)
	require.True(t, r2.Await(asyncWait))
	require.Len(t, r2.Values(), 500)
	for i, v := range r2.Values() {
		require.Equal(t, 3000+3*i, v)
	}
	assert.Empty(t, r2.Violations())
}

func TestZipArities(t *testing.T) {
	j := func(v int) sluice.Publisher[int] { return probe.Just(v) }
	cases := []struct {
		name string
		pub  sluice.Publisher[string]
		want string
	}{
		{"3", Zip3(j(1), j(2), j(3), func(a, b, c int) string { return fmt.Sprint(a, b, c) }, 0), "1 2 3"},
		{"4", Zip4(j(1), j(2), j(3), j(4), func(a, b, c, d int) string { return fmt.Sprint(a, b, c, d) }, 0), "1 2 3 4"},
		{"5", Zip5(j(1), j(2), j(3), j(4), j(5), func(a, b, c, d, e int) string { return fmt.Sprint(a, b, c, d, e) }, 0), "1 2 3 4 5"},
		{"6", Zip6(j(1), j(2), j(3), j(4), j(5), j(6), func(a, b, c, d, e, f int) string { return fmt.Sprint(a, b, c, d, e, f) }, 0), "1 2 3 4 5 6"},
		{"7", Zip7(j(1), j(2), j(3), j(4), j(5), j(6), j(7), func(a, b, c, d, e, f, g int) string { return fmt.Sprint(a, b, c, d, e, f, g) }, 0), "1 2 3 4 5 6 7"},
		{"8", Zip8(j(1), j(2), j(3), j(4), j(5), j(6), j(7), j(8), func(a, b, c, d, e, f, g, h int) string { return fmt.Sprint(a, b, c, d, e, f, g, h) }, 0), "1 2 3 4 5 6 7 8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := probe.NewRecorder[string](sluice.Unbounded)
			c.pub.Subscribe(r)
			assert.Equal(t, []string{c.want}, r.Values())
			assert.True(t, r.Completed())
		})
	}
}

func TestZipEmptyAndError(t *testing.T) {
	add := func(a, b int) int { return a + b }
	r := probe.NewRecorder[int](1)
	Zip2(probe.Empty[int](), probe.Range(0, 5), add, 2).Subscribe(r)
	assert.True(t, r.Completed())
	assert.Empty(t, r.Values())

	never := &probe.Never[int]{}
	r = probe.NewRecorder[int](1)
	Zip2[int, int](never, probe.Error[int](errAsync), add, 2).Subscribe(r)
	assert.ErrorIs(t, r.Err(), errAsync)
	assert.Equal(t, int64(0), never.Live())

	r = probe.NewRecorder[int](1)
	ZipSlice[int, int](nil, func([]int) int { return 0 }, 2).Subscribe(r)
	assert.True(t, r.Completed())
}

func TestZipPanic(t *testing.T) {
	a := probe.NewSpy(probe.Range(0, 10))
	r := probe.NewRecorder[int](sluice.Unbounded)
	Zip2[int, int](a, probe.Range(0, 10), func(x, y int) int {
		if x == 2 {
			panic("zip fn")
		}
		return x + y
	}, 4).Subscribe(r)
	var pe *sluice.PanicError
	require.ErrorAs(t, r.Err(), &pe)
	assert.Equal(t, []int{0, 2}, r.Values())
	assert.Equal(t, int64(1), a.Cancelled.Load())
}

func TestZipBoundedDemandAndCancel(t *testing.T) {
	a, b := probe.NewSpy(probe.Range(0, 100)), probe.NewSpy(probe.Range(0, 100))
	r := probe.NewRecorder[int](0)
	Zip2[int, int](a, b, func(x, y int) int { return x * y }, 8).Subscribe(r)
	for i := 1; i <= 20; i++ {
		r.Request(1)
		require.Equal(t, i, r.Len())
		require.LessOrEqual(t, a.Emitted.Load()-int64(i), int64(8))
	}
	r.Request(10)
	assert.Equal(t, 30, r.Len())
	r.Cancel()
	assert.Equal(t, int64(1), a.Cancelled.Load())
	assert.Equal(t, int64(1), b.Cancelled.Load())
	r.Request(10)
	assert.Equal(t, 30, r.Len())
	assert.False(t, r.Terminated())
}

func TestZipInvalidDemand(t *testing.T) {
	r := probe.NewRecorder[int](0)
	Zip2(probe.Range(0, 3), probe.Range(0, 3), func(x, y int) int { return x }, 2).Subscribe(r)
	r.Request(0)
	assert.ErrorIs(t, r.Err(), sluice.ErrInvalidDemand)
}
