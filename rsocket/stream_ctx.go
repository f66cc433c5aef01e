package rsocket

import (
	"context"
	"sync"
	"time"
)

// streamCtx is the context a responder stream's handler receives: the
// connection's context plus the stream id, cancelled when the stream ends.
// It lives inside the stream, so answering a request costs no context
// allocations; its Done channel is made only if someone asks for it.
type streamCtx struct {
	parent context.Context // the connection's; cancelled when it closes
	id     uint32

	mu     sync.Mutex
	err    error
	done   chan struct{}
	afters map[*afterFunc]struct{}
}

type afterFunc struct{ f func() }

var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

func (c *streamCtx) init(parent context.Context, id uint32) {
	c.parent, c.id = parent, id
}

// Deadline returns the connection's deadline (none).
func (c *streamCtx) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Done returns a channel closed when the stream ends.
func (c *streamCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		if c.err != nil {
			c.done = closedChan
		} else {
			c.done = make(chan struct{})
		}
	}
	return c.done
}

// Err returns context.Canceled once the stream ended (a closing connection
// ends all its streams).
func (c *streamCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value returns the stream id for StreamID, and the parent's values.
func (c *streamCtx) Value(key any) any {
	if _, ok := key.(streamIDKey); ok {
		return c.id
	}
	return c.parent.Value(key)
}

// AfterFunc arranges for f to run on its own goroutine when the stream ends
// (context.AfterFunc and context.WithCancel use it instead of starting a
// watcher goroutine).
func (c *streamCtx) AfterFunc(f func()) func() bool {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		go f()
		return func() bool { return false }
	}
	a := &afterFunc{f: f}
	if c.afters == nil {
		c.afters = make(map[*afterFunc]struct{})
	}
	c.afters[a] = struct{}{}
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if _, ok := c.afters[a]; !ok {
			return false
		}
		delete(c.afters, a)
		return true
	}
}

// cancel ends the context (idempotent).
func (c *streamCtx) cancel() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = context.Canceled
	if c.done == nil {
		c.done = closedChan
	} else {
		close(c.done)
	}
	afters := c.afters
	c.afters = nil
	c.mu.Unlock()
	for a := range afters {
		go a.f()
	}
}
