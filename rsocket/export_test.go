package rsocket

// CallWatchState reports whether c watches a context shared by blocking
// request-responses, and how many calls wait under that watch
// (call_watch.go).
func CallWatchState(c *Conn) (watched bool, waiting int) {
	c.calls.mu.Lock()
	defer c.calls.mu.Unlock()
	return c.calls.watch.done != nil, len(c.calls.calls)
}
