package rsocket

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// maxSpare is the largest written buffer kept for reuse.
const maxSpare = 1 << 20

// maxThroughRounds bounds how many batches a goroutine writing through
// writes before it leaves the rest to the writer goroutine, so that it is
// not kept writing other goroutines' frames for long.
const maxThroughRounds = 4

// writer is the connection's outbound queue: frames are encoded back to back
// into buf by whoever sends them. One goroutine at a time (busy) takes the
// buffer, hands every frame to the transport and flushes once the queue is
// empty, so a burst of frames costs one flush: usually the writer
// goroutine; on the latency paths (a blocking request-response with no
// other stream in flight, the answers the reader produced itself) the
// goroutine that queued the frames, which saves waking the writer (see
// writeThroughLocked).
type writer struct {
	mu        sync.Mutex
	room      sync.Cond // signalled when buf was taken or the writer finishes
	buf       []byte
	ends      []int // end offset of each frame in buf
	spare     []byte
	spareEnds []int
	wake      chan struct{}
	finishing bool
	busy      bool        // a goroutine is writing to the transport
	failed    bool        // a write failed: nothing more is written
	failErr   error       // a write-through failure, for the writer goroutine to report
	owed      atomic.Bool // the reader queued answers it writes before it next blocks reading
}

func (w *writer) init() {
	w.room.L = &w.mu
	w.wake = make(chan struct{}, 1)
}

// Every frame in buf is preceded by room for its length prefix, filled in
// when the frame is complete, so that a transport that frames a byte
// stream (prefixedWriter) takes the whole queue in one call and one copy;
// the others are handed each frame without it.

// prefixedWriter is implemented by transports that send every frame behind
// its 24-bit length prefix (tcp, quic).
type prefixedWriter interface {
	// WritePrefixed queues frames that are each preceded by their length
	// prefix, back to back.
	WritePrefixed(b []byte) error
}

// noPrefix holds a frame's place for its length prefix until end.
var noPrefix [frame.LengthPrefixSize]byte

// begin opens a frame in the queue and returns where its body starts; w.mu
// is held.
func (w *writer) begin() int {
	w.buf = append(w.buf, noPrefix[:]...)
	return len(w.buf)
}

// end closes the frame whose body starts at start; w.mu is held. The
// prefix is appended in its place (the slice there has the room); a frame
// too long for a prefix keeps length 0, which the transport refuses.
func (w *writer) end(start int) {
	at := start - frame.LengthPrefixSize
	_, _ = frame.AppendLengthPrefix(w.buf[at:at], len(w.buf)-start)
	w.ends = append(w.ends, len(w.buf))
}

// push queues f whole; w.mu is held.
func (w *writer) push(f frame.Frame) {
	start := w.begin()
	w.buf = f.Append(w.buf)
	w.end(start)
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
		w.push(last)
	}
	w.finishing = true
	w.room.Broadcast()
	w.mu.Unlock()
	w.signal()
}

// sendFrame queues a frame that needs no fragmentation. It reports false if
// the connection is closing.
func (c *Conn) sendFrame(f frame.Frame) bool { return c.sendFrameBy(f, false) }

// sendFrameBy is sendFrame; onReader is as for sendPayloadBy.
func (c *Conn) sendFrameBy(f frame.Frame, onReader bool) bool {
	w := &c.w
	w.mu.Lock()
	if w.finishing {
		w.mu.Unlock()
		return false
	}
	w.push(f)
	w.mu.Unlock()
	c.queued(onReader)
	return true
}

// sendRequestN queues a REQUEST_N without allocating.
func (c *Conn) sendRequestN(id uint32, n int64) { c.sendRequestNBy(id, n, false) }

// sendRequestNBy is sendRequestN; onReader is as for sendPayloadBy.
func (c *Conn) sendRequestNBy(id uint32, n int64, onReader bool) {
	f := frame.RequestNFrame{Stream: id, RequestN: requestN(n)}
	w := &c.w
	w.mu.Lock()
	if !w.finishing {
		start := w.begin()
		w.buf = f.Append(w.buf)
		w.end(start)
	}
	w.mu.Unlock()
	c.queued(onReader)
}

// queued arranges for the frames just queued to be written. onReader says
// that the caller is likely the goroutine dispatching received frames (the
// reader, or a caller reading its own answer): it writes them before it
// next blocks reading (flushOwed), so that a burst of answers costs one
// write and no wake-up. If that goroutine has stopped dispatching
// meanwhile (it checks owed after it stops), the writer is woken instead.
func (c *Conn) queued(onReader bool) {
	if onReader && c.dispatching.Load() {
		c.w.owed.Store(true)
		if c.dispatching.Load() {
			return
		}
	}
	c.w.signal()
}

// sendCancel queues a CANCEL.
func (c *Conn) sendCancel(id uint32) {
	f := frame.CancelFrame{Stream: id}
	w := &c.w
	w.mu.Lock()
	if !w.finishing {
		start := w.begin()
		w.buf = f.Append(w.buf)
		w.end(start)
	}
	w.mu.Unlock()
	w.signal()
}

// sendMessage queues a request or payload, fragmented to the MTU.
func (c *Conn) sendMessage(m *fragment.Message) bool { return c.queueMessage(m, true) }

// queueMessage queues a request or payload, fragmented to the MTU, and wakes
// the writer if signal is set (otherwise the caller calls flushQueued once
// it holds no stream lock).
func (c *Conn) queueMessage(m *fragment.Message, signal bool) bool {
	w := &c.w
	w.mu.Lock()
	if w.finishing {
		w.mu.Unlock()
		return false
	}
	if m.Length() <= c.mtu {
		start := w.begin()
		w.buf = appendWhole(w.buf, m)
		w.end(start)
	} else {
		fragment.Split(m, c.mtu, func(f frame.Frame) {
			w.push(f)
		})
	}
	w.mu.Unlock()
	if signal {
		w.signal()
	}
	return true
}

// sendPayload queues a PAYLOAD frame. With wait it first waits, unless the
// caller may be the reader goroutine, while the queue is above the write
// buffer limit, so that a fast producer cannot grow it without bound.
func (c *Conn) sendPayload(id uint32, p Payload, next, complete, wait bool) {
	c.sendPayloadBy(id, p, next, complete, wait, false)
}

// sendPayloadBy is sendPayload; onReader says that the reader goroutine
// answers a request itself: it writes the frame before it next blocks
// reading (flushOwed) instead of waking the writer.
func (c *Conn) sendPayloadBy(id uint32, p Payload, next, complete, wait, onReader bool) {
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
	if frame.PayloadLength(p.Metadata, p.HasMetadata, p.Data) <= c.mtu {
		start := w.begin()
		w.buf = frame.AppendPayload(w.buf, id, next, complete, p.Metadata, p.HasMetadata, p.Data)
		w.end(start)
	} else {
		c.splitLocked(&fragment.Message{Type: frame.TypePayload, Stream: id, Next: next, Complete: complete,
			Metadata: p.Metadata, HasMetadata: p.HasMetadata, Data: p.Data})
	}
	w.mu.Unlock()
	c.queued(onReader)
}

func (c *Conn) splitLocked(m *fragment.Message) {
	w := &c.w
	fragment.Split(m, c.mtu, func(f frame.Frame) {
		w.push(f)
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
// queue runs dry, reports write failures, runs the keepalive timer and the
// watch over handlers run on the reader (inline.go), and closes the
// transport once the connection is closing and everything queued has been
// written.
func (c *Conn) writeLoop() {
	defer c.finishGoroutines()
	var tick <-chan time.Time
	if c.keepalive > 0 {
		t := time.NewTicker(c.keepalive)
		defer t.Stop()
		tick = t.C
	}
	var (
		lastCount  int64
		lastChange = time.Now()
		watch      stallWatch
	)
	defer watch.stop()
	w := &c.w
	for {
		select {
		case <-w.wake:
		case <-c.watchWake:
			watch.start()
			continue
		case <-watch.tick:
			c.checkStall(&watch)
			continue
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
		w.mu.Lock()
		if err := w.failErr; err != nil {
			w.failErr = nil
			w.mu.Unlock()
			c.writeFailed(err)
			w.mu.Lock()
		}
		if w.busy {
			// A goroutine writing through signals when it lets go
			// with work left.
			w.mu.Unlock()
			continue
		}
		w.busy = true
		w.mu.Unlock()
		if c.drain() {
			return
		}
	}
}

// drain is the writer goroutine's turn at the transport (busy is held): it
// writes until the queue is empty, flushes, and lets go of busy. It
// reports whether the transport was closed (the connection finished).
func (c *Conn) drain() bool {
	w := &c.w
	dirty, yielded := false, false
	for {
		w.mu.Lock()
		buf, ends, finishing, failed := c.takeLocked()
		if len(ends) == 0 {
			c.recycleLocked(buf, ends)
			if dirty && !failed && !yielded && !finishing {
				w.mu.Unlock()
				// Let the goroutines that are about to queue frames
				// (handlers answering a burst of requests) run first,
				// so that one write carries them all.
				yielded = true
				runtime.Gosched()
				continue
			}
			w.mu.Unlock()
			yielded = false
			if dirty && !failed {
				if err := c.t.Flush(); err != nil {
					c.writeFailed(err)
				}
			}
			if finishing {
				_ = c.t.Close()
				return true
			}
			w.mu.Lock()
			w.busy = false
			again := len(w.ends) > 0 || w.finishing
			w.mu.Unlock()
			if again {
				w.signal()
			}
			return false
		}
		w.mu.Unlock()
		if !failed {
			if err := c.writeFrames(buf, ends); err != nil {
				c.writeFailed(err)
			}
		}
		dirty = true
		w.mu.Lock()
		c.recycleLocked(buf, ends)
		w.mu.Unlock()
	}
}

// peerCloseGrace is how long a connection whose write failed waits for its
// reader to end before it closes with the write's error.
const peerCloseGrace = 100 * time.Millisecond

// writeFailed marks the writer failed and closes the connection (writer
// goroutine). A peer that refuses a connection sends why (an ERROR frame
// such as REJECTED_SETUP) and closes it, and a write may fail before the
// reader got that far: the reader, which reads what arrived before the
// close, is given peerCloseGrace to close the connection with the peer's
// reason (or the read's error) first.
func (c *Conn) writeFailed(err error) {
	c.w.mu.Lock()
	c.w.failed = true
	c.w.mu.Unlock()
	grace := time.NewTimer(peerCloseGrace)
	select {
	case <-c.readerDone:
	case <-c.closeCh:
	case <-grace.C:
	}
	grace.Stop()
	c.closeWith(err, nil)
}

// takeLocked takes the queue, leaving the spare buffer in its place; w.mu
// is held.
func (c *Conn) takeLocked() (buf []byte, ends []int, finishing, failed bool) {
	w := &c.w
	buf, ends = w.buf, w.ends
	w.buf, w.ends = w.spare[:0], w.spareEnds[:0]
	w.spare, w.spareEnds = nil, nil
	w.room.Broadcast()
	return buf, ends, w.finishing, w.failed
}

// recycleLocked keeps a written buffer as the spare; w.mu is held.
func (c *Conn) recycleLocked(buf []byte, ends []int) {
	if w := &c.w; cap(buf) <= maxSpare && w.spare == nil {
		w.spare, w.spareEnds = buf[:0], ends[:0]
	}
}

// writeFrames hands the frames to the transport; busy is held.
func (c *Conn) writeFrames(buf []byte, ends []int) error {
	if c.logger == nil && c.pw != nil {
		return c.pw.WritePrefixed(buf)
	}
	start := 0
	for _, end := range ends {
		b := buf[start+frame.LengthPrefixSize : end]
		start = end
		if c.logger != nil {
			c.logger.logBytes("sending", b)
		}
		if err := c.t.WriteFrame(b); err != nil {
			return err
		}
	}
	return nil
}

// writeThroughLocked writes the queue on the calling goroutine and flushes;
// w.mu is held and busy is not. It unlocks w.mu. A goroutine waiting for
// its own answer saves the writer goroutine's wake-up this way, which on
// a lightly loaded connection is most of a round trip's cost. A write error
// is left to the writer goroutine (the caller may hold a stream's lock).
func (c *Conn) writeThroughLocked() {
	w := &c.w
	w.busy = true
	for round := 1; ; round++ {
		buf, ends, _, _ := c.takeLocked()
		w.mu.Unlock()
		err := c.writeFrames(buf, ends)
		if err == nil {
			err = c.t.Flush()
		}
		w.mu.Lock()
		c.recycleLocked(buf, ends)
		if err != nil {
			w.failed, w.failErr = true, err
		}
		if len(w.ends) == 0 || w.failed || w.finishing || round == maxThroughRounds {
			break
		}
	}
	w.busy = false
	handoff := len(w.ends) > 0 || w.failErr != nil || w.finishing
	w.mu.Unlock()
	if handoff {
		w.signal()
	}
}

// flushQueued writes what is queued on the calling goroutine when at most
// one stream is in flight (with more, the writer goroutine batches their
// frames into fewer writes): see writeQueued.
func (c *Conn) flushQueued() { c.writeQueued(true) }

// flushOwed writes what the reader answered itself (reader goroutine,
// before it blocks reading): a burst of requests answered on the reader
// costs one write.
func (c *Conn) flushOwed() {
	c.w.owed.Store(false)
	c.writeQueued(false)
}

// writeQueued writes what is queued on the calling goroutine, unless
// another goroutine is writing (it looks at the queue again before it lets
// go) or the writer goroutine should: the connection is closing or failed,
// or, with alone, more than one stream is in flight.
func (c *Conn) writeQueued(alone bool) {
	w := &c.w
	w.mu.Lock()
	switch {
	case len(w.ends) == 0 || w.busy:
		w.mu.Unlock()
	case w.finishing || w.failed || (alone && c.nstreams.Load() > 1):
		w.mu.Unlock()
		w.signal()
	default:
		c.writeThroughLocked()
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
