package operators

import (
	"errors"
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// overSignalling is a 0..1 source that misbehaves the way a Flux adapted
// with mono.From does: on the first Request it emits every value in vs,
// then err (or completes when err is nil).
func overSignalling(err error, vs ...int) (sluice.Publisher[int], *int) {
	cancels := new(int)
	return probe.PublisherFunc[int](func(s sluice.Subscriber[int]) {
		started := false
		s.OnSubscribe(subFuncs{
			request: func(int64) {
				if started {
					return
				}
				started = true
				for _, v := range vs {
					s.OnNext(v)
				}
				if err != nil {
					s.OnError(err)
				} else {
					s.OnComplete()
				}
			},
			cancel: func() { *cancels++ },
		})
	}), cancels
}

type subFuncs struct {
	request func(int64)
	cancel  func()
}

func (s subFuncs) Request(n int64) { s.request(n) }
func (s subFuncs) Cancel()         { s.cancel() }

// MonoFlatMap and ZipWhen share one rule for a source that keeps signalling
// after its value, as Reactor's MonoFlatMap and MonoZip do: the first value
// wins, later values and errors go to the dropped hooks, and the result
// ends as the inner publisher ends.
func TestMonoFirstValueWins(t *testing.T) {
	boom := errors.New("late error")
	ops := []struct {
		name string
		op   func(sluice.Publisher[int]) sluice.Publisher[int]
	}{
		{"MonoFlatMap", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return MonoFlatMap(src, func(v int) sluice.Publisher[int] { return probe.Just(v * 10) })
		}},
		{"ZipWhen", func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return ZipWhen(src, func(v int) sluice.Publisher[int] { return probe.Just(v * 10) },
				func(a, b int) int { return b })
		}},
	}
	srcs := []struct {
		name        string
		err         error
		vs          []int
		nextDropped []any
		errDropped  bool
	}{
		{"value then error", boom, []int{1}, nil, true},
		{"values then error", boom, []int{1, 2, 3}, []any{2, 3}, true},
		{"values then complete", nil, []int{1, 2}, []any{2}, false},
	}
	for _, o := range ops {
		for _, c := range srcs {
			t.Run(o.name+"/"+c.name, func(t *testing.T) {
				var nexts []any
				var errs []error
				prev := sluice.SetDroppedHooks(sluice.DroppedHooks{
					OnNextDropped:  func(v any) { nexts = append(nexts, v) },
					OnErrorDropped: func(err error) { errs = append(errs, err) },
				})
				defer sluice.SetDroppedHooks(prev)

				src, cancels := overSignalling(c.err, c.vs...)
				r := probe.NewRecorder[int](sluice.Unbounded)
				o.op(src).Subscribe(r)

				require.True(t, r.Completed(), "ends as the inner ends, not with the late error")
				assert.Equal(t, []int{10}, r.Values())
				assert.Equal(t, c.nextDropped, nexts)
				if c.errDropped {
					require.Len(t, errs, 1)
					assert.ErrorIs(t, errs[0], boom)
				} else {
					assert.Empty(t, errs)
				}
				assert.Equal(t, 0, *cancels, "a Mono source is not cancelled after its value")
				assert.Empty(t, r.Violations())
			})
		}
	}
}
