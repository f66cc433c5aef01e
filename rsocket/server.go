package rsocket

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/rsocket/frame"
	"github.com/sluicego/sluice/rsocket/transport"
)

// Server accepts RSocket connections on one or more listeners and answers
// them with the Handler its Acceptor returns for each SETUP.
type Server struct {
	opts ServerOptions

	mu        sync.Mutex
	closed    bool
	listeners map[transport.Listener]struct{}
	setups    map[transport.Conn]struct{} // connections still in setup
	conns     map[*Conn]struct{}
	wg        sync.WaitGroup // Serve loops and setup goroutines
}

// NewServer returns a server with the given options.
func NewServer(opts ServerOptions) *Server {
	if opts.SetupTimeout <= 0 {
		opts.SetupTimeout = DefaultSetupTimeout
	}
	return &Server{
		opts:      opts,
		listeners: make(map[transport.Listener]struct{}),
		setups:    make(map[transport.Conn]struct{}),
		conns:     make(map[*Conn]struct{}),
	}
}

// Serve accepts connections on l until l fails or the server shuts down;
// it then returns ErrServerClosed (after Shutdown/Close) or the accept
// error. Serve closes l when it returns.
func (s *Server) Serve(l transport.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		_ = l.Close()
	}()
	for {
		t, err := l.Accept(context.Background())
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed {
				return ErrServerClosed
			}
			return err
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = t.Close()
			return ErrServerClosed
		}
		s.setups[t] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.setup(t)
	}
}

// setup reads and checks the SETUP of a new connection, runs the acceptor
// and hands the connection to its own goroutines.
func (s *Server) setup(t transport.Conn) {
	defer s.wg.Done()
	done := func() {
		s.mu.Lock()
		delete(s.setups, t)
		s.mu.Unlock()
	}
	timer := time.AfterFunc(s.opts.SetupTimeout, func() { _ = t.Close() })
	b, err := t.ReadFrame()
	timer.Stop()
	if err != nil {
		if isMalformed(err) {
			reject(t, frame.ErrorCodeConnectionError, err.Error())
		}
		_ = t.Close()
		done()
		return
	}
	f, err := frame.Parse(b)
	if s.opts.FrameLogger != nil && err == nil {
		(&frameLogger{w: s.opts.FrameLogger}).log("receiving", f)
	}
	setup, code, msg := checkSetup(f, err)
	if code != 0 {
		reject(t, code, msg)
		done()
		return
	}
	c := newConn(t, connConfig{
		opts:          s.opts.ConnectionOptions,
		keepalive:     time.Duration(setup.KeepaliveInterval) * time.Millisecond,
		lifetime:      time.Duration(setup.MaxLifetime) * time.Millisecond,
		pendingAccept: true,
	})
	s.mu.Lock()
	delete(s.setups, t)
	if s.closed {
		s.mu.Unlock()
		_ = t.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	c.onDone = func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}
	c.start()
	info := SetupInfo{
		MajorVersion:      setup.MajorVersion,
		MinorVersion:      setup.MinorVersion,
		KeepaliveInterval: time.Duration(setup.KeepaliveInterval) * time.Millisecond,
		MaxLifetime:       time.Duration(setup.MaxLifetime) * time.Millisecond,
		DataMimeType:      setup.DataMIMEType,
		MetadataMimeType:  setup.MetadataMIMEType,
		Payload:           Payload{Data: setup.Data, Metadata: setup.Metadata, HasMetadata: setup.HasMetadata},
		Lease:             setup.Lease,
		ResumeToken:       setup.ResumeToken,
	}
	h, err := s.accept(c, info)
	if err != nil {
		e := &Error{Code: frame.ErrorCodeRejectedSetup, Message: err.Error()}
		var re *Error
		if errors.As(err, &re) && re.Code.IsSetupError() {
			e = re
		}
		c.closeWith(e, e.frame(0))
		c.accept(Handler{})
		return
	}
	c.accept(h)
}

func (s *Server) accept(c *Conn, info SetupInfo) (h Handler, err error) {
	if s.opts.Acceptor == nil {
		return Handler{}, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = sluice.NewPanicError(r)
		}
	}()
	return s.opts.Acceptor(c.ctx, info, c)
}

// checkSetup validates the first frame of a connection (PROTOCOL.md §7).
func checkSetup(f frame.Frame, err error) (*frame.SetupFrame, frame.ErrorCode, string) {
	if err != nil {
		var fe *frame.FormatError
		if errors.As(err, &fe) && fe.Type == frame.TypeSetup {
			return nil, frame.ErrorCodeInvalidSetup, err.Error()
		}
		return nil, frame.ErrorCodeConnectionError, err.Error()
	}
	switch f := f.(type) {
	case *frame.SetupFrame:
		switch {
		case f.MajorVersion != frame.MajorVersion || f.MinorVersion != frame.MinorVersion:
			return nil, frame.ErrorCodeInvalidSetup, fmt.Sprintf("unsupported version %d.%d", f.MajorVersion, f.MinorVersion)
		case f.Lease:
			return nil, frame.ErrorCodeUnsupportedSetup, "lease is not supported"
		case len(f.ResumeToken) > 0:
			return nil, frame.ErrorCodeRejectedSetup, "resumption is not supported"
		}
		return f, 0, ""
	case *frame.ResumeFrame:
		return nil, frame.ErrorCodeRejectedResume, "resumption is not supported"
	}
	return nil, frame.ErrorCodeInvalidSetup, "first frame must be SETUP, got " + f.Type().String()
}

// reject answers a connection in setup with an ERROR on stream 0 and closes it.
func reject(t transport.Conn, code frame.ErrorCode, msg string) {
	ef := &frame.ErrorFrame{Code: code, Data: []byte(msg)}
	if t.WriteFrame(ef.Append(nil)) == nil {
		_ = t.Flush()
	}
	_ = t.Close()
}

// Shutdown stops the server gracefully: it closes the listeners, rejects new
// requests with ERROR[REJECTED], waits until the in-flight streams have
// finished or ctx ends, then closes every connection with
// ERROR[CONNECTION_CLOSE] (streams still running end with an error matching
// ErrConnectionClosed on both sides) and waits for their goroutines. It
// returns ctx.Err() if it had to cut streams short.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	for l := range s.listeners {
		_ = l.Close()
	}
	for t := range s.setups {
		_ = t.Close()
	}
	conns := make([]*Conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.draining.Store(true)
	}
	result := s.waitIdle(ctx, conns)
	closeFrame := &frame.ErrorFrame{Code: frame.ErrorCodeConnectionClose, Data: []byte("server shutting down")}
	for _, c := range conns {
		c.closeWith(ErrServerClosed, closeFrame)
	}
	for _, c := range conns {
		<-c.Done()
	}
	s.wg.Wait()
	return result
}

// Close closes the server and every connection at once.
func (s *Server) Close() error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.Shutdown(ctx)
	return nil
}

func (s *Server) waitIdle(ctx context.Context, conns []*Conn) error {
	idle := func() bool {
		for _, c := range conns {
			if c.activeStreams() > 0 {
				return false
			}
		}
		return true
	}
	if idle() {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if idle() {
				return nil
			}
		}
	}
}
