package tck

import (
	"errors"
	"os"
	"strconv"
	"time"

	"github.com/sluicego/sluice"
)

// EnvTestBufferSize names the environment variable that sets the buffer
// size handed to ProcessorOptions.CreateProcessor (default 16).
const EnvTestBufferSize = "TEST_BUFFER_SIZE"

// ProcessorOptions configures VerifyIdentityProcessor.
type ProcessorOptions[E any] struct {
	// CreateProcessor returns a processor that relays every element
	// unchanged and can buffer bufferSize elements. Required.
	CreateProcessor func(bufferSize int) sluice.Processor[E, E]
	// CreateElement makes element i for the TCK's helper publisher; it may
	// be called concurrently. Required.
	CreateElement func(i int) E
	// CreateFailedPublisher returns a publisher that signals OnSubscribe
	// then OnError (not a processor); nil skips the tests that need it.
	CreateFailedPublisher func() sluice.Publisher[E]
	// CreateHelperPublisher optionally replaces the TCK's asynchronous
	// helper publisher used as upstream.
	CreateHelperPublisher func(n int64) sluice.Publisher[E]
	// BufferSize is passed to CreateProcessor; 0 means TEST_BUFFER_SIZE,
	// else 16.
	BufferSize int
	// MaxElements, NeverCompletes, BoundedDepthOfOnNextAndRequestRecursion,
	// SkipStochastic, StochasticIterations and GCTimeout are as in
	// PublisherOptions.
	MaxElements                             int64
	NeverCompletes                          bool
	BoundedDepthOfOnNextAndRequestRecursion int64
	SkipStochastic                          bool
	StochasticIterations                    int
	GCTimeout                               time.Duration
	// MaxSupportedSubscribers below 2 skips the multi-subscriber tests; 0
	// means unbounded.
	MaxSupportedSubscribers int64
	// DoesCoordinatedEmission declares that the processor emits only when
	// all its subscribers have demand.
	DoesCoordinatedEmission bool
	// RejectsNilElements opts in to the rule 2.13 OnNext(nil) test.
	RejectsNilElements bool
	// Equal compares elements; nil means reflect.DeepEqual.
	Equal func(a, b E) bool

	Common
}

// VerifyIdentityProcessor runs the 68 tests of the JVM TCK's
// IdentityProcessorVerification: the publisher tests against the processor
// fed by a helper publisher, the whitebox subscriber tests against its
// subscriber side, and three tests of its own.
func VerifyIdentityProcessor[E any](t T, opts ProcessorOptions[E]) {
	t.Helper()
	if opts.CreateProcessor == nil || opts.CreateElement == nil {
		t.Fatalf("tck: ProcessorOptions.CreateProcessor and CreateElement are required")
		return
	}
	bufferSize := opts.BufferSize
	if bufferSize <= 0 {
		bufferSize = 16
		if v, err := strconv.Atoi(os.Getenv(EnvTestBufferSize)); err == nil && v > 0 {
			bufferSize = v
		}
	}
	is := &identitySuite[E]{o: opts, bufferSize: bufferSize, equal: equalFunc(opts.Equal)}
	ps := newPublisherSuite(PublisherOptions[E]{
		Create:       func(int64) sluice.Publisher[E] { return nil },
		CreateFailed: opts.CreateFailedPublisher,
		MaxElements:  opts.MaxElements, NeverCompletes: opts.NeverCompletes,
		BoundedDepthOfOnNextAndRequestRecursion: opts.BoundedDepthOfOnNextAndRequestRecursion,
		SkipStochastic:                          opts.SkipStochastic,
		StochasticIterations:                    opts.StochasticIterations,
		GCTimeout:                               opts.GCTimeout,
		Equal:                                   opts.Equal,
	})
	ps.createIn = is.createPublisher
	ws := &whiteboxSuite[E]{
		createIn:           is.createSubscriber,
		createElement:      opts.CreateElement,
		createHelper:       opts.CreateHelperPublisher,
		rejectsNilElements: opts.RejectsNilElements,
		equal:              is.equal,
	}
	var cases []testCase
	cases = append(cases, ps.cases()...)
	cases = append(cases,
		testCase{name: "required_spec104_mustCallOnErrorOnAllItsSubscribersIfItEncountersANonRecoverableError", kind: required, body: is.spec104},
		testCase{name: "mustImmediatelyPassOnOnErrorEventsReceivedFromItsUpstreamToItsDownstream", kind: mandatory, body: is.passOnError},
	)
	cases = append(cases, ws.cases()...)
	cases = append(cases, testCase{name: "required_mustRequestFromUpstreamForElementsThatHaveBeenRequestedLongAgo", kind: required, body: is.requestedLongAgo})
	runSuite(t, opts.Common, cases)
}

type identitySuite[E any] struct {
	o          ProcessorOptions[E]
	bufferSize int
	equal      func(a, b E) bool
}

func (is *identitySuite[E]) newProcessor(e *env) sluice.Processor[E, E] {
	p := is.o.CreateProcessor(is.bufferSize)
	if p == nil {
		e.fail("CreateProcessor returned nil")
	}
	return p
}

// createPublisher is the publisher side: a processor fed by n elements.
func (is *identitySuite[E]) createPublisher(e *env, n int64) sluice.Publisher[E] {
	p := is.newProcessor(e)
	sourcePublisher(e, is.o.CreateHelperPublisher, is.o.CreateElement, n).Subscribe(p)
	return p
}

// probeSubscriber is the downstream the TCK attaches to a processor under
// whitebox verification: it reports to the probe and is its puppet.
type probeSubscriber[E any] struct {
	probe *WhiteboxProbe[E]
}

type subscriptionPuppet struct{ s sluice.Subscription }

func (p subscriptionPuppet) TriggerRequest(n int64) { p.s.Request(n) }
func (p subscriptionPuppet) SignalCancel()          { p.s.Cancel() }

func (d *probeSubscriber[E]) OnSubscribe(s sluice.Subscription) {
	d.probe.RegisterOnSubscribe(subscriptionPuppet{s})
}
func (d *probeSubscriber[E]) OnNext(v E)        { d.probe.RegisterOnNext(v) }
func (d *probeSubscriber[E]) OnError(err error) { d.probe.RegisterOnError(err) }
func (d *probeSubscriber[E]) OnComplete()       { d.probe.RegisterOnComplete() }

// createSubscriber is the subscriber side: a processor with a TCK
// downstream that subscribed before the processor has an upstream.
func (is *identitySuite[E]) createSubscriber(e *env, probe *WhiteboxProbe[E]) sluice.Subscriber[E] {
	p := is.newProcessor(e)
	p.Subscribe(&probeSubscriber[E]{probe: probe})
	return p
}

// idSetup is the JVM TestSetup: a processor under a manual upstream.
type idSetup[E any] struct {
	e        *env
	is       *identitySuite[E]
	upstream *manualPublisher[E]
	tees     *manualSubscriber[E]
	proc     sluice.Processor[E, E]
	seen     []E
}

func (is *identitySuite[E]) setup(e *env) *idSetup[E] {
	s := &idSetup[E]{e: e, is: is, upstream: newManualPublisher[E](e)}
	s.tees = newSubscribed(e, sourcePublisher(e, is.o.CreateHelperPublisher, is.o.CreateElement, sluice.Unbounded))
	e.call("CreateProcessor", func() { s.proc = is.newProcessor(e) })
	e.call("Publisher.Subscribe (processor to upstream)", func() { s.upstream.Subscribe(s.proc) })
	return s
}

func (s *idSetup[E]) sendNext() E {
	v := s.tees.requestNextElement()
	for _, w := range s.seen {
		if s.is.equal(v, w) {
			s.e.fail("Helper publisher produced a duplicate element [%v]; CreateElement must return distinct elements", v)
		}
	}
	s.seen = append(s.seen, v)
	s.upstream.sendNext(v)
	return v
}

func (s *idSetup[E]) newDownstream() *manualSubscriber[E] {
	d := newManualSubscriber[E](s.e)
	d.errP = newPromise[error](s.e, "downstream onError")
	subscribe(s.e, s.proc, d)
	return d
}

func (s *idSetup[E]) expectNext(d *manualSubscriber[E], want E) {
	got := d.nextElement()
	if !s.is.equal(got, want) {
		s.e.fail("downstream received [%v] but [%v] was sent upstream", got, want)
	}
}

func expectErrorValue[E any](e *env, d *manualSubscriber[E], want error, who string) {
	got := d.errP.expectCompletion(e.d, "%s did not receive the upstream error (rule 4.2: pass it on immediately)", who)
	if got != want && !errors.Is(got, want) {
		e.fail("%s received error %v but upstream signalled %v", who, got, want)
	}
}

func (is *identitySuite[E]) needsTwoSubscribers(e *env) {
	if is.o.MaxSupportedSubscribers != 0 && is.o.MaxSupportedSubscribers < 2 {
		e.skip("Unable to run this test, as it requires at least 2 subscribers (MaxSupportedSubscribers = %d)", is.o.MaxSupportedSubscribers)
	}
}

func (is *identitySuite[E]) spec104(e *env) {
	is.needsTwoSubscribers(e)
	s := is.setup(e)
	s1 := s.newDownstream()
	s2 := s.newDownstream()
	if is.o.DoesCoordinatedEmission {
		s1.request(1)
		s2.request(1)
		s.upstream.expectRequest()
		x := s.sendNext()
		s.expectNext(s1, x)
		s.expectNext(s2, x)
		s1.request(1)
		s2.request(1)
	} else {
		s1.request(1)
		s.upstream.expectRequest()
		x := s.sendNext()
		s.expectNext(s1, x)
		s1.request(1)
		// s2 never requests: it may hold x in its buffer.
	}
	ex := &testError{msg: "spec104: non-recoverable upstream error"}
	s.upstream.sendError(ex)
	expectErrorValue(e, s1, ex, "subscriber 1")
	expectErrorValue(e, s2, ex, "subscriber 2 (no demand, possibly buffered elements)")
	e.verifyNoAsyncErrorsNoDelay()
}

func (is *identitySuite[E]) passOnError(e *env) {
	s := is.setup(e)
	d := s.newDownstream()
	ex := &testError{msg: "upstream error"}
	s.upstream.sendError(ex)
	expectErrorValue(e, d, ex, "the downstream subscriber (no demand)")
	e.verifyNoAsyncErrorsNoDelay()
}

func (is *identitySuite[E]) requestedLongAgo(e *env) {
	is.needsTwoSubscribers(e)
	s := is.setup(e)
	s1 := s.newDownstream()
	s1.request(20)
	total := s.upstream.expectRequest()
	x := s.sendNext()
	s.expectNext(s1, x)
	if total == 1 {
		total += s.upstream.expectRequest()
	}
	y := s.sendNext()
	s.expectNext(s1, y)
	if total == 2 {
		total += s.upstream.expectRequest()
	}
	s2 := s.newDownstream()
	if is.o.DoesCoordinatedEmission {
		s2.expectNone("subscriber 2 received a signal without demand (rule 1.1)")
		s2.request(1)
		z := s.sendNext()
		s.expectNext(s1, z)
		s.expectNext(s2, z)
	} else {
		z := s.sendNext()
		s.expectNext(s1, z)
		s2.expectNone("subscriber 2 received a signal without demand (rule 1.1)")
		s2.request(1)
		s.expectNext(s2, z)
	}
	if total == 3 {
		s.upstream.expectRequest()
	}
	s.upstream.sendCompletion()
	s1.expectCompletion()
	s2.expectCompletion()
	e.verifyNoAsyncErrorsNoDelay()
}
