package mono

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// TestSourcesOnSubscribePanic: FromFunc, FromChannel and Never contain a
// panic in the subscriber's OnSubscribe the way Create and the pull sources
// do (rule 2.13): Subscribe returns normally, the subscription counts as
// cancelled so nothing more is signalled, and the panic goes to the
// dropped-error hook as a *sluice.PanicError.
func TestSourcesOnSubscribePanic(t *testing.T) {
	type src struct {
		name  string
		mk    func(calls *int) Mono[int]
		early int // values delivered when Request(1) ran before the panic
	}
	srcs := []src{
		{"FromFunc", func(calls *int) Mono[int] {
			return FromFunc(func(context.Context) (int, error) { *calls++; return 1, nil })
		}, 1},
		{"FromChannel", func(*int) Mono[int] {
			ch := make(chan int, 1)
			ch <- 1
			return FromChannel(ch)
		}, 0}, // the receive starts after OnSubscribe returns: never
		{"Never", func(*int) Mono[int] { return Never[int]() }, 0},
	}
	for _, s := range srcs {
		for _, tc := range []struct {
			name   string
			before func(s sluice.Subscription)
		}{
			{"plain", nil},
			{"after Request", func(s sluice.Subscription) { s.Request(1) }},
		} {
			t.Run(s.name+"/"+tc.name, func(t *testing.T) {
				dropped := captureDropped(t)
				calls := 0
				m := s.mk(&calls)
				p := &onSubPanicky{before: tc.before}
				require.NotPanics(t, func() { m.Subscribe(p) })
				p.sub.Request(1) // cancelled: a no-op
				p.sub.Cancel()
				want := 0
				if tc.before != nil {
					want = s.early
				}
				assert.Equal(t, want, p.nexts)
				assert.Equal(t, want, p.completes)
				assert.Equal(t, want, calls)
				assert.NoError(t, p.err)
				got := dropped()
				require.Len(t, got, 1)
				var pe *sluice.PanicError
				require.ErrorAs(t, got[0], &pe)
				assert.Equal(t, "OnSubscribe bug", pe.Value)
			})
		}
	}
}
