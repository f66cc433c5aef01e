package transporttest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/transport"
	"github.com/sluicego/sluice/rsocket/transport/internal/transporttest"
	"github.com/sluicego/sluice/rsocket/transport/tcp"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func listenTCP(t testing.TB, max int) (transport.Listener, transport.Dialer) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{MaxFrameLength: max})
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return l, tcp.NewDialer(l.Addr().String(), tcp.Options{})
}

// TestSuiteOverTCP runs the suite over the reference transport: a failure
// here is the suite's (or the connection's), not a new transport's.
func TestSuiteOverTCP(t *testing.T) {
	transporttest.Run(t, transporttest.Transport{Listen: listenTCP})
}

// BenchmarkRequestStreamTCP is the baseline for the websocket and quic
// packages' BenchmarkRequestStream.
func BenchmarkRequestStreamTCP(b *testing.B) {
	l, d := listenTCP(b, 0)
	transporttest.BenchStream(b, l, d)
}
