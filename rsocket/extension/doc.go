// Package extension holds what the RSocket extension codecs share: the
// errors they return. The codecs themselves live in the sub-packages:
//
//   - mime: the well-known MIME type table, and the per-stream data MIME
//     (message/x.rsocket.mime-type.v0) and accept list
//     (message/x.rsocket.accept-mime-types.v0) formats;
//   - composite: composite metadata (message/x.rsocket.composite-metadata.v0);
//   - routing: routing metadata (message/x.rsocket.routing.v0);
//   - auth: authentication metadata (message/x.rsocket.authentication.v0).
//
// Every decoder validates lengths against the input, returns an error that
// matches ErrMalformed instead of panicking, and returns slices that alias
// its input. Every encoder appends to a caller's buffer and rejects values
// that the format cannot carry with an error matching ErrInvalid.
package extension
