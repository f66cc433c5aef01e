// Package auth encodes and decodes authentication metadata
// (message/x.rsocket.authentication.v0): an auth type (well-known id or
// custom string) followed by a type-specific payload. The well-known types
// are simple (username and password) and bearer (a token).
package auth

import (
	"encoding/binary"
	"strconv"

	"github.com/sluicego/sluice/rsocket/extension"
)

// Format is the MIME type of authentication metadata.
const Format = "message/x.rsocket.authentication.v0"

// ID is a 7-bit well-known auth type id.
type ID uint8

// The well-known auth types.
const (
	// Simple is username/password authentication.
	Simple ID = 0x00
	// Bearer is token authentication.
	Bearer ID = 0x01
)

// String returns "simple", "bearer", or "" for an unassigned id.
func (id ID) String() string {
	switch id {
	case Simple:
		return "simple"
	case Bearer:
		return "bearer"
	}
	return ""
}

// MaxCustomTypeLength is the longest custom auth type (length−1 in 7 bits).
const MaxCustomTypeLength = 128

// MaxUsernameLength is the longest simple-auth username (u16 length).
const MaxUsernameLength = 0xFFFF

// Type is an auth type as written on the wire.
type Type struct {
	// WellKnown reports that the type was written as a one-byte id.
	WellKnown bool
	// ID is the well-known id (meaningful only when WellKnown).
	ID ID
	// Name is "simple", "bearer", the custom type string, or "" for an
	// unassigned well-known id.
	Name string
}

// Metadata is decoded authentication metadata.
type Metadata struct {
	// Type is the auth type.
	Type Type
	// Payload is the type-specific payload; it aliases the parsed input.
	Payload []byte
}

// Parse decodes authentication metadata. It validates the type header; call
// Simple or Bearer to decode the payload of those types.
func Parse(b []byte) (Metadata, error) {
	if len(b) == 0 {
		return Metadata{}, extension.Malformed(Format, 0, "missing auth type")
	}
	if b[0]&0x80 != 0 {
		id := ID(b[0] &^ 0x80)
		return Metadata{Type: Type{WellKnown: true, ID: id, Name: id.String()}, Payload: b[1:]}, nil
	}
	n := int(b[0]) + 1
	if n > len(b)-1 {
		return Metadata{}, extension.Malformed(Format, 0, "auth type of "+strconv.Itoa(n)+
			" bytes overruns the remaining "+strconv.Itoa(len(b)-1))
	}
	for i, c := range b[1 : 1+n] {
		if c < 0x20 || c > 0x7E {
			return Metadata{}, extension.Malformed(Format, 1+i, "auth type is not printable US-ASCII")
		}
	}
	return Metadata{Type: Type{Name: string(b[1 : 1+n])}, Payload: b[1+n:]}, nil
}

// Simple decodes the payload of simple authentication: a u16 username
// length, the username, and the password (the rest, possibly empty).
func (m Metadata) Simple() (username, password string, err error) {
	if !m.Type.WellKnown || m.Type.ID != Simple {
		return "", "", extension.Malformed(Format, 0, "auth type is "+m.Type.Name+", not simple")
	}
	p := m.Payload
	if len(p) < 2 {
		return "", "", extension.Malformed(Format, 1, "missing username length")
	}
	n := int(binary.BigEndian.Uint16(p))
	if n > len(p)-2 {
		return "", "", extension.Malformed(Format, 1, "username of "+strconv.Itoa(n)+
			" bytes overruns the remaining "+strconv.Itoa(len(p)-2))
	}
	return string(p[2 : 2+n]), string(p[2+n:]), nil
}

// Bearer returns the token of bearer authentication (the whole payload).
func (m Metadata) Bearer() (string, error) {
	if !m.Type.WellKnown || m.Type.ID != Bearer {
		return "", extension.Malformed(Format, 0, "auth type is "+m.Type.Name+", not bearer")
	}
	return string(m.Payload), nil
}

// AppendSimple appends simple authentication metadata. The username may be
// up to MaxUsernameLength bytes.
func AppendSimple(b []byte, username, password string) ([]byte, error) {
	if len(username) > MaxUsernameLength {
		return b, extension.Invalid(Format, "username longer than 65535 bytes")
	}
	b = append(b, 0x80|byte(Simple), byte(len(username)>>8), byte(len(username)))
	b = append(b, username...)
	return append(b, password...), nil
}

// AppendBearer appends bearer authentication metadata carrying token.
func AppendBearer(b []byte, token string) []byte {
	b = append(b, 0x80|byte(Bearer))
	return append(b, token...)
}

// AppendWellKnown appends metadata of a well-known auth type id with a raw
// payload. It fails if id > 0x7F.
func AppendWellKnown(b []byte, id ID, payload []byte) ([]byte, error) {
	if id > 0x7F {
		return b, extension.Invalid(Format, "well-known auth type id exceeds 0x7F")
	}
	b = append(b, 0x80|byte(id))
	return append(b, payload...), nil
}

// AppendCustom appends metadata of a custom auth type (1..128 printable
// ASCII bytes, written as length−1 like rsocket-java and rsocket-js) with a
// raw payload.
func AppendCustom(b []byte, authType string, payload []byte) ([]byte, error) {
	if len(authType) == 0 || len(authType) > MaxCustomTypeLength {
		return b, extension.Invalid(Format, "custom auth type must be 1..128 bytes, got "+strconv.Itoa(len(authType)))
	}
	for i := 0; i < len(authType); i++ {
		if authType[i] < 0x20 || authType[i] > 0x7E {
			return b, extension.Invalid(Format, "custom auth type is not printable US-ASCII")
		}
	}
	b = append(b, byte(len(authType)-1))
	b = append(b, authType...)
	return append(b, payload...), nil
}
