package rsocket

import "sync"

// maxIdleWorkers is the most stream workers a connection keeps parked (a
// parked worker costs its stack, a few KiB; a connection only parks as many
// as it once ran at the same time).
const maxIdleWorkers = 64

// workers runs the outbound work of streams (handler calls, subscribing
// and requesting publishers) on goroutines owned by the connection. A
// parked worker is reused, so answering a request neither starts a
// goroutine nor allocates; when none is parked a new one starts, so a
// handler that blocks never delays another stream.
type workers struct {
	mu     sync.Mutex
	work   sync.Cond
	queue  []*stream
	head   int
	idle   int
	closed bool
}

// runStream has s.drive run on a worker.
func (c *Conn) runStream(s *stream) {
	w := &c.workers
	w.mu.Lock()
	if w.work.L == nil {
		w.work.L = &w.mu
	}
	w.queue = append(w.queue, s)
	if w.idle > 0 {
		w.idle--
		w.work.Signal()
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	c.spawn(c.worker)
}

// closeWorkers lets parked workers exit.
func (c *Conn) closeWorkers() {
	w := &c.workers
	w.mu.Lock()
	w.closed = true
	if w.work.L != nil {
		w.idle = 0
		w.work.Broadcast()
	}
	w.mu.Unlock()
}

// worker runs queued streams; it parks when the queue is empty unless
// enough workers are parked already or the connection is closing.
func (c *Conn) worker() {
	w := &c.workers
	w.mu.Lock()
	for {
		if w.head < len(w.queue) {
			s := w.queue[w.head]
			w.queue[w.head] = nil
			w.head++
			if w.head == len(w.queue) {
				w.queue, w.head = w.queue[:0], 0
			}
			w.mu.Unlock()
			s.drive()
			w.mu.Lock()
			continue
		}
		if w.closed || w.idle >= maxIdleWorkers {
			w.mu.Unlock()
			return
		}
		w.idle++
		w.work.Wait() // runStream or closeWorkers took us off the idle count
	}
}
