package operators

import (
	"testing"

	"github.com/sluicego/sluice"
)

func TestStepRetryWhenRepeatWhen(t *testing.T) {
	twice := []int{1, 2, 3, 1, 2, 3}
	// One retry, then the failure goes through.
	retryOnce := func(signals sluice.Publisher[RetrySignal]) sluice.Publisher[int] {
		return Handle(signals, func(s RetrySignal, sink SynchronousSink[int]) {
			if s.TotalRetries < 1 {
				sink.Next(0)
				return
			}
			sink.Error(s.Failure)
		})
	}
	// One more round, then complete.
	// (The companion's completion ends the stream at once, so it must
	// complete only at the second round's end.)
	repeatOnce := func(completions sluice.Publisher[int64]) sluice.Publisher[int64] {
		rounds := 0
		return Handle(completions, func(n int64, sink SynchronousSink[int64]) {
			rounds++
			if rounds == 1 {
				sink.Next(n)
				return
			}
			sink.Complete()
		})
	}
	runStepSuite(t,
		stepCase[int, int]{
			name: "RetryWhen",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RetryWhen(src, retryOnce)
			}),
			in: ints123, want: ints123, errWant: twice, cancelWant: []int{1},
			upstream: exactUpstream,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RetryWhen(src, func(sluice.Publisher[RetrySignal]) sluice.Publisher[int] { panic(errStepPanic) })
			}),
			panicNoCancel: true,
		},
		stepCase[int, int]{
			name: "RepeatWhen",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RepeatWhen(src, repeatOnce)
			}),
			in: ints123, want: twice, errWant: ints123, cancelWant: []int{1},
			upstream: carriedOver,
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return RepeatWhen(src, func(sluice.Publisher[int64]) sluice.Publisher[int] { panic(errStepPanic) })
			}),
			panicNoCancel: true,
		},
	)
}
