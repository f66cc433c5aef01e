package workload_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/bench/workload"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m, workload.LeakOptions()...) }

// tinySize is the size every workload runs at in tests: small enough for CI,
// big enough to cross batch and prefetch boundaries (256, 64, 32).
func tinySize(w workload.Workload) int {
	switch w.Group {
	case "FlatMap":
		return 30 * 30
	case "RSocketRequestResponse", "RSocketRequestResponse64":
		return 200
	}
	return 1000
}

func TestEveryWorkloadAtTinySize(t *testing.T) {
	for _, w := range workload.All() {
		t.Run(w.Name(), func(t *testing.T) {
			r, err := w.New(tinySize(w))
			require.NoError(t, err)
			defer func() { require.NoError(t, r.Close()) }()
			for range 2 { // twice: runners are reused across rounds
				require.NoError(t, r.Round())
			}
		})
	}
}

func TestEveryGroupHasSluiceAndPlain(t *testing.T) {
	for _, g := range workload.Groups {
		var impls []string
		for _, w := range workload.Group(g) {
			impls = append(impls, w.Impl)
		}
		require.Contains(t, impls, workload.Plain, g)
	}
}
