// Command benchtable runs the side-by-side suite several times, each
// workload in a fresh benchrun process (so peak RSS is per workload), and
// prints one Markdown table: per workload and library the median time per
// unit and its spread over the runs, throughput, allocations per unit,
// latency percentiles, peak RSS, and sluice's speed relative to each peer
// and to the plain-Go limit; then issue 5's targets, each marked met or
// missed with the measured ratio.
//
//	cd bench && go run ./cmd/benchtable -runs 5
//	go run ./cmd/benchtable -runs 1 -run 'Chain|FlatMap'   # a subset
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/sluicego/sluice/bench/workload"
)

func main() {
	runs := flag.Int("runs", 5, "runs of the whole suite (the table shows medians over runs)")
	filter := flag.String("run", "", "only workloads whose Group/impl matches this regexp")
	minTime := flag.Duration("time", 500*time.Millisecond, "per process: keep running rounds until this much time has passed")
	maxRounds := flag.Int("max-rounds", 30, "per process: at most this many measured rounds")
	timeout := flag.Duration("timeout", 5*time.Minute, "per process time limit")
	jsonOut := flag.String("json", "", "also write every raw result to this file (JSON lines)")
	flag.Parse()

	re, err := regexp.Compile(*filter)
	if err != nil {
		fatal(err)
	}
	var ws []workload.Workload
	for _, w := range workload.All() {
		if re.MatchString(w.Name()) {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		fatal(fmt.Errorf("no workload matches %q", *filter))
	}

	dir, err := os.MkdirTemp("", "benchtable")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "benchrun")
	build := exec.Command("go", "build", "-o", bin, "github.com/sluicego/sluice/bench/cmd/benchrun")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fatal(fmt.Errorf("building benchrun: %w", err))
	}

	var raw io.Writer = io.Discard
	if *jsonOut != "" {
		f, err := os.Create(*jsonOut)
		if err != nil {
			fatal(err)
		}
		defer f.Close()
		raw = f
	}

	results := map[string][]workload.Result{}
	began := time.Now()
	// Runs are interleaved (every workload once, then again) so that a slow
	// spell of the machine spreads over all workloads instead of one.
	for run := 1; run <= *runs; run++ {
		for i, w := range ws {
			fmt.Fprintf(os.Stderr, "run %d/%d  %2d/%d  %-40s", run, *runs, i+1, len(ws), w.Name())
			r := runOne(bin, w, *minTime, *maxRounds, *timeout)
			if r.Err != "" {
				fmt.Fprintf(os.Stderr, " FAILED: %s\n", r.Err)
			} else {
				fmt.Fprintf(os.Stderr, " %10.1f ns/%s  %6.1f MB\n", r.NsPerUnit, r.Unit, float64(r.PeakRSS)/(1<<20))
			}
			results[w.Name()] = append(results[w.Name()], r)
			b, _ := json.Marshal(r)
			fmt.Fprintln(raw, string(b))
		}
	}
	printTable(os.Stdout, ws, results, *runs, time.Since(began))
}

func runOne(bin string, w workload.Workload, minTime time.Duration, maxRounds int, timeout time.Duration) workload.Result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-w", w.Name(), "-time", minTime.String(), "-max-rounds", fmt.Sprint(maxRounds))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	runErr := cmd.Run()
	var r workload.Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		r = workload.Result{Name: w.Name(), Group: w.Group, Impl: w.Impl, Unit: w.Unit}
		msg := strings.TrimSpace(errb.String())
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		r.Err = fmt.Sprintf("%v: %s", runErr, msg)
	}
	return r
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchtable:", err)
	os.Exit(1)
}

// summary is a workload's statistics over the runs.
type summary struct {
	w                 workload.Workload
	ok, failed        int
	firstErr          string
	median, lo, hi    float64 // ns per unit
	allocs, bytes     float64 // medians
	p50, p99          float64 // medians, µs
	rssMedian, rssMax int64
}

func summarize(w workload.Workload, rs []workload.Result) summary {
	s := summary{w: w}
	var ns, al, by, p50, p99 []float64
	var rss []int64
	for _, r := range rs {
		if r.Err != "" {
			s.failed++
			if s.firstErr == "" {
				s.firstErr = r.Err
			}
			continue
		}
		s.ok++
		ns = append(ns, r.NsPerUnit)
		al = append(al, r.AllocsPerUnit)
		by = append(by, r.BytesPerUnit)
		p50 = append(p50, r.P50Micros)
		p99 = append(p99, r.P99Micros)
		rss = append(rss, r.PeakRSS)
	}
	if s.ok == 0 {
		return s
	}
	s.median, s.lo, s.hi = median(ns), slices.Min(ns), slices.Max(ns)
	s.allocs, s.bytes, s.p50, s.p99 = median(al), median(by), median(p50), median(p99)
	slices.Sort(rss)
	s.rssMedian, s.rssMax = rss[len(rss)/2], rss[len(rss)-1]
	return s
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func printTable(out io.Writer, ws []workload.Workload, results map[string][]workload.Result, runs int, took time.Duration) {
	fmt.Fprintf(out, "sluice side-by-side benchmarks — %s, %s, %s/%s, GOMAXPROCS=%d, %s\n",
		time.Now().Format("2006-01-02"), runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), cpuModel())
	fmt.Fprintf(out, "%d run(s), each workload in a fresh process per run; suite took %s\n\n", runs, took.Round(time.Second))
	fmt.Fprintln(out, "| workload | library | median | spread | throughput | allocs/unit | p50 | p99 | peak RSS | sluice vs this |")
	fmt.Fprintln(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|---|")

	sums := map[string]summary{}
	var notes []string
	for _, w := range ws {
		sums[w.Name()] = summarize(w, results[w.Name()])
		if w.Note != "" && !slices.Contains(notes, w.Note) {
			notes = append(notes, w.Note)
		}
	}
	for _, g := range workload.Groups {
		base, hasBase := sums[g+"/"+workload.Sluice]
		for _, w := range ws {
			if w.Group != g {
				continue
			}
			s := sums[w.Name()]
			if s.ok == 0 {
				fmt.Fprintf(out, "| %s | %s | FAILED (%d/%d) | | | | | | | %s |\n", g, w.Impl, s.failed, s.failed, cell(s.firstErr))
				continue
			}
			ratio := "—"
			switch {
			case !hasBase || base.ok == 0 || w.Impl == workload.Sluice:
			case w.Impl == workload.SluiceLocal:
				ratio = fmt.Sprintf("in-process: %.2f× TCP's speed", base.median/s.median)
			default:
				ratio = versus(s.median / base.median)
			}
			failNote := ""
			if s.failed > 0 {
				failNote = fmt.Sprintf(" (%d run(s) failed)", s.failed)
			}
			fmt.Fprintf(out, "| %s | %s | %s/%s | ±%.0f%% | %s %s/s | %s | %s | %s | %s | %s%s |\n",
				g, w.Impl, fmtNs(s.median), w.Unit, 50*(s.hi-s.lo)/s.median,
				fmtCount(1e9/s.median), w.Unit, fmtAllocs(s.allocs),
				fmtMicros(s.p50), fmtMicros(s.p99), fmtMB(s.rssMax), ratio, failNote)
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "median: time per unit, median over runs; spread: ±half the min–max range over runs, in % of the median;")
	fmt.Fprintln(out, "allocs/unit: heap allocations per unit, whole process (both ends of a connection); peak RSS: VmHWM, highest over runs;")
	fmt.Fprintln(out, "sluice vs this: this library's median time ÷ sluice's (TCP for RSocket), i.e. how much faster sluice is;")
	fmt.Fprintln(out, "sluice-local is sluice over the in-process transport, compared with sluice over TCP.")
	for _, n := range notes {
		fmt.Fprintf(out, "- %s\n", n)
	}
	fmt.Fprintln(out)
	printTargets(out, sums)
}

func versus(r float64) string {
	switch {
	case r >= 1:
		return fmt.Sprintf("sluice %.2f× faster", r)
	default:
		return fmt.Sprintf("sluice %.2f× slower", 1/r)
	}
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "/"), "\n", " ") }

func fmtNs(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	case ns >= 100:
		return fmt.Sprintf("%.0f ns", ns)
	case ns >= 10:
		return fmt.Sprintf("%.1f ns", ns)
	default:
		return fmt.Sprintf("%.2f ns", ns)
	}
}

func fmtCount(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2fG", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1fk", v/1e3)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

func fmtAllocs(a float64) string {
	switch {
	case a == 0:
		return "0"
	case a < 0.01:
		return fmt.Sprintf("%.4f", a)
	default:
		return fmt.Sprintf("%.2f", a)
	}
}

func fmtMicros(us float64) string {
	if us == 0 {
		return ""
	}
	return fmt.Sprintf("%.1f µs", us)
}

func fmtMB(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
