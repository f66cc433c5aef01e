package workload_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/sluicego/sluice/bench/workload"
)

// runGroup runs every library of one group as a sub-benchmark, so names read
// BenchmarkChain/sluice, BenchmarkChain/reactor-go, BenchmarkChain/plain.
// One benchmark op is one round (Size units); the per-unit metrics are
// reported beside ns/op and allocs/op (which count the whole process, both
// ends of a connection included).
func runGroup(b *testing.B, group string) {
	for _, w := range workload.Group(group) {
		b.Run(w.Impl, func(b *testing.B) {
			r, err := w.New(w.Size)
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				if err := r.Close(); err != nil {
					b.Error(err)
				}
			}()
			if err := r.Round(); err != nil { // warm-up, and a result check
				b.Fatal(err)
			}
			lat, _ := r.(workload.Latencies)
			if lat != nil {
				lat.Reset()
			}
			b.ReportAllocs()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			for b.Loop() {
				if err := r.Round(); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&m1)
			units := float64(b.N) * float64(w.Size)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/units, "ns/"+w.Unit)
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/units, "allocs/"+w.Unit)
			b.ReportMetric(units/b.Elapsed().Seconds(), w.Unit+"s/s")
			if s := samples(lat); len(s) > 0 {
				b.ReportMetric(float64(workload.Percentile(s, 0.50))/float64(time.Microsecond), "p50-µs")
				b.ReportMetric(float64(workload.Percentile(s, 0.99))/float64(time.Microsecond), "p99-µs")
			}
		})
	}
}

func samples(l workload.Latencies) []time.Duration {
	if l == nil {
		return nil
	}
	return l.Samples()
}

func BenchmarkChain(b *testing.B)           { runGroup(b, "Chain") }
func BenchmarkChainReduce(b *testing.B)     { runGroup(b, "ChainReduce") }
func BenchmarkChainRequest1(b *testing.B)   { runGroup(b, "ChainRequest1") }
func BenchmarkChainRequest256(b *testing.B) { runGroup(b, "ChainRequest256") }
func BenchmarkFlatMap(b *testing.B)         { runGroup(b, "FlatMap") }
func BenchmarkPublishOn(b *testing.B)       { runGroup(b, "PublishOn") }
func BenchmarkMerge8(b *testing.B)          { runGroup(b, "Merge8") }
func BenchmarkZip2(b *testing.B)            { runGroup(b, "Zip2") }

func BenchmarkRSocketRequestResponse(b *testing.B)   { runGroup(b, "RSocketRequestResponse") }
func BenchmarkRSocketRequestResponse64(b *testing.B) { runGroup(b, "RSocketRequestResponse64") }
func BenchmarkRSocketStream(b *testing.B)            { runGroup(b, "RSocketStream") }
func BenchmarkRSocketStreamBatch64(b *testing.B)     { runGroup(b, "RSocketStreamBatch64") }
func BenchmarkRSocketStreamLimitRate64(b *testing.B) { runGroup(b, "RSocketStreamLimitRate64") }
func BenchmarkRSocketFireAndForget(b *testing.B)     { runGroup(b, "RSocketFireAndForget") }
func BenchmarkRSocketChannel(b *testing.B)           { runGroup(b, "RSocketChannel") }
