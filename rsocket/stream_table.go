package rsocket

import "math/bits"

// streamTable maps stream ids to the streams in flight: an open-addressing
// hash table with linear probing. Every request, response and cancellation
// looks a stream up, and a request-response also adds and removes one; a
// Go map spends its time hashing and in its general machinery, while ids
// are small distinct integers that Fibonacci hashing spreads well (local
// ids are odd and rise by two, the peer's are even). The zero value is an
// empty table; it is not safe for concurrent use (Conn guards it with mu).
type streamTable struct {
	slots []streamSlot // len is a power of two, or 0
	n     int
	shift uint8 // 32 - log2(len(slots))
}

// streamSlot is one entry; id 0 (never a stream's) marks a free slot.
type streamSlot struct {
	id uint32
	s  *stream
}

// minStreamSlots is the size of a table's first allocation.
const minStreamSlots = 16

// home returns the slot where id's probe starts.
func (t *streamTable) home(id uint32) int {
	return int((id * 0x9E3779B1) >> t.shift)
}

// get returns the stream of id, or nil.
func (t *streamTable) get(id uint32) *stream {
	if t.n == 0 {
		return nil
	}
	mask := len(t.slots) - 1
	for i := t.home(id); ; i = (i + 1) & mask {
		switch t.slots[i].id {
		case id:
			return t.slots[i].s
		case 0:
			return nil
		}
	}
}

// put records s under id (id != 0), replacing what was there.
func (t *streamTable) put(id uint32, s *stream) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	for i := t.home(id); ; i = (i + 1) & mask {
		switch t.slots[i].id {
		case id:
			t.slots[i].s = s
			return
		case 0:
			t.slots[i] = streamSlot{id: id, s: s}
			t.n++
			return
		}
	}
}

// del removes id. The entries after it in its probe run move back to keep
// every run unbroken, so lookups need no tombstones. Id 0 (a stream not
// registered yet) is never in the table.
func (t *streamTable) del(id uint32) {
	if t.n == 0 || id == 0 {
		return
	}
	mask := len(t.slots) - 1
	i := t.home(id)
	for t.slots[i].id != id {
		if t.slots[i].id == 0 {
			return
		}
		i = (i + 1) & mask
	}
	for j := (i + 1) & mask; t.slots[j].id != 0; j = (j + 1) & mask {
		// The entry at j may fill the hole at i when its home is not in
		// the cyclic range (i, j].
		if h := t.home(t.slots[j].id); (j-h)&mask >= (j-i)&mask {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = streamSlot{}
	t.n--
}

// len returns the number of streams.
func (t *streamTable) len() int { return t.n }

// each calls fn for every stream, in no particular order.
func (t *streamTable) each(fn func(id uint32, s *stream)) {
	for _, e := range t.slots {
		if e.id != 0 {
			fn(e.id, e.s)
		}
	}
}

// grow doubles the table (or makes its first slots) and re-inserts every
// entry.
func (t *streamTable) grow() {
	old := t.slots
	size := 2 * len(old)
	if size < minStreamSlots {
		size = minStreamSlots
	}
	t.slots = make([]streamSlot, size)
	t.shift = uint8(32 - bits.TrailingZeros(uint(size)))
	t.n = 0
	for _, e := range old {
		if e.id != 0 {
			t.put(e.id, e.s)
		}
	}
}
