package workload

import (
	"bytes"
	"slices"
	"sort"
	"time"
)

// Sizes of the RSocket workloads.
const (
	RequestResponseSize = 20_000
	StreamSize          = 1_000_000
	FireAndForgetSize   = 1_000_000
	ChannelSize         = 100_000
	InFlight            = 64
	StreamBatch         = 64
	// StreamReplenish is what the RSocketStreamLimitRate64 workloads
	// request each time that many of the first StreamBatch arrived
	// (Reactor's limitRate(64): three quarters).
	StreamReplenish = 48
)

// msg is the 16-byte payload every RSocket workload sends; receivers
// compare each payload with it and count them.
var msg = []byte("sluice-bench-16B")

func checkMsg(b []byte) error {
	if !bytes.Equal(b, msg) {
		return mismatch("payload", b, msg)
	}
	return nil
}

// latencies records one duration per request-response operation.
type latencies struct{ d []time.Duration }

func (l *latencies) Samples() []time.Duration { return l.d }
func (l *latencies) Reset()                   { l.d = l.d[:0] }
func (l *latencies) add(d time.Duration)      { l.d = append(l.d, d) }

// Percentile returns the q-quantile (0 ≤ q ≤ 1) of d by nearest rank; it
// sorts a copy.
func Percentile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}
