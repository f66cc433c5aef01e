package frame

// Parse decodes the single frame that b holds entirely (b must not carry a
// transport length prefix; see ReadLengthPrefix for stream transports).
//
// The returned frame aliases b: its []byte fields (metadata, data, tokens…)
// point into b, so b must not be modified or reused while the frame is in
// use. Call Clone to get a frame that owns its memory.
//
// Parse validates the header, the lengths, the stream id rule of the type and
// the field values, and returns a *FormatError (matching ErrMalformed) on any
// violation. It never panics. A frame of an unassigned type is returned as an
// *UnknownFrame when its I flag is set, and rejected with ErrUnknownType
// otherwise. Flag bits that the frame type does not define are ignored.
func Parse(b []byte) (Frame, error) {
	h, err := ParseHeader(b)
	if err != nil {
		return nil, err
	}
	body := b[HeaderLength:]
	if h.Type.Known() {
		if err := checkStreamID(h); err != nil {
			return nil, err
		}
	}
	switch h.Type {
	case TypeSetup:
		return parseSetupFrame(h, body)
	case TypeLease:
		return parseLeaseFrame(h, body)
	case TypeKeepalive:
		return parseKeepaliveFrame(h, body)
	case TypeRequestResponse:
		return parseRequestResponseFrame(h, body)
	case TypeRequestFNF:
		return parseRequestFNFFrame(h, body)
	case TypeRequestStream:
		return parseRequestStreamFrame(h, body)
	case TypeRequestChannel:
		return parseRequestChannelFrame(h, body)
	case TypeRequestN:
		return parseRequestNFrame(h, body)
	case TypeCancel:
		return parseCancelFrame(h, body)
	case TypePayload:
		return parsePayloadFrame(h, body)
	case TypeError:
		return parseErrorFrame(h, body)
	case TypeMetadataPush:
		return parseMetadataPushFrame(h, body)
	case TypeResume:
		return parseResumeFrame(h, body)
	case TypeResumeOK:
		return parseResumeOKFrame(h, body)
	case TypeExt:
		return parseExtFrame(h, body)
	}
	return parseUnknownFrame(h, body)
}
