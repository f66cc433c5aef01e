// Package tck is a Go port of the Reactive Streams TCK (JVM TCK 1.0.4):
// verifications that any Go Reactive Streams implementation can run in its
// own tests against its publishers, subscribers and processors.
//
// Each verification runs one subtest per JVM TCK test method, with the same
// name, so reports line up with JVM ones:
//
//   - required_… tests cover a MUST and fail when it is violated; they are
//     skipped only when a precondition is not met (too few elements, no
//     failed publisher, a publisher that never completes, fewer than two
//     subscribers).
//   - optional_… tests cover a MAY or SHOULD; a violation is reported as a
//     skip whose message starts with OptionalSkipPrefix (except
//     optional_spec104_mustSignalOnErrorWhenFails, which fails for real when
//     the failed publisher misbehaves).
//   - stochastic_… tests repeat a body (100 times by default); a pass is not
//     a proof.
//   - untested_… tests are always skipped with the reason
//     (UntestedSkipPrefix).
//
// # Running the TCK against your publisher
//
// In a _test.go file of your package:
//
//	func TestMyPublisherTCK(t *testing.T) {
//		tck.VerifyPublisher(t, tck.PublisherOptions[int]{
//			// exactly n elements, then OnComplete; n == math.MaxInt64: infinite
//			Create: func(n int64) sluice.Publisher[int] { return mypkg.Count(n) },
//			// OnSubscribe, then OnError; nil skips the two tests that need it
//			CreateFailed: func() sluice.Publisher[int] { return mypkg.Fail[int](errors.New("boom")) },
//			MaxElements:  0, // unbounded
//		})
//	}
//
// Subscribers are verified with VerifySubscriberWhitebox (the subscriber
// reports what it receives to a WhiteboxProbe and exposes a puppet the TCK
// uses to make it request and cancel) or VerifySubscriberBlackbox (no
// instrumentation, fewer checks); processors that relay their input
// unchanged with VerifyIdentityProcessor.
//
// # Timeouts
//
// Waits for something that must happen are bounded by Timeouts.Default
// (env DEFAULT_TIMEOUT_MILLIS, default 1 s); observations that nothing
// happens last Timeouts.NoSignals (env DEFAULT_NO_SIGNALS_TIMEOUT_MILLIS,
// default 200 ms); expected errors are polled every Timeouts.Poll (env
// DEFAULT_POLL_TIMEOUT_MILLIS). The rule 3.13 test waits GCTimeout (env
// PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS, default 300 ms) before forcing a
// garbage collection. Every call the TCK makes into the implementation from
// the test goroutine runs under a watchdog: a call that does not return
// within the default timeout fails the test instead of hanging the binary.
//
// # Failures
//
// Assertions on the test goroutine stop the subtest; failures observed on
// the implementation's goroutines (a signal before OnSubscribe, two
// signals overlapping, an unexpected OnError) are recorded and reported at
// the end of the test. The TCK never calls t.Fatal from a goroutine other
// than the subtest's.
//
// The verifications accept a T, which *testing.T implements; another type
// can drive them if it also implements Runner. Recorder is such a type: it
// records each subtest's outcome instead of failing the calling test, so a
// test in any module can feed a deliberately broken implementation to a
// verification and assert that the subtest of the violated rule failed (the
// TCK's own tests do exactly that; see ExampleRecorder).
//
// Package step (tck/step) holds the step verifier used to test operators.
package tck
