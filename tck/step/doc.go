// Package step is a step verifier for Reactive Streams publishers, after
// Reactor's StepVerifier: a script of expected signals that subscribes on
// Verify, requests as told, and fails the test with the step that did not
// hold, what it expected and every signal that arrived.
//
//	step.Create[int](flux.Range(1, 3)).
//		ExpectNext(1, 2).
//		ExpectNextCount(1).
//		ExpectComplete().
//		Verify(t)
//
// The verifier also fails on protocol violations it observes along the
// way: more elements than requested (rule 1.1), a signal after the terminal
// one (rule 1.7), signals before OnSubscribe (rule 1.9) and a second
// OnSubscribe (rule 2.5).
//
// By default the verifier requests everything on subscription
// (WithInitialRequest changes that; 0 requests nothing until ThenRequest).
// Time-based operators are tested without sleeping by passing a virtual
// clock (WithVirtualTime, satisfied by *scheduler.Virtual): ExpectNoEvent
// and ThenAdvance then move the clock instead of waiting.
package step
