package mono

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// onSubPanicky panics in OnSubscribe after running before.
type onSubPanicky struct {
	termRec
	before func(s sluice.Subscription)
}

func (p *onSubPanicky) OnSubscribe(s sluice.Subscription) {
	p.sub = s
	if p.before != nil {
		p.before(s)
	}
	panic("OnSubscribe bug")
}

// TestCreateOnSubscribePanic: a panic in the subscriber's own OnSubscribe
// does not leave Subscribe (rule 2.13): the subscription counts as
// cancelled, the emitter is never called, nothing is signalled, and the
// panic goes to the dropped-error hook as a *sluice.PanicError.
func TestCreateOnSubscribePanic(t *testing.T) {
	for _, tc := range []struct {
		name    string
		before  func(s sluice.Subscription)
		invalid bool // the rule 3.9 error was delivered before the panic
	}{
		{"plain", nil, false},
		{"after Request", func(s sluice.Subscription) { s.Request(1) }, false},
		{"after invalid Request", func(s sluice.Subscription) { s.Request(0) }, true},
		{"after Cancel", func(s sluice.Subscription) { s.Cancel() }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dropped := captureDropped(t)
			called := 0
			m := Create(func(s MonoSink[int]) { called++; s.Success(1) })
			p := &onSubPanicky{before: tc.before}
			require.NotPanics(t, func() { m.Subscribe(p) })
			p.sub.Request(1)
			p.sub.Cancel()
			assert.Zero(t, called, "the emitter is not called")
			assert.Zero(t, p.completes)
			assert.Zero(t, p.nexts)
			if tc.invalid {
				assert.ErrorIs(t, p.err, sluice.ErrInvalidDemand)
			} else {
				assert.NoError(t, p.err)
			}
			got := dropped()
			require.Len(t, got, 1)
			var pe *sluice.PanicError
			require.ErrorAs(t, got[0], &pe)
			assert.Equal(t, "OnSubscribe bug", pe.Value)
		})
	}
}
