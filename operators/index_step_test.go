package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepIndex(t *testing.T) {
	want := []Indexed[string]{{0, "a"}, {1, "b"}, {2, "c"}}
	runStepSuite(t, stepCase[string, Indexed[string]]{
		name: "Index",
		op:   plain(func(src sluice.Publisher[string]) sluice.Publisher[Indexed[string]] { return Index(src) }),
		in:   []string{"a", "b", "c"}, want: want, errWant: want,
		cancelWant: want[:1],
		upstream:   exactUpstream,
	})
}
