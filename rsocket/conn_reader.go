package rsocket

import (
	"errors"
	"fmt"
	"io"

	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/internal/fragment"
)

// fault is a connection-level failure found by the reader: the connection
// closes with cause, after sending errFrame when it is not nil.
type fault struct {
	cause    error
	errFrame *frame.ErrorFrame
}

func connectionFault(cause error) *fault {
	return &fault{cause: cause, errFrame: &frame.ErrorFrame{Code: frame.ErrorCodeConnectionError, Data: []byte(cause.Error())}}
}

// readLoop is the reader goroutine: it reads frames until the transport
// fails or closes, and dispatches each one. When a handler it called
// stalls, another readLoop takes over and this one exits once the handler
// returns (inline.go); on a client, it lets callers read their own answers
// while nothing else is in flight (leader.go).
func (c *Conn) readLoop() {
	tok := c.inline.Load() >> 1
	// A reader that replaces a stalled one is not dispatching yet (the
	// stalled one left the flag set): frames queued as owed meanwhile
	// must wake the writer, or be flushed by the check below.
	c.dispatching.Store(false)
	owing := 0 // frames dispatched since the reader last wrote what it owes
	for {
		if c.w.owed.Load() && c.owesWrite(&owing) {
			c.flushOwed()
		}
		if !c.rb.readerTurn() {
			close(c.readerDone)
			return
		}
		switch c.readOne(tok) {
		case readEnded:
			close(c.readerDone)
			return
		case readReplaced:
			// A handler stalled this goroutine and another one reads
			// now (inline.go); it may have answered meanwhile.
			if c.w.owed.Load() {
				c.flushOwed()
			}
			c.wg.Done()
			return
		}
		c.rb.readerYield()
	}
}

// readResult is what readOne tells the goroutine reading the transport.
type readResult uint8

const (
	readNext     readResult = iota // go on reading
	readEnded                      // the connection is closing
	readReplaced                   // another reader took over (inline.go)
)

// readOne reads the next frame and dispatches it, on the goroutine holding
// the read baton (the reader, or a leader: leader.go); tok is the reader's
// token when it started (inline.go). A failed read closes the connection,
// except a leader's read interrupted because its context ended.
func (c *Conn) readOne(tok uint64) readResult {
	b, err := c.t.ReadFrame()
	if err != nil {
		if !c.rb.interrupted(err) {
			c.readFailed(err)
		}
		return readEnded
	}
	c.received.Add(1)
	c.dispatching.Store(true)
	f := c.handleFrame(b)
	if c.inline.Load()>>1 != tok {
		// dispatching now belongs to the new reader.
		return readReplaced
	}
	c.dispatching.Store(false)
	if f != nil {
		c.closeWith(f.cause, f.errFrame)
		return readEnded
	}
	return readNext
}

// maxOwing is how many received frames the dispatching goroutine handles
// before it writes what it owes even though more frames are buffered, so
// that a peer sending without pause neither delays the answers nor grows
// the write queue without bound.
const maxOwing = 32

// owesWrite reports whether the dispatching goroutine, which owes a write
// (c.w.owed), is to write before it reads the next frame: when that read
// may block, or after maxOwing frames. owing counts the frames since the
// last write.
func (c *Conn) owesWrite(owing *int) bool {
	*owing++
	if *owing > maxOwing || !c.rb.frameBuffered() {
		*owing = 0
		return true
	}
	return false
}

// readFailed closes the connection after ReadFrame failed.
func (c *Conn) readFailed(err error) {
	switch {
	case isMalformed(err):
		f := connectionFault(fmt.Errorf("%w: %w", ErrProtocol, err))
		c.closeWith(f.cause, f.errFrame)
	case errors.Is(err, io.EOF):
		c.closeWith(fmt.Errorf("closed by peer: %w", err), nil)
	default:
		c.closeWith(err, nil)
	}
}

// handleFrame decodes and dispatches one received frame. b is owned by the
// connection and never reused, so payloads may alias it.
func (c *Conn) handleFrame(b []byte) *fault {
	if len(b) > frame.HeaderLength && frame.FrameType(b[4]>>2) == frame.TypePayload {
		// The common frame of a stream: decode it into the reader's
		// PayloadFrame instead of allocating one per message.
		pf := &c.rpf
		if err := frame.DecodePayload(b, pf); err == nil {
			if c.logger != nil {
				c.logger.log("receiving", pf)
			}
			if c.client && !c.established.Load() {
				c.established.Store(true)
			}
			tok := c.inline.Load() >> 1
			flt := c.onPayload(pf)
			if c.inline.Load()>>1 == tok { // still the reader (inline.go)
				*pf = frame.PayloadFrame{}
			}
			return flt
		}
	}
	if len(b) > frame.HeaderLength && frame.FrameType(b[4]>>2) == frame.TypeRequestFNF {
		if flt, ok := c.onFNFFrame(b); ok {
			return flt
		}
	}
	if len(b) > frame.HeaderLength && frame.FrameType(b[4]>>2) == frame.TypeRequestResponse {
		if flt, ok := c.onRequestResponseFrame(b); ok {
			return flt
		}
	}
	f, err := frame.Parse(b)
	if err != nil {
		if c.logger != nil {
			c.logger.logBytes("receiving", b)
		}
		return c.onMalformed(b, err)
	}
	if c.logger != nil {
		c.logger.log("receiving", f)
	}
	if c.client && f.StreamID() != 0 && !c.established.Load() {
		c.established.Store(true)
	}
	switch f := f.(type) {
	case *frame.PayloadFrame:
		return c.onPayload(f)
	case *frame.RequestNFrame:
		if s := c.lookup(f.Stream); s != nil {
			s.onRequestN(f.RequestN)
		}
	case *frame.CancelFrame:
		delete(c.reasm, f.Stream)
		if s := c.lookup(f.Stream); s != nil {
			s.onCancel()
		}
	case *frame.ErrorFrame:
		if f.Stream == 0 {
			return c.onConnectionError(f)
		}
		delete(c.reasm, f.Stream)
		if s := c.lookup(f.Stream); s != nil {
			s.onError(errorFromFrame(f))
		}
	case *frame.KeepaliveFrame:
		if f.Respond {
			c.sendFrame(&frame.KeepaliveFrame{Data: f.Data})
		}
	case *frame.RequestResponseFrame:
		return c.onRequest(f)
	case *frame.RequestFNFFrame:
		return c.onRequest(f)
	case *frame.RequestStreamFrame:
		return c.onRequest(f)
	case *frame.RequestChannelFrame:
		return c.onRequest(f)
	case *frame.MetadataPushFrame:
		c.onMetadataPush(f.Metadata)
	case *frame.ResumeFrame, *frame.ResumeOKFrame:
		return connectionFault(fmt.Errorf("%w: %s: resumption is not supported", ErrProtocol, f.Type()))
	case *frame.ExtFrame:
		if f.Flags()&frame.FlagIgnore == 0 {
			return connectionFault(fmt.Errorf("%w: EXT frame (extended type %d) not understood", ErrProtocol, f.ExtendedType))
		}
	}
	// SETUP after setup, LEASE (not negotiated), ignorable unknown frames:
	// ignored (PROTOCOL.md §17).
	return nil
}

// onMalformed applies PROTOCOL.md §17 to a frame that failed to decode.
func (c *Conn) onMalformed(b []byte, err error) *fault {
	if len(b) > 0 && b[0]&0x80 != 0 {
		// The reserved stream-id bit is a connection error whatever the
		// frame's IGNORE flag says (PROTOCOL.md §17).
		return connectionFault(fmt.Errorf("%w: %w", ErrProtocol, err))
	}
	var fe *frame.FormatError
	if errors.As(err, &fe) {
		if fe.Ignore {
			return nil
		}
		switch {
		case errors.Is(err, frame.ErrStreamID):
			return nil // a frame type on the wrong stream id: ignore it
		case errors.Is(err, frame.ErrInvalidValue):
			switch fe.Type {
			case frame.TypeRequestStream, frame.TypeRequestChannel:
				if fe.StreamID > 0 && c.isPeerID(fe.StreamID) && c.lookup(fe.StreamID) == nil {
					c.sendFrame(&frame.ErrorFrame{Stream: fe.StreamID, Code: frame.ErrorCodeInvalid,
						Data: []byte("initial request n must be > 0")})
				}
				return nil
			case frame.TypeRequestN, frame.TypeSetup:
				return nil
			}
		}
	}
	return connectionFault(fmt.Errorf("%w: %w", ErrProtocol, err))
}

// onConnectionError handles an ERROR on stream 0.
func (c *Conn) onConnectionError(f *frame.ErrorFrame) *fault {
	if f.Code.IsSetupError() && (!c.client || c.established.Load()) {
		return nil // PROTOCOL.md §7.8
	}
	return &fault{cause: errorFromFrame(f)}
}

// onPayload routes a PAYLOAD, reassembling fragments.
func (c *Conn) onPayload(f *frame.PayloadFrame) *fault {
	id := f.Stream
	if a := c.reasm[id]; a != nil {
		whole, err := a.Add(f)
		if err != nil {
			delete(c.reasm, id)
			c.onTooLarge(id, a.Type(), err)
			return nil
		}
		if whole == nil {
			return nil
		}
		delete(c.reasm, id)
		if p, ok := whole.(*frame.PayloadFrame); ok {
			f = p
		} else {
			return c.onRequest(whole)
		}
	} else if f.Follows && !f.Complete {
		if c.lookup(id) == nil {
			return nil
		}
		a, err := fragment.Begin(f, c.maxReasm)
		if err != nil {
			c.onTooLarge(id, frame.TypePayload, err)
			return nil
		}
		c.reasm[id] = a
		return nil
	}
	if s := c.lookupPayload(id); s != nil {
		s.onPayload(f)
	}
	return nil
}

// onTooLarge fails the stream whose reassembled message exceeded the limit.
func (c *Conn) onTooLarge(id uint32, t frame.FrameType, err error) {
	err = fmt.Errorf("%w: %w", ErrPayloadTooLarge, err)
	switch t {
	case frame.TypePayload:
		if s := c.lookup(id); s != nil {
			s.onLocalError(err)
		}
	case frame.TypeRequestFNF:
		// Nothing can be answered to a fire-and-forget.
	default:
		c.sendFrame(&frame.ErrorFrame{Stream: id, Code: frame.ErrorCodeInvalid, Data: []byte(err.Error())})
	}
}
