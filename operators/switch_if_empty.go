package operators

import (
	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/fuse"
)

// SwitchIfEmpty relays src, or, if src completes without an element,
// relays alt instead.
func SwitchIfEmpty[T any](src, alt sluice.Publisher[T]) sluice.Publisher[T] {
	_, fusable := fuse.AsSeq(alt)
	return newSwitch(src, "SwitchIfEmpty", fusable, func() policy[T] {
		return &switchIfEmptyPolicy[T]{alt: alt}
	})
}

// DefaultIfEmpty relays src, or emits v if src completes without an
// element (when the downstream requests it).
func DefaultIfEmpty[T any](src sluice.Publisher[T], v T) sluice.Publisher[T] {
	return newSwitch(src, "DefaultIfEmpty", true, func() policy[T] {
		return &switchIfEmptyPolicy[T]{alt: values[T]{v}}
	})
}

type switchIfEmptyPolicy[T any] struct {
	alt      sluice.Publisher[T]
	switched bool
}

func (p *switchIfEmptyPolicy[T]) complete(emitted bool) (sluice.Publisher[T], error) {
	if emitted || p.switched {
		return nil, nil
	}
	p.switched = true
	return p.alt, nil
}

func (p *switchIfEmptyPolicy[T]) fail(err error) (sluice.Publisher[T], error) { return nil, err }
