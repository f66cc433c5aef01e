// Package slab hands out byte slices for received frames by carving small
// ones from shared chunks, so that reading a stream of small frames costs far
// less than one allocation per frame. A carved slice is never handed out
// twice and never written by the slab again, so whoever receives it owns it;
// the price is that a slice kept alive keeps its whole chunk alive.
package slab

// Sizes of the carving policy.
const (
	// ChunkSize is the size of a shared chunk.
	ChunkSize = 32 << 10
	// MaxCarve is the largest slice carved from a chunk; bigger ones get
	// their own allocation.
	MaxCarve = 2 << 10
)

// Allocator carves slices from chunks. It is not safe for concurrent use.
type Allocator struct {
	chunk []byte
}

// Get returns a slice of length n that no one else references.
func (a *Allocator) Get(n int) []byte {
	if n > MaxCarve {
		return make([]byte, n)
	}
	if cap(a.chunk)-len(a.chunk) < n {
		a.chunk = make([]byte, 0, ChunkSize)
	}
	start := len(a.chunk)
	a.chunk = a.chunk[:start+n]
	return a.chunk[start : start+n : start+n]
}
