package operators_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
)

// Zip fuses a pull-based source it subscribed itself, never one reached
// through an operator that relays the pull subscription unchanged (the
// operator would be skipped).
func TestZipDoesNotFuseThroughRelayingOperators(t *testing.T) {
	plus := func(a, b int) int { return a + b }
	times10 := func(x int) int { return x * 10 }
	cases := []struct {
		name string
		got  *rec[int]
		want []int
	}{
		{"map", all(operators.Zip2(operators.Map(flux.Range(0, 3), times10), flux.Range(0, 3), plus, 4)), []int{0, 11, 22}},
		{"filter", all(operators.Zip2(operators.Filter(flux.Range(0, 6), func(x int) bool { return x%2 == 1 }), flux.Range(0, 3), plus, 4)), []int{1, 4, 7}},
		{"map then filter", all(operators.Zip2(operators.Filter(operators.Map(flux.Range(0, 6), times10), func(x int) bool { return x >= 30 }), flux.Range(0, 3), plus, 4)), []int{30, 41, 52}},
		{"plain ranges still fuse", all(operators.Zip2(flux.Range(5, 3), flux.Range(0, 3), plus, 4)), []int{5, 7, 9}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.got.values())
			assert.True(t, c.got.completed)
			assert.Equal(t, 1, c.got.terminals)
		})
	}
}
