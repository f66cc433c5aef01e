package mono_test

import (
	"testing"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/mono"
	"github.com/sluicego/sluice/scheduler"
	"github.com/sluicego/sluice/tck"
)

// verifyMono runs the publisher verification on a mono operator, in a
// parallel subtest, with the TCK's MaxElements = 1: one builds the operator
// with a value, empty builds it completing empty, failed builds it failing
// without demand.
func verifyMono[T any](t *testing.T, name string, one, empty func() mono.Mono[T], failed func() mono.Mono[T]) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		tck.VerifyPublisher(t, tck.PublisherOptions[T]{
			Create: func(n int64) sluice.Publisher[T] {
				if n == 0 {
					return empty()
				}
				return one()
			},
			CreateFailed:         failedOrNil(failed),
			MaxElements:          1,
			StochasticIterations: 10,
		})
	})
}

func failedOrNil[T any](failed func() mono.Mono[T]) func() sluice.Publisher[T] {
	if failed == nil {
		return nil
	}
	return func() sluice.Publisher[T] { return failed() }
}

// TestTCKOperators runs the publisher verification on the mono operators
// (issue 3's "mono: Zip, ZipWhen, Then, ThenReturn, FlatMap, Filter,
// DefaultIfEmpty, SwitchIfEmpty, Timeout, Cache, Delay, DoOnSuccess", and
// the other methods). FlatMapMany and Repeat return a Flux and are verified
// in flux/tck_test.go. Time operators run with a zero delay on
// scheduler.Immediate, or with an hour's timeout or TTL on a virtual clock
// that is never advanced.
func TestTCKOperators(t *testing.T) {
	just := func() mono.Mono[int] { return mono.Just(7) }
	empty := mono.Empty[int]
	// The failing mono signals its error at subscription: mono.Error is a
	// fuse.Seq, which a fold (Then, ThenReturn, HasElement) runs on the
	// first Request only, so over it the error would come on demand, while
	// the TCK's failed publisher must fail without demand.
	fail := func() mono.Mono[int] { return mono.Create(func(s mono.MonoSink[int]) { s.Error(errTCK) }) }
	plus := func(a, b int) int { return a + b }
	never := func(int) bool { return false }
	always := func(int) bool { return true }
	vt := func() scheduler.Scheduler { return scheduler.NewVirtual() }
	imm := scheduler.Immediate()

	verifyMono(t, "Zip2",
		func() mono.Mono[int] { return mono.Zip2(just(), just(), plus) },
		func() mono.Mono[int] { return mono.Zip2(just(), empty(), plus) },
		func() mono.Mono[int] { return mono.Zip2(fail(), just(), plus) })
	verifyMono(t, "Zip3",
		func() mono.Mono[int] {
			return mono.Zip3(just(), just(), just(), func(a, b, c int) int { return a + b + c })
		},
		func() mono.Mono[int] { return mono.Zip3(just(), empty(), just(), func(a, b, c int) int { return a }) },
		func() mono.Mono[int] { return mono.Zip3(just(), just(), fail(), func(a, b, c int) int { return a }) })
	verifyMono(t, "Zip4",
		func() mono.Mono[int] {
			return mono.Zip4(just(), just(), just(), just(), func(a, _, _, _ int) int { return a })
		},
		func() mono.Mono[int] {
			return mono.Zip4(empty(), just(), just(), just(), func(a, _, _, _ int) int { return a })
		},
		func() mono.Mono[int] {
			return mono.Zip4(just(), fail(), just(), just(), func(a, _, _, _ int) int { return a })
		})
	first := func(row []int) int { return row[0] }
	verifyMono(t, "ZipSlice",
		func() mono.Mono[int] { return mono.ZipSlice([]mono.Mono[int]{just(), just(), just()}, first) },
		func() mono.Mono[int] { return mono.ZipSlice([]mono.Mono[int]{just(), empty()}, first) },
		func() mono.Mono[int] { return mono.ZipSlice([]mono.Mono[int]{fail(), just()}, first) })
	verifyMono(t, "ZipWhen",
		func() mono.Mono[int] { return mono.ZipWhen(just(), func(int) mono.Mono[int] { return just() }, plus) },
		func() mono.Mono[int] { return mono.ZipWhen(just(), func(int) mono.Mono[int] { return empty() }, plus) },
		func() mono.Mono[int] { return mono.ZipWhen(fail(), func(int) mono.Mono[int] { return just() }, plus) })
	verifyMono(t, "ZipWhenEmptySource",
		func() mono.Mono[int] { return mono.ZipWhen(just(), func(int) mono.Mono[int] { return just() }, plus) },
		func() mono.Mono[int] { return mono.ZipWhen(empty(), func(int) mono.Mono[int] { return just() }, plus) },
		func() mono.Mono[int] { return mono.ZipWhen(fail(), func(int) mono.Mono[int] { return just() }, plus) })
	verifyMono(t, "Then",
		func() mono.Mono[int] { return mono.Then[int](just(), just()) },
		func() mono.Mono[int] { return mono.Then[int](just(), empty()) },
		func() mono.Mono[int] { return mono.Then[int](fail(), just()) })
	verifyMono(t, "ThenReturn",
		func() mono.Mono[string] { return mono.ThenReturn[int](just(), "done") },
		func() mono.Mono[string] {
			return mono.ThenReturn[int](just(), "done").Filter(func(string) bool { return false })
		},
		func() mono.Mono[string] { return mono.ThenReturn[int](fail(), "done") })
	t.Run("ThenEmpty", func(t *testing.T) {
		t.Parallel()
		tck.VerifyPublisher(t, tck.PublisherOptions[struct{}]{
			Create:       func(int64) sluice.Publisher[struct{}] { return just().Then() },
			CreateFailed: func() sluice.Publisher[struct{}] { return fail().Then() },
			MaxElements:  tck.EmptyOnly,
		})
	})
	verifyMono(t, "FlatMap",
		func() mono.Mono[int] { return mono.FlatMap[int](just(), func(int) mono.Mono[int] { return just() }) },
		func() mono.Mono[int] { return mono.FlatMap[int](empty(), func(int) mono.Mono[int] { return just() }) },
		func() mono.Mono[int] { return mono.FlatMap[int](fail(), func(int) mono.Mono[int] { return just() }) })
	// An inner failure comes only after the source's value, that is after a
	// Request: it is the Create and empty cases' concern, not the failed
	// publisher's.
	verifyMono(t, "FlatMapEmptyInner",
		func() mono.Mono[int] { return mono.FlatMap[int](just(), func(int) mono.Mono[int] { return just() }) },
		func() mono.Mono[int] { return mono.FlatMap[int](just(), func(int) mono.Mono[int] { return empty() }) },
		func() mono.Mono[int] { return mono.FlatMap[int](fail(), func(int) mono.Mono[int] { return just() }) })
	verifyMono(t, "Map",
		func() mono.Mono[int] { return mono.Map[int](just(), func(x int) int { return x + 1 }) },
		func() mono.Mono[int] { return mono.Map[int](empty(), func(x int) int { return x + 1 }) },
		func() mono.Mono[int] { return mono.Map[int](fail(), func(x int) int { return x + 1 }) })
	verifyMono(t, "Filter",
		func() mono.Mono[int] { return just().Filter(always) },
		func() mono.Mono[int] { return just().Filter(never) },
		func() mono.Mono[int] { return fail().Filter(always) })
	verifyMono(t, "HasElement",
		func() mono.Mono[bool] { return empty().HasElement() },
		func() mono.Mono[bool] { return just().HasElement().Filter(func(bool) bool { return false }) },
		func() mono.Mono[bool] { return fail().HasElement() })
	verifyMono(t, "DefaultIfEmpty",
		func() mono.Mono[int] { return empty().DefaultIfEmpty(1) },
		func() mono.Mono[int] { return empty().DefaultIfEmpty(1).Filter(never) },
		func() mono.Mono[int] { return fail().DefaultIfEmpty(1) })
	verifyMono(t, "SwitchIfEmpty",
		func() mono.Mono[int] { return empty().SwitchIfEmpty(just()) },
		func() mono.Mono[int] { return empty().SwitchIfEmpty(empty()) },
		func() mono.Mono[int] { return fail().SwitchIfEmpty(just()) })
	verifyMono(t, "Timeout",
		func() mono.Mono[int] { return just().Timeout(time.Hour, vt()) },
		func() mono.Mono[int] { return empty().Timeout(time.Hour, vt()) },
		func() mono.Mono[int] { return fail().Timeout(time.Hour, vt()) })
	verifyMono(t, "TimeoutFallback",
		func() mono.Mono[int] { return mono.Never[int]().TimeoutFallback(0, just(), imm) },
		func() mono.Mono[int] { return mono.Never[int]().TimeoutFallback(0, empty(), imm) },
		func() mono.Mono[int] { return mono.Never[int]().TimeoutFallback(0, fail(), imm) })
	verifyMono(t, "Cache",
		func() mono.Mono[int] { return just().Cache() },
		func() mono.Mono[int] { return empty().Cache() },
		func() mono.Mono[int] { return fail().Cache() })
	verifyMono(t, "CacheFor",
		func() mono.Mono[int] { return just().CacheFor(time.Hour, vt()) },
		func() mono.Mono[int] { return empty().CacheFor(time.Hour, vt()) },
		func() mono.Mono[int] { return fail().CacheFor(time.Hour, vt()) })
	verifyMono(t, "Delay",
		func() mono.Mono[int64] { return mono.Delay(0, imm) },
		func() mono.Mono[int64] { return mono.Delay(0, imm).Filter(func(int64) bool { return false }) },
		nil) // mono.Delay cannot fail
	verifyMono(t, "DelayElement",
		func() mono.Mono[int] { return just().DelayElement(0, imm) },
		func() mono.Mono[int] { return empty().DelayElement(0, imm) },
		func() mono.Mono[int] { return fail().DelayElement(0, imm) })
	verifyMono(t, "DelaySubscription",
		func() mono.Mono[int] { return just().DelaySubscription(0, imm) },
		func() mono.Mono[int] { return empty().DelaySubscription(0, imm) },
		func() mono.Mono[int] { return fail().DelaySubscription(0, imm) })
	verifyMono(t, "DoOnSuccess",
		func() mono.Mono[int] { return just().DoOnSuccess(func(int, bool) {}) },
		func() mono.Mono[int] { return empty().DoOnSuccess(func(int, bool) {}) },
		func() mono.Mono[int] { return fail().DoOnSuccess(func(int, bool) {}) })
	verifyMono(t, "DoOnError",
		func() mono.Mono[int] { return just().DoOnError(func(error) {}) },
		func() mono.Mono[int] { return empty().DoOnError(func(error) {}) },
		func() mono.Mono[int] { return fail().DoOnError(func(error) {}) })
	verifyMono(t, "DoOnCancel",
		func() mono.Mono[int] { return just().DoOnCancel(func() {}) },
		func() mono.Mono[int] { return empty().DoOnCancel(func() {}) },
		func() mono.Mono[int] { return fail().DoOnCancel(func() {}) })
	verifyMono(t, "OnErrorReturn",
		func() mono.Mono[int] { return fail().OnErrorReturn(1) },
		func() mono.Mono[int] { return empty().OnErrorReturn(1) },
		nil) // it cannot fail: the failing source is OnErrorMap's below
	verifyMono(t, "OnErrorMap",
		func() mono.Mono[int] { return just().OnErrorMap(func(e error) error { return e }) },
		func() mono.Mono[int] { return empty().OnErrorMap(func(e error) error { return e }) },
		func() mono.Mono[int] { return fail().OnErrorMap(func(e error) error { return e }) })
	verifyMono(t, "OnErrorResume",
		func() mono.Mono[int] { return fail().OnErrorResume(func(error) mono.Mono[int] { return just() }) },
		func() mono.Mono[int] { return fail().OnErrorResume(func(error) mono.Mono[int] { return empty() }) },
		func() mono.Mono[int] { return fail().OnErrorResume(func(error) mono.Mono[int] { return fail() }) })
	verifyMono(t, "Retry",
		func() mono.Mono[int] { return just().Retry(2) },
		func() mono.Mono[int] { return empty().Retry(2) },
		func() mono.Mono[int] { return fail().Retry(2) })
}
