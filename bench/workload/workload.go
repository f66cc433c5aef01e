// Package workload holds the side-by-side benchmark workloads: each piece of
// work written against sluice, against every peer library that can express
// it, and as a plain-Go reference (a loop, channels, or raw length-prefixed
// TCP frames) that marks the physical limit.
//
// A Workload is one library doing one kind of work. Its Runner performs a
// round of Size units (elements, operations, messages, frames) and checks
// the result (a checksum or a count), so a fast wrong answer fails. The
// testing.B benchmarks, cmd/benchrun and the correctness tests all drive the
// same Runners.
package workload

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Library names used as Workload.Impl.
const (
	Sluice      = "sluice"
	SluiceLocal = "sluice-local"
	ReactorGo   = "reactor-go"
	Ro          = "samber-ro"
	RxGo        = "rxgo"
	RSocketGo   = "rsocket-go"
	Plain       = "plain"
)

// Workload is one library doing one kind of work.
type Workload struct {
	// Group names the work ("Chain", "RSocketStream"); benchmarks are named
	// Benchmark<Group>/<Impl>.
	Group string
	// Impl names the library (one of the constants above).
	Impl string
	// Unit is what Size counts: "elem", "req" (a request-response
	// operation), "msg" or "frame".
	Unit string
	// Size is the number of units in one round at full size.
	Size int
	// Note is a caveat printed under the table, if any.
	Note string
	// New prepares a runner for rounds of size units (servers, connections,
	// schedulers are set up here, outside the measured time).
	New func(size int) (Runner, error)
}

// Name is Group/Impl.
func (w Workload) Name() string { return w.Group + "/" + w.Impl }

// Runner runs rounds of one workload.
type Runner interface {
	// Round does the work once (Size units) and returns an error if the
	// result is wrong or the work failed.
	Round() error
	// Close releases what New set up.
	Close() error
}

// Latencies is implemented by runners that time each operation
// (request-response); Samples returns the latencies recorded since the last
// Reset.
type Latencies interface {
	Samples() []time.Duration
	Reset()
}

var registry []Workload

func register(ws ...Workload) { registry = append(registry, ws...) }

// All returns every workload, ordered by group (in the order of the issue)
// and with sluice first in each group.
func All() []Workload {
	out := slices.Clone(registry)
	sort.SliceStable(out, func(i, j int) bool {
		gi, gj := groupRank(out[i].Group), groupRank(out[j].Group)
		if gi != gj {
			return gi < gj
		}
		return implRank(out[i].Impl) < implRank(out[j].Impl)
	})
	return out
}

// Groups lists the group names in table order.
var Groups = []string{
	"Chain", "ChainReduce", "ChainRequest1", "ChainRequest256", "FlatMap",
	"PublishOn", "Merge8", "Zip2",
	"RSocketRequestResponse", "RSocketRequestResponse64", "RSocketStream",
	"RSocketStreamBatch64", "RSocketStreamLimitRate64", "RSocketFireAndForget", "RSocketChannel",
}

var impls = []string{Sluice, SluiceLocal, ReactorGo, Ro, RxGo, RSocketGo, Plain}

func groupRank(g string) int {
	if i := slices.Index(Groups, g); i >= 0 {
		return i
	}
	return len(Groups)
}

func implRank(s string) int {
	if i := slices.Index(impls, s); i >= 0 {
		return i
	}
	return len(impls)
}

// Group returns the workloads of one group in table order.
func Group(g string) []Workload {
	var out []Workload
	for _, w := range All() {
		if w.Group == g {
			out = append(out, w)
		}
	}
	return out
}

// Find returns the workload named Group/Impl.
func Find(name string) (Workload, error) {
	for _, w := range registry {
		if strings.EqualFold(w.Name(), name) {
			return w, nil
		}
	}
	return Workload{}, fmt.Errorf("workload %q not found", name)
}

// funcRunner adapts a round function with nothing to close.
type funcRunner func() error

func (f funcRunner) Round() error { return f() }
func (funcRunner) Close() error   { return nil }

// pure wraps a round function of size in a New.
func pure(round func(size int) error) func(int) (Runner, error) {
	return func(size int) (Runner, error) {
		return funcRunner(func() error { return round(size) }), nil
	}
}

func mismatch(what string, got, want any) error {
	return fmt.Errorf("%s: got %v, want %v", what, got, want)
}
