package rsocket

import (
	"context"
	"math"
	"time"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
)

// Connect dials the server, sends SETUP and returns the connection. There
// is no SETUP acknowledgement in RSocket: a server that rejects the setup
// answers with an ERROR, after which the connection is closed and every
// request fails with an error matching ErrConnectionClosed and
// ErrRejectedSetup (or ErrInvalidSetup, ErrUnsupportedSetup).
func Connect(ctx context.Context, d transport.Dialer, opts SetupOptions) (*Conn, error) {
	ka := opts.KeepaliveInterval
	if ka <= 0 {
		ka = DefaultKeepaliveInterval
	}
	lt := opts.MaxLifetime
	if lt <= 0 {
		lt = DefaultMaxLifetime
	}
	dataMime, mdMime := opts.DataMimeType, opts.MetadataMimeType
	if dataMime == "" {
		dataMime = DefaultDataMimeType
	}
	if mdMime == "" {
		mdMime = DefaultMetadataMimeType
	}
	setup := &frame.SetupFrame{
		MajorVersion:      frame.MajorVersion,
		MinorVersion:      frame.MinorVersion,
		KeepaliveInterval: millis(ka),
		MaxLifetime:       millis(lt),
		MetadataMIMEType:  mdMime,
		DataMIMEType:      dataMime,
		Metadata:          opts.SetupPayload.Metadata,
		HasMetadata:       opts.SetupPayload.HasMetadata,
		Data:              opts.SetupPayload.Data,
	}
	if err := setup.Validate(); err != nil {
		return nil, err
	}
	t, err := d.Dial(ctx)
	if err != nil {
		return nil, err
	}
	c := newConn(t, connConfig{
		client:        true,
		opts:          opts.ConnectionOptions,
		keepalive:     ka,
		lifetime:      lt,
		sendKeepalive: true,
		handler:       opts.Responder,
	})
	c.sendFrame(setup)
	c.start()
	return c, nil
}

// millis converts d to a positive 31-bit number of milliseconds.
func millis(d time.Duration) uint32 {
	ms := d.Milliseconds()
	switch {
	case ms < 1:
		return 1
	case ms > math.MaxInt32:
		return math.MaxInt32
	}
	return uint32(ms)
}
