package frame

import (
	"encoding/binary"
	"strconv"
)

// The protocol version this package speaks.
const (
	MajorVersion = 1
	MinorVersion = 0
)

// A SetupFrame (type 0x01, stream 0) is the first frame a client sends.
// The R flag is set exactly when ResumeToken is non-empty.
type SetupFrame struct {
	// MajorVersion and MinorVersion of the protocol (1.0). Parse does not
	// check them: accepting a version is the server's decision.
	MajorVersion, MinorVersion uint16
	// KeepaliveInterval is the time between KEEPALIVE frames in ms (1..2^31-1).
	KeepaliveInterval uint32
	// MaxLifetime is how long, in ms, the client tolerates silence (1..2^31-1).
	MaxLifetime uint32
	// Lease is the L flag: the client will honor LEASE.
	Lease bool
	// ResumeToken enables resumption when non-empty (R flag), up to 65535 bytes.
	ResumeToken []byte
	// MetadataMIMEType and DataMIMEType are the connection's MIME types
	// (US-ASCII, up to 255 bytes each). The codec does not interpret them.
	MetadataMIMEType string
	DataMIMEType     string
	// Metadata is the setup metadata; HasMetadata is the M flag (metadata
	// may be present and empty).
	Metadata    []byte
	HasMetadata bool
	// Data is the setup data.
	Data []byte
}

// setupFixedLength is the size of versions, keepalive and lifetime.
const setupFixedLength = 12

func parseSetupFrame(h Header, b []byte) (*SetupFrame, error) {
	if len(b) < setupFixedLength {
		return nil, shortError(h, "SETUP fixed fields", setupFixedLength, len(b))
	}
	f := &SetupFrame{
		MajorVersion:      binary.BigEndian.Uint16(b),
		MinorVersion:      binary.BigEndian.Uint16(b[2:]),
		KeepaliveInterval: binary.BigEndian.Uint32(b[4:]),
		MaxLifetime:       binary.BigEndian.Uint32(b[8:]),
		Lease:             h.Flags&FlagLease != 0,
	}
	b = b[setupFixedLength:]
	if h.Flags&FlagResumeEnable != 0 {
		if len(b) < 2 {
			return nil, shortError(h, "resume token length", 2, len(b))
		}
		n := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		if n == 0 {
			return nil, formatError(h, ErrInvalidValue, "R flag set with an empty resume token")
		}
		if n > len(b) {
			return nil, shortError(h, "resume token", n, len(b))
		}
		f.ResumeToken = b[:n:n]
		b = b[n:]
	}
	var err error
	if f.MetadataMIMEType, b, err = parseMIMEType(h, "metadata MIME type", b); err != nil {
		return nil, err
	}
	if f.DataMIMEType, b, err = parseMIMEType(h, "data MIME type", b); err != nil {
		return nil, err
	}
	if f.Metadata, f.HasMetadata, f.Data, err = parseMetadataAndData(h, b); err != nil {
		return nil, err
	}
	if err := f.validateValues(h); err != nil {
		return nil, err
	}
	return f, nil
}

func parseMIMEType(h Header, what string, b []byte) (string, []byte, error) {
	if len(b) < 1 {
		return "", nil, shortError(h, what+" length", 1, 0)
	}
	n := int(b[0])
	if n > len(b)-1 {
		return "", nil, shortError(h, what, n, len(b)-1)
	}
	return string(b[1 : 1+n]), b[1+n:], nil
}

func (f *SetupFrame) header() Header { return Header{Type: TypeSetup, Flags: f.Flags()} }

func (f *SetupFrame) validateValues(h Header) error {
	if err := checkU31(h, "keepalive interval", f.KeepaliveInterval, true); err != nil {
		return err
	}
	return checkU31(h, "max lifetime", f.MaxLifetime, true)
}

// StreamID returns 0: SETUP belongs to the connection.
func (f *SetupFrame) StreamID() uint32 { return 0 }

// Type returns TypeSetup.
func (f *SetupFrame) Type() FrameType { return TypeSetup }

// Flags returns M, R and L as implied by the fields.
func (f *SetupFrame) Flags() Flags {
	return metadataFlag(f.HasMetadata) | flagIf(len(f.ResumeToken) > 0, FlagResumeEnable) | flagIf(f.Lease, FlagLease)
}

// Length returns the encoded size.
func (f *SetupFrame) Length() int {
	n := HeaderLength + setupFixedLength + 2 + len(f.MetadataMIMEType) + len(f.DataMIMEType)
	if len(f.ResumeToken) > 0 {
		n += 2 + len(f.ResumeToken)
	}
	return n + metadataAndDataLength(f.Metadata, f.HasMetadata, f.Data)
}

// Append appends the encoded frame to b.
func (f *SetupFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeSetup, f.Flags())
	b = appendUint16(b, f.MajorVersion)
	b = appendUint16(b, f.MinorVersion)
	b = appendUint32(b, f.KeepaliveInterval)
	b = appendUint32(b, f.MaxLifetime)
	if len(f.ResumeToken) > 0 {
		b = appendUint16(b, uint16(len(f.ResumeToken)))
		b = append(b, f.ResumeToken...)
	}
	b = append(b, byte(len(f.MetadataMIMEType)))
	b = append(b, f.MetadataMIMEType...)
	b = append(b, byte(len(f.DataMIMEType)))
	b = append(b, f.DataMIMEType...)
	return appendMetadataAndData(b, f.Metadata, f.HasMetadata, f.Data)
}

// Validate checks value ranges, string and token lengths and the frame size.
func (f *SetupFrame) Validate() error {
	h := f.header()
	if err := f.validateValues(h); err != nil {
		return err
	}
	if len(f.ResumeToken) > 0xFFFF {
		return formatError(h, ErrInvalidValue, "resume token longer than 65535 bytes")
	}
	if len(f.MetadataMIMEType) > 0xFF || len(f.DataMIMEType) > 0xFF {
		return formatError(h, ErrInvalidValue, "MIME type longer than 255 bytes: "+
			strconv.Itoa(max(len(f.MetadataMIMEType), len(f.DataMIMEType))))
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *SetupFrame) Clone() *SetupFrame {
	c := *f
	c.ResumeToken = cloneBytes(f.ResumeToken)
	c.Metadata = cloneBytes(f.Metadata)
	c.Data = cloneBytes(f.Data)
	return &c
}
