package rsocket

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkTable compares t with want, entry by entry and through each.
func checkTable(t *testing.T, tab *streamTable, want map[uint32]*stream) {
	t.Helper()
	require.Equal(t, len(want), tab.len())
	for id, s := range want {
		require.Same(t, s, tab.get(id), "id %d", id)
	}
	seen := map[uint32]*stream{}
	tab.each(func(id uint32, s *stream) { seen[id] = s })
	require.Equal(t, want, seen)
}

func TestStreamTableOperations(t *testing.T) {
	var tab streamTable
	assert.Nil(t, tab.get(1), "the zero table is empty")
	tab.del(1) // deleting from the zero table is a no-op
	a, b, c := &stream{}, &stream{}, &stream{}
	tab.put(1, a)
	tab.put(2, b)
	tab.put(1, c) // replaces
	checkTable(t, &tab, map[uint32]*stream{1: c, 2: b})
	tab.del(3) // absent
	tab.del(0) // never a stream's id: the free slots are left alone
	checkTable(t, &tab, map[uint32]*stream{1: c, 2: b})
	assert.Nil(t, tab.get(0))
	tab.del(1)
	checkTable(t, &tab, map[uint32]*stream{2: b})
	assert.Nil(t, tab.get(1))
}

// TestStreamTableAgainstMap runs random puts and deletes, with ids drawn
// the way connections use them (rising odd and even ids, a few in
// flight) and at random (colliding probe runs that wrap around the end),
// and checks the table against a map after every step.
func TestStreamTableAgainstMap(t *testing.T) {
	cases := []struct {
		name string
		id   func(r *rand.Rand, step int) uint32
	}{
		{"rising ids", func(r *rand.Rand, step int) uint32 { return uint32(2*(step-r.IntN(40))) | uint32(r.IntN(2)) }},
		{"random small ids", func(r *rand.Rand, _ int) uint32 { return 1 + uint32(r.IntN(200)) }},
		{"random ids", func(r *rand.Rand, _ int) uint32 { return 1 + r.Uint32N(1<<31-1) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var tab streamTable
			want := map[uint32]*stream{}
			for step := 1; step < 5000; step++ {
				id := c.id(r, step)
				if id == 0 {
					continue
				}
				if r.IntN(3) == 0 {
					tab.del(id)
					delete(want, id)
				} else {
					s := &stream{}
					tab.put(id, s)
					want[id] = s
				}
				if step%50 == 0 || len(want) < 20 {
					checkTable(t, &tab, want)
				}
			}
			checkTable(t, &tab, want)
			for id := range want {
				tab.del(id)
			}
			checkTable(t, &tab, map[uint32]*stream{})
		})
	}
}

// TestStreamTableDeleteKeepsProbeRuns fills one probe run that wraps from
// the last slot to the first and deletes its entries in every order of
// three: the ones left must still be found.
func TestStreamTableDeleteKeepsProbeRuns(t *testing.T) {
	var probe streamTable
	probe.put(1, &stream{}) // allocates the first slots
	last := len(probe.slots) - 1
	var ids []uint32
	for id := uint32(1); len(ids) < 3; id++ {
		if probe.home(id) == last {
			ids = append(ids, id)
		}
	}
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, order := range orders {
		var tab streamTable
		want := map[uint32]*stream{}
		for _, id := range ids {
			s := &stream{}
			tab.put(id, s)
			want[id] = s
		}
		require.Equal(t, len(probe.slots), len(tab.slots), "the run wraps around the same table size")
		for _, k := range order {
			tab.del(ids[k])
			delete(want, ids[k])
			checkTable(t, &tab, want)
		}
	}
}

func BenchmarkStreamTable(b *testing.B) {
	b.Run("table", func(b *testing.B) {
		var tab streamTable
		s := &stream{}
		for i := uint32(1); i < 128; i += 2 {
			tab.put(i, s)
		}
		id := uint32(129)
		for b.Loop() {
			tab.put(id, s)
			if tab.get(id) != s {
				b.Fatal("lost")
			}
			tab.del(id - 128)
			id += 2
		}
	})
	b.Run("map", func(b *testing.B) {
		m := map[uint32]*stream{}
		s := &stream{}
		for i := uint32(1); i < 128; i += 2 {
			m[i] = s
		}
		id := uint32(129)
		for b.Loop() {
			m[id] = s
			if m[id] != s {
				b.Fatal("lost")
			}
			delete(m, id-128)
			id += 2
		}
	})
}
