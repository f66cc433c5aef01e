package operators

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// carriedOver: the source's counter sums all subscriptions, and demand
// left unmet when a subscription ends is requested again from the next
// one, so the total may exceed the downstream demand by what was
// outstanding at the one resubscription of these scripts (at most the
// batch).
func carriedOver(t *testing.T, down, up int64) {
	t.Helper()
	require.LessOrEqual(t, up, down+1, "upstream demand")
	require.GreaterOrEqual(t, up, min(down, 3), "upstream demand")
}

func TestStepRepeatRetry(t *testing.T) {
	twice := []int{1, 2, 3, 1, 2, 3}
	runStepSuite(t,
		stepCase[int, int]{
			name: "Repeat",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Repeat(src, 1) }),
			in:   ints123, want: twice, errWant: ints123,
			cancelWant: []int{1}, upstream: carriedOver,
		},
		stepCase[int, int]{
			name: "RepeatWhile",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				n := 0
				return RepeatWhile(src, func() bool { n++; return n < 2 })
			}),
			in: ints123, want: twice, errWant: ints123,
			cancelWant: []int{1}, upstream: carriedOver,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RepeatWhile(src, func() bool { panic(errStepPanic) })
			}),
			panicWant: ints123, panicNoCancel: true,
		},
		stepCase[int, int]{
			name: "Retry",
			op:   plain(func(src sluice.Publisher[int]) sluice.Publisher[int] { return Retry(src, 1) }),
			in:   ints123, want: ints123, errWant: twice,
			cancelWant: []int{1}, upstream: exactUpstream,
		},
		stepCase[int, int]{
			name: "RetryWhile",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RetryWhile(src, 1, func(error) bool { return true })
			}),
			in: ints123, want: ints123, errWant: twice,
			cancelWant: []int{1}, upstream: exactUpstream,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RetryWhile(src, 1, func(error) bool { panic(errStepPanic) })
			}),
			panicEnd: endError, panicWant: ints123, panicNoCancel: true,
		},
	)
}
