package frame

import "strings"

// Flags is the 10-bit flag field of the frame header.
type Flags uint16

// Flag bits. Several names share a bit; which one applies depends on the
// frame type.
const (
	// FlagIgnore (I): the frame may be ignored if not understood.
	FlagIgnore Flags = 0x200
	// FlagMetadata (M): metadata is present.
	FlagMetadata Flags = 0x100
	// FlagFollows (F): more fragments follow (REQUEST_* and PAYLOAD).
	FlagFollows Flags = 0x080
	// FlagResumeEnable (R): SETUP carries a resume token.
	FlagResumeEnable Flags = 0x080
	// FlagRespond (R): KEEPALIVE asks for a reply.
	FlagRespond Flags = 0x080
	// FlagComplete (C): the stream (direction) completes (PAYLOAD, REQUEST_CHANNEL).
	FlagComplete Flags = 0x040
	// FlagLease (L): SETUP asks for leasing.
	FlagLease Flags = 0x040
	// FlagNext (N): PAYLOAD carries an element.
	FlagNext Flags = 0x020

	flagsMask Flags = 0x3FF
)

// FlagNames returns the names of the flags set in f as the frame type t
// defines them, e.g. "M|F|N" for a PAYLOAD, "R|L" for a SETUP. Bits that t
// does not define are left out. It returns "" when no named flag is set.
func FlagNames(t FrameType, f Flags) string {
	var names [6]string
	n := 0
	add := func(bit Flags, name string) {
		if f&bit != 0 {
			names[n] = name
			n++
		}
	}
	add(FlagIgnore, "I")
	add(FlagMetadata, "M")
	switch t {
	case TypeSetup:
		add(FlagResumeEnable, "R")
		add(FlagLease, "L")
	case TypeKeepalive:
		add(FlagRespond, "R")
	case TypeRequestResponse, TypeRequestFNF, TypeRequestStream:
		add(FlagFollows, "F")
	case TypeRequestChannel:
		add(FlagFollows, "F")
		add(FlagComplete, "C")
	case TypePayload:
		add(FlagFollows, "F")
		add(FlagComplete, "C")
		add(FlagNext, "N")
	}
	return strings.Join(names[:n], "|")
}
