package tck_test

import (
	"fmt"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/tck"
)

// greedy is a broken publisher: on the first Request it emits every element,
// whatever the demand (a rule 1.1 violation).
type greedy struct{ n int64 }

func (p greedy) Subscribe(s sluice.Subscriber[int]) {
	if s == nil {
		panic(sluice.ErrNilSubscriber)
	}
	s.OnSubscribe(&greedySub{n: p.n, down: s})
}

type greedySub struct {
	n       int64
	down    sluice.Subscriber[int]
	started bool
}

func (g *greedySub) Request(int64) {
	if g.started {
		return
	}
	g.started = true
	for i := range g.n {
		g.down.OnNext(int(i))
	}
	g.down.OnComplete()
}

func (g *greedySub) Cancel() {}

// A Recorder runs a verification without failing the calling test, so a test
// (in any module) can check that the TCK catches a broken publisher.
func ExampleRecorder() {
	const rule = "required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements"
	rec := tck.NewRecorder(rule)
	tck.VerifyPublisher(rec, tck.PublisherOptions[int]{
		Create: func(n int64) sluice.Publisher[int] { return greedy{n: n} },
	})
	res, ran := rec.Result(rule)
	fmt.Println("ran:", ran, "failed:", res.Failed)
	fmt.Println(rec.FailedNames())
	// Output:
	// ran: true failed: true
	// [required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements]
}
