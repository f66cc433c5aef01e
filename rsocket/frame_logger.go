package rsocket

import (
	"fmt"
	"io"
	"sync"

	"github.com/sluicego/sluice/rsocket/frame"
)

// frameLogger writes frame dumps for ConnectionOptions.FrameLogger; the
// reader and the writer share it, so writes are serialized.
type frameLogger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *frameLogger) log(dir string, f frame.Frame) {
	s := frame.FormatString(dir, f)
	l.mu.Lock()
	_, _ = io.WriteString(l.w, s)
	l.mu.Unlock()
}

// logBytes parses an encoded frame and logs it (or its raw bytes if it
// does not parse).
func (l *frameLogger) logBytes(dir string, b []byte) {
	f, err := frame.Parse(b)
	if err != nil {
		l.mu.Lock()
		_, _ = fmt.Fprintf(l.w, "%s ->\nunparsable frame (%v): % x\n", dir, err, b)
		l.mu.Unlock()
		return
	}
	l.log(dir, f)
}
