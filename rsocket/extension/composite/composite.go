// Package composite reads and writes composite metadata
// (message/x.rsocket.composite-metadata.v0): a concatenation of entries,
// each a MIME type (one-byte well-known id or length−1-prefixed ASCII
// string), a u24 content length and the content.
package composite

import (
	"iter"
	"strconv"

	"github.com/sluicego/sluice/rsocket/extension"
	"github.com/sluicego/sluice/rsocket/extension/mime"
)

// Format is the MIME type of composite metadata.
const Format = "message/x.rsocket.composite-metadata.v0"

// MaxContentLength is the largest content of one entry (u24 length).
const MaxContentLength = 1<<24 - 1

// Entry is one composite metadata entry.
type Entry struct {
	// MIMEType is the entry's MIME type (well-known id or custom string).
	MIMEType mime.Type
	// Content is the entry's content; it aliases the parsed input.
	Content []byte
}

// Iterator walks the entries of composite metadata lazily, validating each
// header and length against the remaining bytes. Custom MIME strings cost
// one allocation each; well-known entries none.
type Iterator struct {
	b     []byte
	off   int
	entry Entry
	err   error
}

// NewIterator returns an iterator over the entries of b.
func NewIterator(b []byte) *Iterator { return &Iterator{b: b} }

// Next advances to the next entry and reports whether there is one. It
// returns false at the end or on an error (see Err).
func (it *Iterator) Next() bool {
	if it.err != nil || it.off >= len(it.b) {
		return false
	}
	t, n, err := mime.ReadType(it.b[it.off:], Format, it.off)
	if err != nil {
		it.err = err
		return false
	}
	off := it.off + n
	if len(it.b)-off < 3 {
		it.err = extension.Malformed(Format, off, "missing 3-byte content length")
		return false
	}
	size := int(it.b[off])<<16 | int(it.b[off+1])<<8 | int(it.b[off+2])
	off += 3
	if size > len(it.b)-off {
		it.err = extension.Malformed(Format, off-3, "content of "+strconv.Itoa(size)+
			" bytes overruns the remaining "+strconv.Itoa(len(it.b)-off))
		return false
	}
	it.entry = Entry{MIMEType: t, Content: it.b[off : off+size : off+size]}
	it.off = off + size
	return true
}

// Entry returns the current entry.
func (it *Iterator) Entry() Entry { return it.entry }

// Err returns the error that stopped the iteration, if any.
func (it *Iterator) Err() error { return it.err }

// All returns an iterator over the entries of b for range-over-func loops.
// On a malformed entry it yields a zero Entry with the error and stops.
func All(b []byte) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		it := NewIterator(b)
		for it.Next() {
			if !yield(it.Entry(), nil) {
				return
			}
		}
		if err := it.Err(); err != nil {
			yield(Entry{}, err)
		}
	}
}

// Parse returns all entries of b, or the first error.
func Parse(b []byte) ([]Entry, error) {
	var out []Entry
	it := NewIterator(b)
	for it.Next() {
		out = append(out, it.Entry())
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Find returns the content of the first entry whose MIME type is mimeType
// (compared exactly, well-known or custom), and whether there is one. It
// stops at the first malformed entry.
func Find(b []byte, mimeType string) ([]byte, bool) {
	it := NewIterator(b)
	for it.Next() {
		if e := it.Entry(); e.MIMEType.Name == mimeType {
			return e.Content, true
		}
	}
	return nil, false
}

// Append appends one entry with the given MIME type and content. The
// well-known id is used when the table has mimeType. It fails for an
// unusable MIME type or content longer than MaxContentLength; on error b is
// returned unchanged.
func Append(b []byte, mimeType string, content []byte) ([]byte, error) {
	if len(content) > MaxContentLength {
		return b, extension.Invalid(Format, "content longer than 16777215 bytes")
	}
	out, err := mime.AppendType(b, mimeType, Format)
	if err != nil {
		return b, err
	}
	return appendContent(out, content), nil
}

// AppendWellKnown appends one entry with a well-known MIME id (0..0x7F).
func AppendWellKnown(b []byte, id mime.ID, content []byte) ([]byte, error) {
	if len(content) > MaxContentLength {
		return b, extension.Invalid(Format, "content longer than 16777215 bytes")
	}
	out, err := mime.AppendWellKnown(b, id, Format)
	if err != nil {
		return b, err
	}
	return appendContent(out, content), nil
}

// AppendCustom appends one entry with mimeType written as a string even if
// it is well-known (for peers that do not know ids 0x29/0x2A).
func AppendCustom(b []byte, mimeType string, content []byte) ([]byte, error) {
	if len(content) > MaxContentLength {
		return b, extension.Invalid(Format, "content longer than 16777215 bytes")
	}
	out, err := mime.AppendCustomType(b, mimeType, Format)
	if err != nil {
		return b, err
	}
	return appendContent(out, content), nil
}

func appendContent(b, content []byte) []byte {
	n := len(content)
	b = append(b, byte(n>>16), byte(n>>8), byte(n))
	return append(b, content...)
}
