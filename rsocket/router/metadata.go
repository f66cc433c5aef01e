package router

import (
	"errors"
	"fmt"

	"github.com/sluicego/sluice/rsocket"
	"github.com/sluicego/sluice/rsocket/extension/composite"
	"github.com/sluicego/sluice/rsocket/extension/routing"
)

// ErrNoRoute is matched by the error of RouteOf for a payload whose metadata
// carries no route.
var ErrNoRoute = errors.New("no route in metadata")

// RouteOf returns the route of p: the first tag of its routing metadata,
// read from the first routing entry when metadataMimeType is composite
// metadata (or empty), or from the whole metadata when it is routing
// metadata.
func RouteOf(p rsocket.Payload, metadataMimeType string) (string, error) {
	md := p.Metadata
	switch metadataMimeType {
	case composite.Format, "":
		var ok bool
		if md, ok = composite.Find(md, routing.Format); !ok {
			return "", ErrNoRoute
		}
	case routing.Format:
	default:
		return "", fmt.Errorf("%w (metadata MIME type %q has no routing)", ErrNoRoute, metadataMimeType)
	}
	it := routing.NewIterator(md)
	if !it.Next() {
		if err := it.Err(); err != nil {
			return "", fmt.Errorf("malformed routing metadata: %w", err)
		}
		return "", ErrNoRoute
	}
	return string(it.Tag()), nil
}

// Metadata returns composite metadata with one routing entry holding the
// route (and any further tags), for a request routed by a Router. Append
// more entries with composite.Append.
func Metadata(route string, tags ...string) ([]byte, error) {
	rt, err := routing.Append(nil, append([]string{route}, tags...)...)
	if err != nil {
		return nil, err
	}
	return composite.Append(nil, routing.Format, rt)
}

// Payload returns a payload with data and the composite metadata of
// Metadata(route). It panics if route is not a valid routing tag (empty or
// longer than 255 bytes), as a programming error.
func Payload(route string, data []byte) rsocket.Payload {
	md, err := Metadata(route)
	if err != nil {
		panic(fmt.Sprintf("router.Payload: %v", err))
	}
	return rsocket.NewPayload(data, md)
}
