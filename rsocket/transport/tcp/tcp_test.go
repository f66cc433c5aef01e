package tcp_test

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

func listen(t testing.TB, max int) (transport.Listener, transport.Dialer) {
	l, err := tcp.Listen(context.Background(), "127.0.0.1:0", tcp.Options{MaxFrameLength: max})
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return l, tcp.NewDialer(l.Addr().String(), tcp.Options{})
}

// TestRSocketOverTCP runs the transport suite shared with websocket and
// quic.
func TestRSocketOverTCP(t *testing.T) {
	transporttest.Run(t, transporttest.Transport{Listen: listen})
}

func BenchmarkRequestStream(b *testing.B) {
	l, d := listen(b, 0)
	transporttest.BenchStream(b, l, d)
}
