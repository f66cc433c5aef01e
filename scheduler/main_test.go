package scheduler

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// waitBound bounds every wait in these tests; it is generous on purpose and
// never used to assert how long something took.
const waitBound = 10 * time.Second

// errSink collects what a scheduler hands its error hook.
type errSink chan error

func newErrSink() errSink { return make(errSink, 1024) }

func (s errSink) hook(err error) { s <- err }

func (s errSink) next(t testing.TB) error {
	t.Helper()
	select {
	case err := <-s:
		return err
	case <-time.After(waitBound):
		t.Fatal("no error reached the hook")
		return nil
	}
}

func (s errSink) empty(t testing.TB) {
	t.Helper()
	select {
	case err := <-s:
		t.Fatalf("unexpected error reached the hook: %v", err)
	default:
	}
}

// wait blocks until ch is closed or receives, failing the test after waitBound.
func wait[T any](t testing.TB, ch <-chan T, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(waitBound):
		t.Fatalf("timed out waiting for %s", what)
	}
}
