package workload

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// The plain reference speaks raw length-prefixed frames shaped like RSocket
// ones (24-bit length, 32-bit stream id, 16-bit type and flags, then the
// data) over one TCP connection on 127.0.0.1, with bufio on both ends and a
// flush whenever the reader has nothing more buffered. It has no
// multiplexing, no state machine and no allocation per frame: the physical
// limit of the work.

const (
	ptRequest   = 1 // request-response / channel element: echoed
	ptFNF       = 2 // fire-and-forget: counted
	ptFNFCount  = 3 // asks for the count of fire-and-forget frames
	ptStream    = 4 // request-stream: data = n (4 bytes) and initial credit (4 bytes)
	ptRequestN  = 5 // credit (4 bytes)
	ptPayload   = 6 // responder's frame
	plainHeader = 6
	unbounded32 = 1<<31 - 1
)

func init() {
	for _, g := range []struct {
		group string
		unit  string
		size  int
		round func(*plainConn, int) error
	}{
		{"RSocketRequestResponse", "req", RequestResponseSize, (*plainConn).requestResponse},
		{"RSocketRequestResponse64", "req", RequestResponseSize, (*plainConn).requestResponse64},
		{"RSocketStream", "msg", StreamSize, func(c *plainConn, n int) error { return c.stream(n, unbounded32, 0) }},
		{"RSocketStreamBatch64", "msg", StreamSize, func(c *plainConn, n int) error { return c.stream(n, StreamBatch, StreamBatch) }},
		{"RSocketStreamLimitRate64", "msg", StreamSize, func(c *plainConn, n int) error { return c.stream(n, StreamBatch, StreamReplenish) }},
		{"RSocketFireAndForget", "frame", FireAndForgetSize, (*plainConn).fireAndForget},
		{"RSocketChannel", "msg", ChannelSize, (*plainConn).channel},
	} {
		register(Workload{Group: g.group, Impl: Plain, Unit: g.unit, Size: g.size, New: func(size int) (Runner, error) {
			c, err := dialPlain()
			if err != nil {
				return nil, err
			}
			c.size, c.round = size, g.round
			return c, nil
		}})
	}
}

type plainConn struct {
	ln      net.Listener
	conn    net.Conn
	r       *bufio.Reader
	w       *bufio.Writer
	buf     []byte
	srvDone chan error
	size    int
	round   func(*plainConn, int) error
	lat     latencies
}

func dialPlain() (*plainConn, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &plainConn{ln: ln, srvDone: make(chan error, 1), buf: make([]byte, 64)}
	go func() {
		sc, err := ln.Accept()
		if err != nil {
			c.srvDone <- err
			return
		}
		c.srvDone <- servePlain(sc)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		ln.Close()
		return nil, err
	}
	c.conn, c.r, c.w = conn, bufio.NewReaderSize(conn, 64<<10), bufio.NewWriterSize(conn, 64<<10)
	return c, nil
}

func (c *plainConn) Round() error             { return c.round(c, c.size) }
func (c *plainConn) Samples() []time.Duration { return c.lat.Samples() }
func (c *plainConn) Reset()                   { c.lat.Reset() }

func (c *plainConn) Close() error {
	c.conn.Close()
	c.ln.Close()
	err := <-c.srvDone
	if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// writeFrame writes one frame to w, building it in w's free space so that
// nothing escapes to the heap.
func writeFrame(w *bufio.Writer, stream uint32, typ byte, data []byte) error {
	l := plainHeader + len(data)
	if w.Available() < 3+l {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	b := w.AvailableBuffer()
	b = append(b, byte(l>>16), byte(l>>8), byte(l))
	b = binary.BigEndian.AppendUint32(b, stream)
	b = append(b, typ<<2, 0)
	b = append(b, data...)
	_, err := w.Write(b)
	return err
}

// readFrame reads one frame into buf and returns its stream id, type and data
// (aliasing buf).
func readFrame(r *bufio.Reader, buf []byte) (uint32, byte, []byte, error) {
	if _, err := io.ReadFull(r, buf[:3]); err != nil {
		return 0, 0, nil, err
	}
	l := int(buf[0])<<16 | int(buf[1])<<8 | int(buf[2])
	if l < plainHeader || l > len(buf) {
		return 0, 0, nil, fmt.Errorf("plain: bad frame length %d", l)
	}
	if _, err := io.ReadFull(r, buf[:l]); err != nil {
		return 0, 0, nil, err
	}
	return binary.BigEndian.Uint32(buf), buf[4] >> 2, buf[plainHeader:l], nil
}

func servePlain(conn net.Conn) error {
	defer conn.Close()
	r, w := bufio.NewReaderSize(conn, 64<<10), bufio.NewWriterSize(conn, 64<<10)
	buf := make([]byte, 64)
	fnf := uint32(0)
	flushIfIdle := func() error {
		if r.Buffered() == 0 {
			return w.Flush()
		}
		return nil
	}
	var cnt [4]byte
	for {
		id, typ, data, err := readFrame(r, buf)
		if err != nil {
			return err
		}
		switch typ {
		case ptRequest:
			if err := writeFrame(w, id, ptPayload, data); err != nil {
				return err
			}
		case ptFNF:
			fnf++
		case ptFNFCount:
			binary.BigEndian.PutUint32(cnt[:], fnf)
			fnf = 0
			if err := writeFrame(w, id, ptPayload, cnt[:]); err != nil {
				return err
			}
		case ptStream:
			n, credit := binary.BigEndian.Uint32(data), binary.BigEndian.Uint32(data[4:])
			for sent := uint32(0); sent < n; sent++ {
				if credit == 0 {
					if err := w.Flush(); err != nil {
						return err
					}
					_, t, d, err := readFrame(r, buf)
					if err != nil {
						return err
					}
					if t != ptRequestN {
						return fmt.Errorf("plain: frame type %d during stream", t)
					}
					credit = binary.BigEndian.Uint32(d)
				}
				if credit != unbounded32 {
					credit--
				}
				if err := writeFrame(w, id, ptPayload, msg); err != nil {
					return err
				}
			}
		case ptRequestN:
			// Credit that arrived after its stream ended (a replenishing
			// requester asks ahead): nothing to do.
		default:
			return fmt.Errorf("plain: unexpected frame type %d", typ)
		}
		if err := flushIfIdle(); err != nil {
			return err
		}
	}
}

func (c *plainConn) expectPayload(n int) error {
	_, t, d, err := readFrame(c.r, c.buf)
	if err != nil {
		return err
	}
	if t != ptPayload {
		return mismatch("frame type", t, ptPayload)
	}
	if n == 16 {
		return checkMsg(d)
	}
	return nil
}

func (c *plainConn) requestResponse(n int) error {
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := writeFrame(c.w, 1, ptRequest, msg); err != nil {
			return err
		}
		if err := c.w.Flush(); err != nil {
			return err
		}
		if err := c.expectPayload(16); err != nil {
			return err
		}
		c.lat.add(time.Since(start))
	}
	return nil
}

// requestResponse64 keeps 64 requests in flight: a writer goroutine sends
// while it holds a token, the reader returns a token per response.
func (c *plainConn) requestResponse64(n int) error {
	tokens := make(chan struct{}, InFlight)
	for range InFlight {
		tokens <- struct{}{}
	}
	werr := make(chan error, 1)
	go func() {
		for i := 0; i < n; i++ {
			select {
			case <-tokens:
			default:
				if err := c.w.Flush(); err != nil {
					werr <- err
					return
				}
				<-tokens
			}
			if err := writeFrame(c.w, uint32(2*i+1), ptRequest, msg); err != nil {
				werr <- err
				return
			}
		}
		werr <- c.w.Flush()
	}()
	for i := 0; i < n; i++ {
		if err := c.expectPayload(16); err != nil {
			return err
		}
		tokens <- struct{}{}
	}
	return <-werr
}

// stream requests first (unbounded32: everything), then replenish each
// time replenish payloads arrived.
func (c *plainConn) stream(n int, first, replenish uint32) error {
	var req [8]byte
	binary.BigEndian.PutUint32(req[:], uint32(n))
	binary.BigEndian.PutUint32(req[4:], first)
	if err := writeFrame(c.w, 1, ptStream, req[:]); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	left := replenish
	for i := 0; i < n; i++ {
		if err := c.expectPayload(16); err != nil {
			return err
		}
		if first == unbounded32 {
			continue
		}
		if left--; left == 0 && i+1 < n {
			left = replenish
			var rn [4]byte
			binary.BigEndian.PutUint32(rn[:], replenish)
			if err := writeFrame(c.w, 1, ptRequestN, rn[:]); err != nil {
				return err
			}
			if err := c.w.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *plainConn) fireAndForget(n int) error {
	for i := 0; i < n; i++ {
		if err := writeFrame(c.w, uint32(2*i+1), ptFNF, msg); err != nil {
			return err
		}
	}
	if err := writeFrame(c.w, 0, ptFNFCount, nil); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	_, _, d, err := readFrame(c.r, c.buf)
	if err != nil {
		return err
	}
	return checkCount(int(binary.BigEndian.Uint32(d)), n)
}

// channel sends n elements from a writer goroutine while the caller reads
// the n echoes.
func (c *plainConn) channel(n int) error {
	werr := make(chan error, 1)
	go func() {
		for i := 0; i < n; i++ {
			if err := writeFrame(c.w, 1, ptRequest, msg); err != nil {
				werr <- err
				return
			}
		}
		werr <- c.w.Flush()
	}()
	var rerr error
	for i := 0; i < n && rerr == nil; i++ {
		rerr = c.expectPayload(16)
	}
	if err := <-werr; err != nil {
		return err
	}
	return rerr
}
