package rsocket

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// maxSpare is the largest written buffer kept for reuse.
const maxSpare = 1 << 20

// writer is the connection's outbound queue: frames are encoded back to back
// into buf by whoever sends them, and the writer goroutine swaps the buffer
// out, hands every frame to the transport and flushes once the queue is
// empty, so a burst of frames costs one flush.
type writer struct {
	mu        sync.Mutex
	room      sync.Cond // signalled when buf was taken or the writer finishes
	buf       []byte
	ends      []int // end offset of each frame in buf
	spare     []byte
	spareEnds []int
	wake      chan struct{}
	finishing bool
}

func (w *writer) init() {
	w.room.L = &w.mu
	w.wake = make(chan struct{}, 1)
}

func (w *writer) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// finish queues the last frame and tells the writer to flush and close.
func (w *writer) finish(last *frame.ErrorFrame) {
	w.mu.Lock()
	if last != nil && !w.finishing {
		w.buf = last.Append(w.buf)
		w.ends = append(w.ends, len(w.buf))
	}
	w.finishing = true
	w.room.Broadcast()
	w.mu.Unlock()
	w.signal()
}

// sendFrame queues a frame that needs no fragmentation. It reports false if
// the connection is closing.
func (c *Conn) sendFrame(f frame.Frame) bool {
	w := &c.w
	w.mu.Lock()
	if w.finishing {
		w.mu.Unlock()
		return false
	}
	w.buf = f.Append(w.buf)
	w.ends = append(w.ends, len(w.buf))
	w.mu.Unlock()
	w.signal()
	return true
}

// sendRequestN queues a REQUEST_N without allocating.
func (c *Conn) sendRequestN(id uint32, n int64) {
	f := frame.RequestNFrame{Stream: id, RequestN: requestN(n)}
	w := &c.w
	w.mu.Lock()
	if !w.finishing {
		w.buf = f.Append(w.buf)
		w.ends = append(w.ends, len(w.buf))
	}
	w.mu.Unlock()
	w.signal()
}

// sendCancel queues a CANCEL.
func (c *Conn) sendCancel(id uint32) {
	f := frame.CancelFrame{Stream: id}
	w := &c.w
	w.mu.Lock()
	if !w.finishing {
		w.buf = f.Append(w.buf)
		w.ends = append(w.ends, len(w.buf))
	}
	w.mu.Unlock()
	w.signal()
}

// sendMessage queues a request or payload, fragmented to the MTU.
func (c *Conn) sendMessage(m *fragment.Message) bool {
	w := &c.w
	w.mu.Lock()
	if w.finishing {
		w.mu.Unlock()
		return false
	}
	if m.Length() <= c.mtu {
		w.buf = appendWhole(w.buf, m)
		w.ends = append(w.ends, len(w.buf))
	} else {
		fragment.Split(m, c.mtu, func(f frame.Frame) {
			w.buf = f.Append(w.buf)
			w.ends = append(w.ends, len(w.buf))
		})
	}
	w.mu.Unlock()
	w.signal()
	return true
}

// sendPayload queues a PAYLOAD frame. With wait it first waits, unless the
// caller may be the reader goroutine, while the queue is above the write
// buffer limit, so that a fast producer cannot grow it without bound.
func (c *Conn) sendPayload(id uint32, p Payload, next, complete, wait bool) {
	f := frame.PayloadFrame{Stream: id, Next: next, Complete: complete,
		Metadata: p.Metadata, HasMetadata: p.HasMetadata, Data: p.Data}
	w := &c.w
	w.mu.Lock()
	if wait {
		for len(w.buf) > c.wlimit && !w.finishing && !c.dispatching.Load() {
			w.room.Wait()
		}
	}
	if w.finishing {
		w.mu.Unlock()
		return
	}
	if f.Length() <= c.mtu {
		w.buf = f.Append(w.buf)
		w.ends = append(w.ends, len(w.buf))
	} else {
		c.splitLocked(&fragment.Message{Type: frame.TypePayload, Stream: id, Next: next, Complete: complete,
			Metadata: p.Metadata, HasMetadata: p.HasMetadata, Data: p.Data})
	}
	w.mu.Unlock()
	w.signal()
}

func (c *Conn) splitLocked(m *fragment.Message) {
	w := &c.w
	fragment.Split(m, c.mtu, func(f frame.Frame) {
		w.buf = f.Append(w.buf)
		w.ends = append(w.ends, len(w.buf))
	})
}

// waitRoom waits until the queue is below the limit, ctx ends or the
// connection closes.
func (c *Conn) waitRoom(ctx context.Context) error {
	w := &c.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) <= c.wlimit || w.finishing {
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.room.Broadcast()
		w.mu.Unlock()
	})
	defer stop()
	for len(w.buf) > c.wlimit && !w.finishing {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.room.Wait()
	}
	return ctx.Err()
}

// writeLoop is the writer goroutine: it sends queued frames, flushes when the
// queue runs dry, runs the keepalive timer, and closes the transport once the
// connection is closing and everything queued has been written.
func (c *Conn) writeLoop() {
	defer c.finishGoroutines()
	var tick <-chan time.Time
	if c.keepalive > 0 {
		t := time.NewTicker(c.keepalive)
		defer t.Stop()
		tick = t.C
	}
	var (
		failed     bool
		lastCount  int64
		lastChange = time.Now()
	)
	w := &c.w
	for {
		select {
		case <-w.wake:
		case now := <-tick:
			if n := c.received.Load(); n != lastCount {
				lastCount, lastChange = n, now
			} else if c.lifetime > 0 && now.Sub(lastChange) > c.lifetime {
				c.closeWith(ErrKeepaliveTimeout, &frame.ErrorFrame{Code: frame.ErrorCodeConnectionError,
					Data: []byte("keepalive timeout")})
			}
			if c.sendKeepalive {
				c.sendFrame(&frame.KeepaliveFrame{Respond: true})
			}
		}
		dirty, yielded := false, false
		for {
			w.mu.Lock()
			buf, ends, finishing := w.buf, w.ends, w.finishing
			w.buf, w.ends = w.spare[:0], w.spareEnds[:0]
			w.spare, w.spareEnds = nil, nil
			w.room.Broadcast()
			w.mu.Unlock()
			if len(ends) == 0 {
				w.mu.Lock()
				w.spare, w.spareEnds = buf[:0], ends[:0]
				w.mu.Unlock()
				if dirty && !failed && !yielded && !finishing {
					// Let the goroutines that are about to queue frames
					// (handlers answering a burst of requests) run
					// first, so that one write carries them all.
					yielded = true
					runtime.Gosched()
					continue
				}
				yielded = false
				if dirty && !failed {
					if err := c.t.Flush(); err != nil {
						failed = true
						c.closeWith(err, nil)
					}
				}
				if finishing {
					_ = c.t.Close()
					return
				}
				break
			}
			start := 0
			for _, end := range ends {
				b := buf[start:end]
				start = end
				if failed {
					continue
				}
				if c.logger != nil {
					c.logger.logBytes("sending", b)
				}
				if err := c.t.WriteFrame(b); err != nil {
					failed = true
					c.closeWith(err, nil)
				}
			}
			dirty = true
			if cap(buf) <= maxSpare {
				w.mu.Lock()
				w.spare, w.spareEnds = buf[:0], ends[:0]
				w.mu.Unlock()
			}
		}
	}
}

// finishGoroutines runs when the writer exits: it waits for the reader and
// the stream goroutines, then closes Done.
func (c *Conn) finishGoroutines() {
	<-c.readerDone
	c.spawnMu.Lock()
	c.noSpawn = true
	c.spawnMu.Unlock()
	c.wg.Wait()
	c.mu.Lock()
	if c.forceClose != nil {
		c.forceClose.Stop()
	}
	c.mu.Unlock()
	if c.onDone != nil {
		c.onDone()
	}
	close(c.done)
}

// appendWhole appends m as one frame, without allocating for the request
// types.
func appendWhole(b []byte, m *fragment.Message) []byte {
	switch m.Type {
	case frame.TypeRequestResponse:
		f := frame.RequestResponseFrame{Stream: m.Stream, Metadata: m.Metadata, HasMetadata: m.HasMetadata, Data: m.Data}
		return f.Append(b)
	case frame.TypeRequestFNF:
		f := frame.RequestFNFFrame{Stream: m.Stream, Metadata: m.Metadata, HasMetadata: m.HasMetadata, Data: m.Data}
		return f.Append(b)
	case frame.TypeRequestStream:
		f := frame.RequestStreamFrame{Stream: m.Stream, InitialRequestN: m.InitialRequestN,
			Metadata: m.Metadata, HasMetadata: m.HasMetadata, Data: m.Data}
		return f.Append(b)
	case frame.TypeRequestChannel:
		f := frame.RequestChannelFrame{Stream: m.Stream, Complete: m.Complete, InitialRequestN: m.InitialRequestN,
			Metadata: m.Metadata, HasMetadata: m.HasMetadata, Data: m.Data}
		return f.Append(b)
	}
	return m.Frame().Append(b)
}
