package mime

import (
	"strconv"

	"github.com/sluicego/sluice/rsocket/extension"
)

// Formats of the per-stream MIME extensions, as used in errors.
const (
	FormatMIMEType        = "message/x.rsocket.mime-type.v0"
	FormatAcceptMIMETypes = "message/x.rsocket.accept-mime-types.v0"
)

// MaxCustomLength is the longest custom MIME string an entry can carry: its
// length is stored as length−1 in 7 bits.
const MaxCustomLength = 128

// Type is one MIME type as written in an entry: a well-known id or a custom
// string.
type Type struct {
	// WellKnown reports that the type was written as a one-byte id.
	WellKnown bool
	// ID is the well-known id (meaningful only when WellKnown).
	ID ID
	// Name is the MIME type string: the custom string, or the table's name
	// for a well-known id ("" for a reserved id).
	Name string
}

// String returns Name, or "reserved(0x..)" for a reserved well-known id.
func (t Type) String() string {
	if t.WellKnown && t.Name == "" {
		return "reserved(0x" + strconv.FormatUint(uint64(t.ID), 16) + ")"
	}
	return t.Name
}

// ReadType decodes one MIME entry header at the start of b: either 0x80|id
// or (len−1) followed by len ASCII bytes. It returns the type and the number
// of bytes consumed. format names the enclosing format in errors; offset is
// b's offset within the whole input, for error reports. A custom name is
// converted to a string (one allocation).
func ReadType(b []byte, format string, offset int) (Type, int, error) {
	if len(b) == 0 {
		return Type{}, 0, extension.Malformed(format, offset, "missing MIME type byte")
	}
	if b[0]&0x80 != 0 {
		id := ID(b[0] &^ 0x80)
		return Type{WellKnown: true, ID: id, Name: id.String()}, 1, nil
	}
	n := int(b[0]) + 1
	if n > len(b)-1 {
		return Type{}, 0, extension.Malformed(format, offset,
			"MIME type of "+strconv.Itoa(n)+" bytes overruns the remaining "+strconv.Itoa(len(b)-1))
	}
	name := b[1 : 1+n]
	for i, c := range name {
		if c > 0x7E || c < 0x20 {
			return Type{}, 0, extension.Malformed(format, offset+1+i, "MIME type is not printable US-ASCII")
		}
	}
	return Type{Name: string(name)}, 1 + n, nil
}

// AppendType appends the entry header for mimeType: the well-known id when
// the table has it, the custom string otherwise. It fails for an empty
// string, one longer than MaxCustomLength, or one that is not printable ASCII.
func AppendType(b []byte, mimeType string, format string) ([]byte, error) {
	if id, ok := IDOf(mimeType); ok {
		return append(b, 0x80|byte(id)), nil
	}
	return AppendCustomType(b, mimeType, format)
}

// AppendCustomType appends mimeType as a custom string, even if it is
// well-known (needed for 0x29/0x2A with old peers).
func AppendCustomType(b []byte, mimeType string, format string) ([]byte, error) {
	if err := checkCustom(mimeType, format); err != nil {
		return b, err
	}
	b = append(b, byte(len(mimeType)-1))
	return append(b, mimeType...), nil
}

// AppendWellKnown appends the one-byte header of a well-known id. It fails
// if id > MaxID.
func AppendWellKnown(b []byte, id ID, format string) ([]byte, error) {
	if id > MaxID {
		return b, extension.Invalid(format, "well-known id "+strconv.Itoa(int(id))+" exceeds 0x7F")
	}
	return append(b, 0x80|byte(id)), nil
}

func checkCustom(s string, format string) error {
	if len(s) == 0 || len(s) > MaxCustomLength {
		return extension.Invalid(format, "custom MIME type must be 1.."+strconv.Itoa(MaxCustomLength)+
			" bytes, got "+strconv.Itoa(len(s)))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return extension.Invalid(format, "custom MIME type is not printable US-ASCII")
		}
	}
	return nil
}
