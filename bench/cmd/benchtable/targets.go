package main

import (
	"fmt"
	"io"

	"github.com/sluicego/sluice/bench/workload"
)

const mb = 1 << 20

// target is one of issue 5's goals, checked against the summaries of one
// run of the suite.
type target struct {
	name  string
	check func(get func(group, impl string) (summary, bool)) (met bool, detail string, ok bool)
}

// speedup is how many times faster sluice is than impl in group.
func speedup(get func(string, string) (summary, bool), group, impl string) (float64, bool) {
	s, ok1 := get(group, workload.Sluice)
	p, ok2 := get(group, impl)
	if !ok1 || !ok2 {
		return 0, false
	}
	return p.median / s.median, true
}

func atLeast(group, impl string, want float64) func(func(string, string) (summary, bool)) (bool, string, bool) {
	return func(get func(string, string) (summary, bool)) (bool, string, bool) {
		r, ok := speedup(get, group, impl)
		if !ok {
			return false, "", false
		}
		detail := fmt.Sprintf("sluice %.2f× %s (want ≥ %.1f×)", r, impl, want)
		if limit, ok := plainSpeedup(get, group, impl); ok {
			detail += fmt.Sprintf("; plain Go, the same frames with no library: %.2f×", limit)
		}
		return r >= want, detail, true
	}
}

// plainSpeedup is how many times faster the plain-Go reference is than impl
// in group, for the RSocket groups, where the plain reference does the same
// exchange of frames with no library: the most any library can reach.
func plainSpeedup(get func(string, string) (summary, bool), group, impl string) (float64, bool) {
	if impl != workload.RSocketGo {
		return 0, false
	}
	pl, ok1 := get(group, workload.Plain)
	p, ok2 := get(group, impl)
	if !ok1 || !ok2 {
		return 0, false
	}
	return p.median / pl.median, true
}

func withinOfPlain(group string, want float64) func(func(string, string) (summary, bool)) (bool, string, bool) {
	return func(get func(string, string) (summary, bool)) (bool, string, bool) {
		r, ok := speedup(get, group, workload.Plain)
		if !ok {
			return false, "", false
		}
		return 1/r <= want, fmt.Sprintf("sluice is %.2f× the plain loop's time (want ≤ %.0f×)", 1/r, want), true
	}
}

func allocsAtMost(group string, want float64) func(func(string, string) (summary, bool)) (bool, string, bool) {
	return func(get func(string, string) (summary, bool)) (bool, string, bool) {
		s, ok := get(group, workload.Sluice)
		if !ok {
			return false, "", false
		}
		return s.allocs <= want+0.005, fmt.Sprintf("%s allocs/%s (want ≤ %g; ±0.005 rounding)", fmtAllocs(s.allocs), s.w.Unit, want), true
	}
}

func rssUnder(group string, limit int64) func(func(string, string) (summary, bool)) (bool, string, bool) {
	return func(get func(string, string) (summary, bool)) (bool, string, bool) {
		s, ok := get(group, workload.Sluice)
		if !ok {
			return false, "", false
		}
		return s.rssMax < limit, fmt.Sprintf("peak RSS %s (want < %d MB)", fmtMB(s.rssMax), limit/mb), true
	}
}

func allocsQuarterOf(group string) func(func(string, string) (summary, bool)) (bool, string, bool) {
	return func(get func(string, string) (summary, bool)) (bool, string, bool) {
		s, ok1 := get(group, workload.Sluice)
		p, ok2 := get(group, workload.RSocketGo)
		if !ok1 || !ok2 {
			return false, "", false
		}
		return s.allocs <= p.allocs/4, fmt.Sprintf("%s vs rsocket-go %s allocs/req (want ≤ ¼)", fmtAllocs(s.allocs), fmtAllocs(p.allocs)), true
	}
}

var targets = []target{
	{"chain: within 4× of the plain loop", withinOfPlain("Chain", 4)},
	{"chain: 0 allocations per element", allocsAtMost("Chain", 0.001)},
	{"request(1): within 20× of the plain loop", withinOfPlain("ChainRequest1", 20)},
	{"request(1): flat stack, peak RSS < 20 MB", rssUnder("ChainRequest1", 20*mb)},
	{"flatMap 1000×1000: ≥ 3× samber/ro", atLeast("FlatMap", workload.Ro, 3)},
	{"request-stream unbounded: ≥ 6× rsocket-go", atLeast("RSocketStream", workload.RSocketGo, 6)},
	{"request-stream batches of 64: ≥ 8× rsocket-go", atLeast("RSocketStreamBatch64", workload.RSocketGo, 8)},
	{"request-stream unbounded: ≤ 1 alloc/msg", allocsAtMost("RSocketStream", 1)},
	{"request-stream batches of 64: ≤ 1 alloc/msg", allocsAtMost("RSocketStreamBatch64", 1)},
	{"request-response sequential: ≥ 1.6× rsocket-go", atLeast("RSocketRequestResponse", workload.RSocketGo, 1.6)},
	{"request-response sequential: p99 below rsocket-go's", func(get func(string, string) (summary, bool)) (bool, string, bool) {
		s, ok1 := get("RSocketRequestResponse", workload.Sluice)
		p, ok2 := get("RSocketRequestResponse", workload.RSocketGo)
		if !ok1 || !ok2 {
			return false, "", false
		}
		return s.p99 < p.p99, fmt.Sprintf("p99 %.1f µs vs %.1f µs", s.p99, p.p99), true
	}},
	{"request-response sequential: ≤ ¼ of rsocket-go's allocs/op", allocsQuarterOf("RSocketRequestResponse")},
	{"request-response 64 in flight: ≥ 3× rsocket-go", atLeast("RSocketRequestResponse64", workload.RSocketGo, 3)},
	{"request-response 64 in flight: ≤ ¼ of rsocket-go's allocs/op", allocsQuarterOf("RSocketRequestResponse64")},
	{"fire-and-forget: ≥ 5× rsocket-go", atLeast("RSocketFireAndForget", workload.RSocketGo, 5)},
	{"request-channel echo: ≥ 5× rsocket-go", atLeast("RSocketChannel", workload.RSocketGo, 5)},
	{"request-stream 1M: peak RSS < 40 MB", rssUnder("RSocketStream", 40*mb)},
	{"request-stream batches of 64: peak RSS < 40 MB", rssUnder("RSocketStreamBatch64", 40*mb)},
	{"fire-and-forget 1M: peak RSS < 40 MB", rssUnder("RSocketFireAndForget", 40*mb)},
}

func printTargets(out io.Writer, sums map[string]summary) {
	get := func(group, impl string) (summary, bool) {
		s, ok := sums[group+"/"+impl]
		return s, ok && s.ok > 0
	}
	fmt.Fprintln(out, "Issue 5 targets (ratios from this run):")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| target | result | measured |")
	fmt.Fprintln(out, "|---|---|---|")
	for _, t := range targets {
		met, detail, ok := t.check(get)
		verdict := "MISSED"
		switch {
		case !ok:
			verdict, detail = "not measured", "a workload it needs is missing or failed"
		case met:
			verdict = "met"
		}
		fmt.Fprintf(out, "| %s | %s | %s |\n", t.name, verdict, detail)
	}
}
