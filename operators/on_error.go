package operators

import "github.com/sluicego/sluice"

// OnErrorResume relays src; if it fails, relays the publisher fallback
// returns for the error instead (once: an error of the fallback ends the
// stream). A panic in fallback ends the stream with the original error
// joined to a *sluice.PanicError.
func OnErrorResume[T any](src sluice.Publisher[T], fallback func(error) sluice.Publisher[T]) sluice.Publisher[T] {
	return newSwitch(src, "OnErrorResume", false, func() policy[T] {
		return &errorPolicy[T]{resume: fallback}
	})
}

// OnErrorReturn relays src; if it fails, emits v and completes.
func OnErrorReturn[T any](src sluice.Publisher[T], v T) sluice.Publisher[T] {
	return newSwitch(src, "OnErrorReturn", true, func() policy[T] {
		return &errorPolicy[T]{resume: func(error) sluice.Publisher[T] { return values[T]{v} }}
	})
}

// OnErrorComplete relays src and turns its error into completion when
// match is nil or reports true for it.
func OnErrorComplete[T any](src sluice.Publisher[T], match func(error) bool) sluice.Publisher[T] {
	return newSwitch(src, "OnErrorComplete", true, func() policy[T] {
		return &errorPolicy[T]{toComplete: true, match: match}
	})
}

// OnErrorMap relays src and replaces its error with fn(err).
func OnErrorMap[T any](src sluice.Publisher[T], fn func(error) error) sluice.Publisher[T] {
	return newSwitch(src, "OnErrorMap", true, func() policy[T] {
		return &errorPolicy[T]{mapErr: fn}
	})
}

type errorPolicy[T any] struct {
	resume     func(error) sluice.Publisher[T]
	toComplete bool
	match      func(error) bool
	mapErr     func(error) error
	resumed    bool
}

func (p *errorPolicy[T]) complete(bool) (sluice.Publisher[T], error) { return nil, nil }

func (p *errorPolicy[T]) fail(err error) (sluice.Publisher[T], error) {
	switch {
	case p.resumed:
		return nil, err
	case p.resume != nil:
		p.resumed = true
		next := p.resume(err)
		if next == nil {
			return nil, err
		}
		return next, nil
	case p.toComplete:
		if p.match == nil || p.match(err) {
			return nil, nil
		}
		return nil, err
	case p.mapErr != nil:
		return nil, p.mapErr(err)
	}
	return nil, err
}
