// Package routing encodes and decodes routing metadata
// (message/x.rsocket.routing.v0): a sequence of tags, each a one-byte length
// and 1..255 bytes of UTF-8. The first tag is usually the route.
package routing

import (
	"strconv"

	"github.com/sluicego/sluice/rsocket/extension"
)

// Format is the MIME type of routing metadata.
const Format = "message/x.rsocket.routing.v0"

// MaxTagLength is the longest tag the one-byte length allows.
const MaxTagLength = 255

// Parse returns the tags of routing metadata b. Empty metadata has no tags.
// A tag of length 0 or one that overruns b is an error (ErrMalformed).
func Parse(b []byte) ([]string, error) {
	var tags []string
	it := NewIterator(b)
	for it.Next() {
		tags = append(tags, string(it.Tag()))
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return tags, nil
}

// Iterator walks the tags of routing metadata without allocating.
type Iterator struct {
	b   []byte
	off int
	tag []byte
	err error
}

// NewIterator returns an iterator over the tags in b.
func NewIterator(b []byte) *Iterator { return &Iterator{b: b} }

// Next advances to the next tag and reports whether there is one. It
// returns false at the end or on an error (see Err).
func (it *Iterator) Next() bool {
	if it.err != nil || it.off >= len(it.b) {
		return false
	}
	n := int(it.b[it.off])
	if n == 0 {
		it.err = extension.Malformed(Format, it.off, "empty tag")
		return false
	}
	if n > len(it.b)-it.off-1 {
		it.err = extension.Malformed(Format, it.off, "tag of "+strconv.Itoa(n)+" bytes overruns the remaining "+
			strconv.Itoa(len(it.b)-it.off-1))
		return false
	}
	it.tag = it.b[it.off+1 : it.off+1+n : it.off+1+n]
	it.off += 1 + n
	return true
}

// Tag returns the current tag; it aliases the input.
func (it *Iterator) Tag() []byte { return it.tag }

// Err returns the error that stopped the iteration, if any.
func (it *Iterator) Err() error { return it.err }

// Append appends routing metadata with the given tags to b. Each tag must be
// 1..MaxTagLength bytes; on error b is returned unchanged.
func Append(b []byte, tags ...string) ([]byte, error) {
	for i, t := range tags {
		if len(t) == 0 || len(t) > MaxTagLength {
			return b, extension.Invalid(Format, "tag "+strconv.Itoa(i)+" has "+strconv.Itoa(len(t))+
				" bytes, must be 1.."+strconv.Itoa(MaxTagLength))
		}
	}
	for _, t := range tags {
		b = append(b, byte(len(t)))
		b = append(b, t...)
	}
	return b, nil
}
