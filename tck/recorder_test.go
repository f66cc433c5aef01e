package tck_test

import (
	"testing"

	"github.com/sluicego/sluice/tck"
)

// requireAllPass fails t if a subtest recorded by rec failed.
func requireAllPass(t *testing.T, rec *tck.Recorder) {
	t.Helper()
	for n, res := range rec.Results() {
		if res.Failed {
			t.Errorf("%s failed:\n%s", n, res.Message)
		}
	}
}
