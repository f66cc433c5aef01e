package flux

import (
	"runtime"
	"sync/atomic"
	"time"
)

const (
	waitLong = 10 * time.Second
	tick     = time.Millisecond
)

func stackDepth() int {
	pcs := make([]uintptr, 4096)
	return runtime.Callers(0, pcs)
}

type atomicBool = atomic.Bool
