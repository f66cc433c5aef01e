// Package mime holds the well-known MIME types of the RSocket extension spec
// and the MIME encodings built on them: the one-byte well-known id
// (0x80|id) or length-prefixed ASCII string used inside composite metadata,
// the per-stream data MIME type (message/x.rsocket.mime-type.v0) and the
// accept list (message/x.rsocket.accept-mime-types.v0).
package mime

import "strings"

// ID is a 7-bit well-known MIME type id.
type ID uint8

// MaxID is the largest well-known id.
const MaxID ID = 0x7F

// String returns the MIME type of id, or "" if id is reserved or > MaxID.
func (id ID) String() string {
	if id > MaxID {
		return ""
	}
	return names[id]
}

// Assigned reports whether id has a MIME type in the table (it is not reserved).
func (id ID) Assigned() bool { return id.String() != "" }

// Lookup returns the MIME type of id and whether id is assigned.
func Lookup(id ID) (string, bool) {
	s := id.String()
	return s, s != ""
}

var byName = func() map[string]ID {
	m := make(map[string]ID, 2*len(names))
	for id, n := range names {
		if n != "" {
			m[n] = ID(id)
			m[strings.ToLower(n)] = ID(id)
		}
	}
	return m
}()

// IDOf returns the well-known id of a MIME type. The match is exact first
// and then ASCII case-insensitive (so "video/h264" finds VideoH264), as
// PROTOCOL.md §18.1 asks when compressing a user's string to an id.
func IDOf(mimeType string) (ID, bool) {
	if id, ok := byName[mimeType]; ok {
		return id, true
	}
	id, ok := byName[strings.ToLower(mimeType)]
	return id, ok
}
