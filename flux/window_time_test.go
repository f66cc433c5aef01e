package flux_test

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/operators"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck/step"
)

func TestWindowTimeFacade(t *testing.T) {
	v := scheduler.NewVirtual()
	defer v.Dispose()
	src := flux.Interval(time.Second, v).Take(4)
	windows := flux.WindowTime(src, 2500*time.Millisecond, v)
	collected := operators.ConcatMap[flux.Flux[int64], []int64](windows, func(w flux.Flux[int64]) sluice.Publisher[[]int64] {
		return operators.CollectList[int64](w)
	}, 1)
	step.Create(collected, step.WithVirtualTime(v)).
		ThenAdvance(2500 * time.Millisecond).
		ExpectNext([]int64{0, 1}).
		ThenAdvance(1500 * time.Millisecond).
		ExpectNext([]int64{2, 3}).
		ExpectComplete().
		Verify(t)
}
