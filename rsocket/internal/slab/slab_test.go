package slab_test

import (
	"testing"

	"github.com/sluicego/sluice/rsocket/internal/slab"
	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCarvedSlicesDoNotOverlap(t *testing.T) {
	var a slab.Allocator
	x := a.Get(10)
	y := a.Get(10)
	for i := range x {
		x[i] = 1
	}
	for i := range y {
		y[i] = 2
	}
	assert.Equal(t, byte(1), x[9])
	assert.Len(t, append(x, 9), 11)
	assert.Equal(t, byte(2), y[0], "appending to x must not overwrite y")
	big := a.Get(slab.MaxCarve + 1)
	assert.Len(t, big, slab.MaxCarve+1)
}

func BenchmarkGet(b *testing.B) {
	var a slab.Allocator
	b.ReportAllocs()
	for b.Loop() {
		a.Get(40)
	}
}
