package fuse

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// plain is a Publisher that cannot be fused.
type plain struct{}

func (plain) Subscribe(sluice.Subscriber[int]) {}

// loop is a fusable publisher of 0..n-1.
type loop struct{ n int }

func (loop) Subscribe(sluice.Subscriber[int]) {}

func (l loop) ForEach(yield func(int) bool) error {
	for i := range l.n {
		if !yield(i) {
			return nil
		}
	}
	return nil
}

// facade wraps a publisher the way flux.Flux and mono.Mono do.
type facade struct{ p sluice.Publisher[int] }

func (f facade) Subscribe(s sluice.Subscriber[int]) { f.p.Subscribe(s) }
func (f facade) Unwrap() sluice.Publisher[int]      { return f.p }

func TestUnwrap(t *testing.T) {
	l := loop{n: 3}
	assert.Equal(t, sluice.Publisher[int](l), Unwrap[int](l), "a non-facade is returned as is")
	assert.Equal(t, sluice.Publisher[int](l), Unwrap[int](facade{p: facade{p: l}}), "nested facades are stripped")
	empty := facade{p: nil}
	assert.Equal(t, sluice.Publisher[int](empty), Unwrap[int](empty), "a facade around nil stays")
}

func TestAsSeq(t *testing.T) {
	s, ok := AsSeq[int](facade{p: loop{n: 5}})
	require.True(t, ok)
	var got []int
	require.NoError(t, s.ForEach(func(v int) bool { got = append(got, v); return v < 2 }))
	assert.Equal(t, []int{0, 1, 2}, got, "ForEach stops when yield returns false")

	_, ok = AsSeq[int](facade{p: plain{}})
	assert.False(t, ok)
	_, ok = AsSeq[int](plain{})
	assert.False(t, ok)
}
