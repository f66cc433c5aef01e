package frame

import "strconv"

// FrameType is the 6-bit frame type of the header.
type FrameType uint8

// The frame types of RSocket 1.0. 0x00 is reserved; 0x0F–0x3E are unassigned.
const (
	TypeReserved        FrameType = 0x00
	TypeSetup           FrameType = 0x01
	TypeLease           FrameType = 0x02
	TypeKeepalive       FrameType = 0x03
	TypeRequestResponse FrameType = 0x04
	TypeRequestFNF      FrameType = 0x05
	TypeRequestStream   FrameType = 0x06
	TypeRequestChannel  FrameType = 0x07
	TypeRequestN        FrameType = 0x08
	TypeCancel          FrameType = 0x09
	TypePayload         FrameType = 0x0A
	TypeError           FrameType = 0x0B
	TypeMetadataPush    FrameType = 0x0C
	TypeResume          FrameType = 0x0D
	TypeResumeOK        FrameType = 0x0E
	TypeExt             FrameType = 0x3F
)

var typeNames = [...]string{
	TypeReserved:        "RESERVED",
	TypeSetup:           "SETUP",
	TypeLease:           "LEASE",
	TypeKeepalive:       "KEEPALIVE",
	TypeRequestResponse: "REQUEST_RESPONSE",
	TypeRequestFNF:      "REQUEST_FNF",
	TypeRequestStream:   "REQUEST_STREAM",
	TypeRequestChannel:  "REQUEST_CHANNEL",
	TypeRequestN:        "REQUEST_N",
	TypeCancel:          "CANCEL",
	TypePayload:         "PAYLOAD",
	TypeError:           "ERROR",
	TypeMetadataPush:    "METADATA_PUSH",
	TypeResume:          "RESUME",
	TypeResumeOK:        "RESUME_OK",
}

// String returns the protocol name of the type ("REQUEST_STREAM"), or
// "UNKNOWN(0x20)" for an unassigned type.
func (t FrameType) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	if t == TypeExt {
		return "EXT"
	}
	return "UNKNOWN(0x" + strconv.FormatUint(uint64(t), 16) + ")"
}

// Known reports whether t is a frame type defined by RSocket 1.0 (not
// RESERVED, not unassigned).
func (t FrameType) Known() bool {
	return (t >= TypeSetup && t <= TypeResumeOK) || t == TypeExt
}

// connectionScoped reports whether frames of type t must use stream 0.
func (t FrameType) connectionScoped() bool {
	switch t {
	case TypeSetup, TypeLease, TypeKeepalive, TypeMetadataPush, TypeResume, TypeResumeOK:
		return true
	}
	return false
}

// streamScoped reports whether frames of type t must use a stream id > 0.
func (t FrameType) streamScoped() bool {
	switch t {
	case TypeRequestResponse, TypeRequestFNF, TypeRequestStream, TypeRequestChannel,
		TypeRequestN, TypeCancel, TypePayload:
		return true
	}
	return false
}
