package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

func TestStepThen(t *testing.T) {
	runStepSuite(t,
		stepCase[int, string]{
			name: "Then",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[string] {
				return Then(src, probe.Just("a", "b"))
			}),
			in: ints123, want: []string{"a", "b"}, emptyWant: []string{"a", "b"},
		},
		stepCase[int, string]{
			name: "ThenReturn",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[string] { return ThenReturn(src, "done") }),
			in:   ints123, want: []string{"done"}, emptyWant: []string{"done"},
		},
	)
	runStepSuite(t, stepCase[int, struct{}]{
		name: "ThenEmpty",
		op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[struct{}] { return ThenEmpty(src) }),
		in:   ints123,
	})
}
