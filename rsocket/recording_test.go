package rsocket_test

import (
	"context"
	"sync"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
)

// recordingConn records every frame written and read through it.
type recordingConn struct {
	transport.Conn
	mu       sync.Mutex
	sent     []frame.Frame
	received []frame.Frame
	maxSent  int
}

func (r *recordingConn) WriteFrame(b []byte) error {
	if f, err := frame.Parse(b); err == nil {
		r.mu.Lock()
		r.sent = append(r.sent, frame.Clone(f))
		r.maxSent = max(r.maxSent, len(b))
		r.mu.Unlock()
	}
	return r.Conn.WriteFrame(b)
}

func (r *recordingConn) ReadFrame() ([]byte, error) {
	b, err := r.Conn.ReadFrame()
	if err == nil {
		if f, perr := frame.Parse(b); perr == nil {
			r.mu.Lock()
			r.received = append(r.received, frame.Clone(f))
			r.mu.Unlock()
		}
	}
	return b, err
}

// sentOf returns the frames of type t written so far.
func (r *recordingConn) sentOf(t frame.FrameType) []frame.Frame { return r.of(t, true) }

// receivedOf returns the frames of type t read so far.
func (r *recordingConn) receivedOf(t frame.FrameType) []frame.Frame { return r.of(t, false) }

func (r *recordingConn) of(t frame.FrameType, sent bool) []frame.Frame {
	r.mu.Lock()
	defer r.mu.Unlock()
	src := r.received
	if sent {
		src = r.sent
	}
	var out []frame.Frame
	for _, f := range src {
		if f.Type() == t {
			out = append(out, f)
		}
	}
	return out
}

// recordingDialer wraps the connections of another dialer.
type recordingDialer struct {
	d    transport.Dialer
	mu   sync.Mutex
	last *recordingConn
}

func (d *recordingDialer) Dial(ctx context.Context) (transport.Conn, error) {
	c, err := d.d.Dial(ctx)
	if err != nil {
		return nil, err
	}
	rc := &recordingConn{Conn: c}
	d.mu.Lock()
	d.last = rc
	d.mu.Unlock()
	return rc, nil
}

func (d *recordingDialer) conn() *recordingConn {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.last
}
