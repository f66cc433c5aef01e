package frame

import "strconv"

// parseMetadataAndData splits the body of a metadata-and-data frame: an
// optional u24 metadata length and metadata (when M is set), then data to
// the end. Results alias body.
func parseMetadataAndData(h Header, body []byte) (metadata []byte, hasMetadata bool, data []byte, err error) {
	if h.Flags&FlagMetadata == 0 {
		return nil, false, body, nil
	}
	if len(body) < metadataLengthSize {
		return nil, false, nil, shortError(h, "metadata length", metadataLengthSize, len(body))
	}
	n := readUint24(body)
	rest := body[metadataLengthSize:]
	if n > len(rest) {
		return nil, false, nil, formatError(h, ErrShortFrame,
			"metadata length "+strconv.Itoa(n)+" exceeds remaining "+strconv.Itoa(len(rest))+" bytes")
	}
	return rest[:n:n], true, rest[n:], nil
}

func appendMetadataAndData(b []byte, metadata []byte, hasMetadata bool, data []byte) []byte {
	if hasMetadata {
		b = appendUint24(b, len(metadata))
		b = append(b, metadata...)
	}
	return append(b, data...)
}

func metadataAndDataLength(metadata []byte, hasMetadata bool, data []byte) int {
	n := len(data)
	if hasMetadata {
		n += metadataLengthSize + len(metadata)
	}
	return n
}

func metadataFlag(hasMetadata bool) Flags {
	if hasMetadata {
		return FlagMetadata
	}
	return 0
}

func flagIf(set bool, f Flags) Flags {
	if set {
		return f
	}
	return 0
}
