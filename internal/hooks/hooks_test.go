package hooks

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCancelRunsOnceThenLateRegistrationRunsAtOnce(t *testing.T) {
	var l Lifecycle
	calls := 0
	l.OnCancel(func() { calls++ })
	l.Cancel()
	l.Cancel()
	assert.Equal(t, 1, calls)
	l.Dispose()
	late := 0
	l.OnCancel(func() { late++ })
	assert.Equal(t, 1, late, "registered after cancel: runs at once")
}

func TestDisposeWithoutCancelDoesNotRunCancel(t *testing.T) {
	var l Lifecycle
	cancelled, disposed := 0, 0
	l.OnCancel(func() { cancelled++ })
	l.OnDispose(func() { disposed++ })
	ctx := l.Context()
	l.Dispose()
	l.Dispose()
	assert.Zero(t, cancelled)
	assert.Equal(t, 1, disposed)
	require.Error(t, ctx.Err())
	l.OnCancel(func() { cancelled++ })
	l.Cancel()
	assert.Zero(t, cancelled, "a terminated sink is not cancelled")
	l.OnDispose(func() { disposed++ })
	assert.Equal(t, 2, disposed, "registered after dispose: runs at once")
	require.Error(t, l.Context().Err())
}

func TestCallReportsPanics(t *testing.T) {
	var got error
	prev := sluice.SetDroppedHooks(sluice.DroppedHooks{OnErrorDropped: func(err error) { got = err }})
	defer sluice.SetDroppedHooks(prev)
	Call(nil)
	Call(func() { panic("boom") })
	var pe *sluice.PanicError
	require.True(t, errors.As(got, &pe))
	assert.Equal(t, "boom", pe.Value)
}
