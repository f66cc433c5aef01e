package workload

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Result is what one measurement of one workload found.
type Result struct {
	Name          string  `json:"name"`
	Group         string  `json:"group"`
	Impl          string  `json:"impl"`
	Unit          string  `json:"unit"`
	Size          int     `json:"size"`
	Rounds        int     `json:"rounds"`
	NsPerUnit     float64 `json:"ns_per_unit"`
	UnitsPerSec   float64 `json:"units_per_sec"`
	AllocsPerUnit float64 `json:"allocs_per_unit"`
	BytesPerUnit  float64 `json:"bytes_per_unit"`
	P50Micros     float64 `json:"p50_us,omitempty"`
	P99Micros     float64 `json:"p99_us,omitempty"`
	PeakRSS       int64   `json:"peak_rss_bytes"`
	Note          string  `json:"note,omitempty"`
	Err           string  `json:"error,omitempty"`
}

// Measure sets w up at size, runs one warm-up round, then runs rounds until
// minTime has passed (at least one, at most maxRounds) and reports the time,
// allocations (process-wide, so both ends of an in-process connection
// count) and latency percentiles per unit. PeakRSS is the process's high
// water mark, meaningful when the process ran only this workload.
func Measure(w Workload, size int, minTime time.Duration, maxRounds int) (Result, error) {
	res := Result{Name: w.Name(), Group: w.Group, Impl: w.Impl, Unit: w.Unit, Size: size, Note: w.Note}
	r, err := w.New(size)
	if err != nil {
		return res, err
	}
	defer r.Close()
	if err := r.Round(); err != nil {
		return res, fmt.Errorf("warm-up round: %w", err)
	}
	lat, _ := r.(Latencies)
	if lat != nil {
		lat.Reset()
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start := time.Now()
	rounds := 0
	for rounds < max(1, maxRounds) {
		if err := r.Round(); err != nil {
			return res, fmt.Errorf("round %d: %w", rounds+1, err)
		}
		rounds++
		if time.Since(start) >= minTime {
			break
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&m1)
	units := float64(rounds) * float64(size)
	res.Rounds = rounds
	res.NsPerUnit = float64(elapsed.Nanoseconds()) / units
	res.UnitsPerSec = units / elapsed.Seconds()
	res.AllocsPerUnit = float64(m1.Mallocs-m0.Mallocs) / units
	res.BytesPerUnit = float64(m1.TotalAlloc-m0.TotalAlloc) / units
	if s := samplesOf(lat); len(s) > 0 {
		res.P50Micros = float64(Percentile(s, 0.50)) / 1e3
		res.P99Micros = float64(Percentile(s, 0.99)) / 1e3
	}
	res.PeakRSS = PeakRSS()
	return res, nil
}

// PeakRSS returns the process's peak resident set size in bytes: VmHWM from
// /proc/self/status, or getrusage's maxrss where /proc is missing.
func PeakRSS() int64 {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil {
					return kb << 10
				}
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return int64(ru.Maxrss) << 10 // kilobytes on Linux
	}
	return 0
}

func samplesOf(l Latencies) []time.Duration {
	if l == nil {
		return nil
	}
	return l.Samples()
}
