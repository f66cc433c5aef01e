package frame

import "encoding/binary"

// A LeaseFrame (type 0x02, stream 0) grants the peer's requester the right to
// send NumberOfRequests requests during TTL ms. Its metadata has no length
// field: it runs to the end of the frame.
type LeaseFrame struct {
	// TTL is the validity of the lease in ms from reception (0..2^31-1;
	// 0 stops requests).
	TTL uint32
	// NumberOfRequests is the number of requests allowed (0..2^31-1).
	NumberOfRequests uint32
	// Metadata and HasMetadata (the M flag).
	Metadata    []byte
	HasMetadata bool
}

const leaseFixedLength = 8

func parseLeaseFrame(h Header, b []byte) (*LeaseFrame, error) {
	if len(b) < leaseFixedLength {
		return nil, shortError(h, "LEASE fixed fields", leaseFixedLength, len(b))
	}
	f := &LeaseFrame{
		TTL:              binary.BigEndian.Uint32(b),
		NumberOfRequests: binary.BigEndian.Uint32(b[4:]),
	}
	if h.Flags&FlagMetadata != 0 {
		f.HasMetadata = true
		f.Metadata = b[leaseFixedLength:]
	}
	if err := f.validateValues(h); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *LeaseFrame) validateValues(h Header) error {
	if err := checkU31(h, "time-to-live", f.TTL, false); err != nil {
		return err
	}
	return checkU31(h, "number of requests", f.NumberOfRequests, false)
}

// StreamID returns 0: LEASE belongs to the connection.
func (f *LeaseFrame) StreamID() uint32 { return 0 }

// Type returns TypeLease.
func (f *LeaseFrame) Type() FrameType { return TypeLease }

// Flags returns M if metadata is present.
func (f *LeaseFrame) Flags() Flags { return metadataFlag(f.HasMetadata) }

// Length returns the encoded size.
func (f *LeaseFrame) Length() int { return HeaderLength + leaseFixedLength + len(f.Metadata) }

// Append appends the encoded frame to b.
func (f *LeaseFrame) Append(b []byte) []byte {
	b = appendHeader(b, 0, TypeLease, f.Flags())
	b = appendUint32(b, f.TTL)
	b = appendUint32(b, f.NumberOfRequests)
	if f.HasMetadata {
		b = append(b, f.Metadata...)
	}
	return b
}

// Validate checks the reserved bits and the frame size.
func (f *LeaseFrame) Validate() error {
	if err := f.validateValues(Header{Type: TypeLease, Flags: f.Flags()}); err != nil {
		return err
	}
	if !f.HasMetadata && len(f.Metadata) > 0 {
		return formatError(Header{Type: TypeLease}, ErrInvalidValue, "metadata without HasMetadata")
	}
	return checkSize(f)
}

// Clone returns a deep copy of f.
func (f *LeaseFrame) Clone() *LeaseFrame {
	c := *f
	c.Metadata = cloneBytes(f.Metadata)
	return &c
}
