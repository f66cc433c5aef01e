package tck

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func newTimer(d time.Duration) *time.Timer { return time.NewTimer(d) }

// goid returns the id of the calling goroutine, parsed from its stack
// header ("goroutine N [running]:"). Only the TCK's concurrency detector
// uses it; it is slow and must not be used for anything else.
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}

// Marker functions: the 2.3 tests call OnComplete/OnError through these so
// that a Request or Cancel made synchronously from inside the signal can be
// detected by finding the marker on the current stack.

//go:noinline
func tckMarkerSignalOnComplete(f func()) { f(); runtime.KeepAlive(f) }

//go:noinline
func tckMarkerSignalOnError(f func()) { f(); runtime.KeepAlive(f) }

// onStack reports whether a function whose name ends with name is on the
// calling goroutine's stack.
func onStack(name string) bool {
	pcs := make([]uintptr, 1024)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.Function, name) {
			return true
		}
		if !more {
			return false
		}
	}
}
