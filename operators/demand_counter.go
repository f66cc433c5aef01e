package operators

import (
	"sync/atomic"

	"github.com/sluicego/sluice/internal/demand"
)

// demandCounter tracks outstanding demand for stages that report it.
type demandCounter struct{ n atomic.Int64 }

func (d *demandCounter) add(n int64) { demand.AddAtomic(&d.n, n) }
func (d *demandCounter) produced()   { demand.ProducedAtomic(&d.n, 1) }
func (d *demandCounter) load() int64 { return d.n.Load() }
