package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck/step"
)

// prefixThenError expects a prefix of in (in order), then errStep.
func prefixThenError(in []int) func(v *step.Verifier[int]) *step.Verifier[int] {
	return func(v *step.Verifier[int]) *step.Verifier[int] {
		i := 0
		return v.ThenConsumeWhile(func(x int) bool {
			if i >= len(in) || in[i] != x {
				return false // left for ExpectErrorIs, which then fails
			}
			i++
			return true
		}).ExpectErrorIs(errStep)
	}
}

// Multicast operators with one subscriber: they relay the source, bounded
// by their prefetch.
func TestStepMulticast(t *testing.T) {
	const prefetch = 2
	in := []int{1, 2, 3, 4, 5}
	mk := func(name string, op func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int], keeps string) stepCase[int, int] {
		return stepCase[int, int]{
			name: name, op: op,
			in: in, want: in, cancelWant: []int{1},
			// Publish documents that an error overtakes buffered elements:
			// some of the elements, in order, then the error.
			errEnd:              prefixThenError(in),
			cancelKeepsUpstream: keeps,
			upstream:            atMostUpstream(prefetch),
		}
	}
	replay := func(c stepCase[int, int]) stepCase[int, int] { c.errWant, c.errEnd = in, nil; return c }
	runStepSuite(t,
		mk("Share", plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Share(src, prefetch) }), ""),
		mk("RefCount(Publish)", func(env *stepEnv, src sluice.Publisher[int]) sluice.Publisher[int] {
			return RefCount(Publish(src, prefetch), 1, 0, env.vt)
		}, ""),
		mk("AutoConnect(Publish)", plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return AutoConnect(Publish(src, prefetch), 1)
		}), "AutoConnect keeps the connection when its subscribers leave"),
		// Replay (and Cache) deliver every element before the error.
		replay(mk("AutoConnect(Replay)", plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
			return AutoConnect(Replay(src, 10, prefetch), 1)
		}), "AutoConnect keeps the connection when its subscribers leave")),
		replay(mk("Cache", plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Cache(src, prefetch) }),
			"Cache keeps its source running for later subscribers")),
	)
}
