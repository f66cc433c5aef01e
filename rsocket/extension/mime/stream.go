package mime

import "github.com/sluicego/sluice/rsocket/extension"

// ParseMIMEType decodes message/x.rsocket.mime-type.v0 metadata: exactly
// one MIME type, the data MIME type of the stream's payloads.
func ParseMIMEType(b []byte) (Type, error) {
	t, n, err := ReadType(b, FormatMIMEType, 0)
	if err != nil {
		return Type{}, err
	}
	if n != len(b) {
		return Type{}, extension.Malformed(FormatMIMEType, n, "bytes after the MIME type")
	}
	return t, nil
}

// AppendMIMEType encodes message/x.rsocket.mime-type.v0 metadata declaring
// mimeType.
func AppendMIMEType(b []byte, mimeType string) ([]byte, error) {
	return AppendType(b, mimeType, FormatMIMEType)
}

// ParseAcceptMIMETypes decodes message/x.rsocket.accept-mime-types.v0
// metadata: one or more MIME types.
func ParseAcceptMIMETypes(b []byte) ([]Type, error) {
	if len(b) == 0 {
		return nil, extension.Malformed(FormatAcceptMIMETypes, 0, "empty list")
	}
	var out []Type
	for off := 0; off < len(b); {
		t, n, err := ReadType(b[off:], FormatAcceptMIMETypes, off)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
		off += n
	}
	return out, nil
}

// AppendAcceptMIMETypes encodes message/x.rsocket.accept-mime-types.v0
// metadata listing mimeTypes (at least one).
func AppendAcceptMIMETypes(b []byte, mimeTypes ...string) ([]byte, error) {
	if len(mimeTypes) == 0 {
		return b, extension.Invalid(FormatAcceptMIMETypes, "empty list")
	}
	orig := b
	for _, m := range mimeTypes {
		var err error
		if b, err = AppendType(b, m, FormatAcceptMIMETypes); err != nil {
			return orig, err
		}
	}
	return b, nil
}
