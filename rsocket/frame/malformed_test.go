package frame

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func h(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		kind   error
		typ    FrameType
		stream uint32
		ignore bool
	}{
		{"empty", nil, ErrShortFrame, 0, 0, false},
		{"five bytes", h("00000001 10"), ErrShortFrame, TypeRequestResponse, 0, false},
		{"reserved stream bit", h("80000001 1000"), ErrStreamID, TypeRequestResponse, 1, false},
		{"setup on stream 1", h("00000001 0400 0001 0000 00004e20 00015f90 00 00"), ErrStreamID, TypeSetup, 1, false},
		{"setup short fixed", h("00000000 0400 0001 0000"), ErrShortFrame, TypeSetup, 0, false},
		{"setup no mime", h("00000000 0400 0001 0000 00004e20 00015f90"), ErrShortFrame, TypeSetup, 0, false},
		{"setup mime overrun", h("00000000 0400 0001 0000 00004e20 00015f90 05 6162"), ErrShortFrame, TypeSetup, 0, false},
		{"setup second mime missing", h("00000000 0400 0001 0000 00004e20 00015f90 01 61"), ErrShortFrame, TypeSetup, 0, false},
		{"setup zero lifetime", h("00000000 0400 0001 0000 00004e20 00000000 00 00"), ErrInvalidValue, TypeSetup, 0, false},
		{"setup keepalive top bit", h("00000000 0400 0001 0000 80004e20 00015f90 00 00"), ErrInvalidValue, TypeSetup, 0, false},
		{"setup R no token length", h("00000000 0480 0001 0000 00004e20 00015f90 00"), ErrShortFrame, TypeSetup, 0, false},
		{"setup R empty token", h("00000000 0480 0001 0000 00004e20 00015f90 0000 00 00"), ErrInvalidValue, TypeSetup, 0, false},
		{"setup R token overrun", h("00000000 0480 0001 0000 00004e20 00015f90 0010 01 00 00"), ErrShortFrame, TypeSetup, 0, false},
		{"setup metadata overrun", h("00000000 0500 0001 0000 00004e20 00015f90 00 00 000009 01"), ErrShortFrame, TypeSetup, 0, false},
		{"lease on stream 3", h("00000003 0800 00000001 00000001"), ErrStreamID, TypeLease, 3, false},
		{"lease short", h("00000000 0800 00000001"), ErrShortFrame, TypeLease, 0, false},
		{"lease ttl top bit", h("00000000 0800 80000001 00000001"), ErrInvalidValue, TypeLease, 0, false},
		{"lease count top bit", h("00000000 0800 00000001 80000001"), ErrInvalidValue, TypeLease, 0, false},
		{"keepalive on stream 1", h("00000001 0c80 0000000000000000"), ErrStreamID, TypeKeepalive, 1, false},
		{"keepalive short", h("00000000 0c80 00000000"), ErrShortFrame, TypeKeepalive, 0, false},
		{"keepalive position top bit", h("00000000 0c80 8000000000000000"), ErrInvalidValue, TypeKeepalive, 0, false},
		{"request response stream 0", h("00000000 1000 6869"), ErrStreamID, TypeRequestResponse, 0, false},
		{"request response metadata no length", h("00000001 1100 0000"), ErrShortFrame, TypeRequestResponse, 1, false},
		{"request response metadata overrun", h("00000001 1100 000010 6d64"), ErrShortFrame, TypeRequestResponse, 1, false},
		{"request response overrun with I", h("00000001 1300 000010 6d64"), ErrShortFrame, TypeRequestResponse, 1, true},
		{"fnf stream 0", h("00000000 1400"), ErrStreamID, TypeRequestFNF, 0, false},
		{"fnf metadata overrun", h("00000001 1500 000001"), ErrShortFrame, TypeRequestFNF, 1, false},
		{"request stream short", h("00000001 1800 0000"), ErrShortFrame, TypeRequestStream, 1, false},
		{"request stream n 0", h("00000001 1800 00000000"), ErrInvalidValue, TypeRequestStream, 1, false},
		{"request stream n negative", h("00000001 1800 ffffffff"), ErrInvalidValue, TypeRequestStream, 1, false},
		{"request stream metadata overrun", h("00000001 1900 00000001 0000ff"), ErrShortFrame, TypeRequestStream, 1, false},
		{"request channel stream 0", h("00000000 1c00 00000001"), ErrStreamID, TypeRequestChannel, 0, false},
		{"request channel n 0", h("00000001 1c40 00000000"), ErrInvalidValue, TypeRequestChannel, 1, false},
		{"request channel short", h("00000001 1c40 00"), ErrShortFrame, TypeRequestChannel, 1, false},
		{"request n short", h("00000001 2000 000001"), ErrShortFrame, TypeRequestN, 1, false},
		{"request n trailing", h("00000001 2000 00000001 00"), ErrTrailingBytes, TypeRequestN, 1, false},
		{"request n zero", h("00000001 2000 00000000"), ErrInvalidValue, TypeRequestN, 1, false},
		{"request n negative", h("00000001 2000 80000000"), ErrInvalidValue, TypeRequestN, 1, false},
		{"request n stream 0", h("00000000 2000 00000001"), ErrStreamID, TypeRequestN, 0, false},
		{"cancel trailing", h("00000001 2400 00"), ErrTrailingBytes, TypeCancel, 1, false},
		{"cancel stream 0", h("00000000 2400"), ErrStreamID, TypeCancel, 0, false},
		{"payload no N no C", h("00000001 2800 78"), ErrInvalidValue, TypePayload, 1, false},
		{"payload stream 0", h("00000000 2820 78"), ErrStreamID, TypePayload, 0, false},
		{"payload metadata overrun", h("00000001 2920 000004 6d"), ErrShortFrame, TypePayload, 1, false},
		{"error short", h("00000001 2c00 000002"), ErrShortFrame, TypeError, 1, false},
		{"error code 0", h("00000001 2c00 00000000 6f6f7073"), ErrInvalidValue, TypeError, 1, false},
		{"metadata push without M", h("00000000 3000 6d"), ErrInvalidValue, TypeMetadataPush, 0, false},
		{"metadata push stream 5", h("00000005 3100 6d"), ErrStreamID, TypeMetadataPush, 5, false},
		{"resume short", h("00000000 3400 0001 0000"), ErrShortFrame, TypeResume, 0, false},
		{"resume empty token", h("00000000 3400 0001 0000 0000 0000000000000001 0000000000000001"), ErrInvalidValue, TypeResume, 0, false},
		{"resume token overrun", h("00000000 3400 0001 0000 0010 01"), ErrShortFrame, TypeResume, 0, false},
		{"resume trailing", h("00000000 3400 0001 0000 0001 aa 0000000000000001 0000000000000001 00"), ErrTrailingBytes, TypeResume, 0, false},
		{"resume position top bit", h("00000000 3400 0001 0000 0001 aa 8000000000000001 0000000000000001"), ErrInvalidValue, TypeResume, 0, false},
		{"resume stream 1", h("00000001 3400 0001 0000 0001 aa 0000000000000001 0000000000000001"), ErrStreamID, TypeResume, 1, false},
		{"resume ok short", h("00000000 3800 00000000"), ErrShortFrame, TypeResumeOK, 0, false},
		{"resume ok trailing", h("00000000 3800 0000000000000001 00"), ErrTrailingBytes, TypeResumeOK, 0, false},
		{"resume ok top bit", h("00000000 3800 8000000000000001"), ErrInvalidValue, TypeResumeOK, 0, false},
		{"ext short", h("00000000 fe00 0000"), ErrShortFrame, TypeExt, 0, true},
		{"ext type 0", h("00000000 fc00 00000000"), ErrInvalidValue, TypeExt, 0, false},
		{"ext metadata overrun", h("00000001 fd00 00000001 000003"), ErrShortFrame, TypeExt, 1, false},
		{"reserved type 0", h("00000000 0000"), ErrUnknownType, TypeReserved, 0, false},
		{"unassigned type 0x0f", h("00000000 3c00 01"), ErrUnknownType, 0x0F, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.in)
			require.Nil(t, f)
			require.ErrorIs(t, err, ErrMalformed)
			require.ErrorIs(t, err, tt.kind)
			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.typ, fe.Type, "type")
			assert.Equal(t, tt.stream, fe.StreamID, "stream")
			assert.Equal(t, tt.ignore, fe.Ignore, "ignore")
			assert.Contains(t, fe.Error(), tt.kind.Error())
		})
	}
}

func TestParseIgnoresUndefinedFlags(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []byte
	}{
		{"cancel with N and low bits", h("00000001 243f"), h("00000001 2400")},
		{"request n with M", h("00000001 2100 00000005"), h("00000001 2000 00000005")},
		{"payload with I", h("00000001 2a20 78"), h("00000001 2820 78")},
		{"keepalive with C", h("00000000 0cc0 0000000000000000"), h("00000000 0c80 0000000000000000")},
		{"error with M", h("00000001 2d00 00000201"), h("00000001 2c00 00000201")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, f.Append(nil))
		})
	}
}

func TestUnknownFrameIgnorable(t *testing.T) {
	f, err := Parse(h("00000007 8200 01020304"))
	require.NoError(t, err)
	u, ok := f.(*UnknownFrame)
	require.True(t, ok)
	assert.Equal(t, FrameType(0x20), u.Type())
	assert.Equal(t, uint32(7), u.StreamID())
	assert.Equal(t, h("01020304"), u.Body)
	assert.NoError(t, u.Validate())
	assert.Equal(t, "UNKNOWN(0x20)", u.Type().String())
}

func TestValidate(t *testing.T) {
	big := make([]byte, MaxFrameLength)
	tests := []struct {
		name string
		f    Frame
		kind error
	}{
		{"setup ok", &SetupFrame{MajorVersion: 1, KeepaliveInterval: 1, MaxLifetime: 1}, nil},
		{"setup zero keepalive", &SetupFrame{MaxLifetime: 1}, ErrInvalidValue},
		{"setup long mime", &SetupFrame{KeepaliveInterval: 1, MaxLifetime: 1, DataMIMEType: strings.Repeat("a", 256)}, ErrInvalidValue},
		{"setup long token", &SetupFrame{KeepaliveInterval: 1, MaxLifetime: 1, ResumeToken: make([]byte, 1<<16)}, ErrInvalidValue},
		{"setup too large", &SetupFrame{KeepaliveInterval: 1, MaxLifetime: 1, Data: big}, ErrTooLarge},
		{"lease ok", &LeaseFrame{TTL: 0, NumberOfRequests: 0}, nil},
		{"lease metadata without flag", &LeaseFrame{Metadata: []byte("x")}, ErrInvalidValue},
		{"keepalive top bit", &KeepaliveFrame{LastReceivedPosition: 1 << 63}, ErrInvalidValue},
		{"request response stream 0", &RequestResponseFrame{}, ErrStreamID},
		{"request response stream top bit", &RequestResponseFrame{Stream: 1 << 31}, ErrStreamID},
		{"fnf too large", &RequestFNFFrame{Stream: 1, Data: big}, ErrTooLarge},
		{"request stream n 0", &RequestStreamFrame{Stream: 1}, ErrInvalidValue},
		{"request channel ok", &RequestChannelFrame{Stream: 2, InitialRequestN: MaxRequestN}, nil},
		{"request channel n 0", &RequestChannelFrame{Stream: 2}, ErrInvalidValue},
		{"request n 0", &RequestNFrame{Stream: 1}, ErrInvalidValue},
		{"cancel stream 0", &CancelFrame{}, ErrStreamID},
		{"payload no N no C", &PayloadFrame{Stream: 1}, ErrInvalidValue},
		{"payload ok", &PayloadFrame{Stream: 1, Complete: true}, nil},
		{"error code 0", &ErrorFrame{Stream: 1}, ErrInvalidValue},
		{"error ok", &ErrorFrame{Code: ErrorCodeConnectionClose}, nil},
		{"metadata push too large", &MetadataPushFrame{Metadata: big}, ErrTooLarge},
		{"resume empty token", &ResumeFrame{}, ErrInvalidValue},
		{"resume ok", &ResumeFrame{ResumeToken: []byte{1}}, nil},
		{"resume ok top bit", &ResumeOKFrame{LastReceivedClientPosition: 1 << 63}, ErrInvalidValue},
		{"ext type 0", &ExtFrame{}, ErrInvalidValue},
		{"unknown known type", &UnknownFrame{FrameType: TypeCancel, HeaderFlags: FlagIgnore}, ErrInvalidValue},
		{"unknown without I", &UnknownFrame{FrameType: 0x20}, ErrUnknownType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Validate()
			if tt.kind == nil {
				require.NoError(t, err)
				g, err := Parse(tt.f.Append(nil))
				require.NoError(t, err)
				assert.Equal(t, tt.f.Append(nil), g.Append(nil))
				return
			}
			require.ErrorIs(t, err, tt.kind)
			require.ErrorIs(t, err, ErrMalformed)
		})
	}
}

func TestNames(t *testing.T) {
	assert.Equal(t, "REQUEST_STREAM", TypeRequestStream.String())
	assert.Equal(t, "EXT", TypeExt.String())
	assert.Equal(t, "RESERVED", TypeReserved.String())
	assert.Equal(t, "M|R|L", FlagNames(TypeSetup, FlagMetadata|FlagResumeEnable|FlagLease))
	assert.Equal(t, "R", FlagNames(TypeKeepalive, FlagRespond))
	assert.Equal(t, "M|F|C|N", FlagNames(TypePayload, 0x1E0))
	assert.Equal(t, "", FlagNames(TypeCancel, 0x0E0))
	codes := map[ErrorCode]string{
		ErrorCodeReserved: "RESERVED", ErrorCodeInvalidSetup: "INVALID_SETUP",
		ErrorCodeUnsupportedSetup: "UNSUPPORTED_SETUP", ErrorCodeRejectedSetup: "REJECTED_SETUP",
		ErrorCodeRejectedResume: "REJECTED_RESUME", ErrorCodeConnectionError: "CONNECTION_ERROR",
		ErrorCodeConnectionClose: "CONNECTION_CLOSE", ErrorCodeApplicationError: "APPLICATION_ERROR",
		ErrorCodeRejected: "REJECTED", ErrorCodeCanceled: "CANCELED", ErrorCodeInvalid: "INVALID",
		0x301: "APPLICATION_DEFINED", ErrorCodeExtension: "EXTENSION", 0x105: "RESERVED(0x105)",
	}
	for c, want := range codes {
		assert.Equal(t, want, c.String())
	}
	assert.True(t, ErrorCodeRejectedSetup.IsSetupError())
	assert.False(t, ErrorCodeConnectionError.IsSetupError())
	assert.True(t, ErrorCodeConnectionClose.IsConnectionLevel())
	assert.False(t, ErrorCodeInvalid.IsConnectionLevel())
	assert.True(t, ErrorCode(0x301).IsApplicationDefined())
	assert.False(t, ErrorCodeExtension.IsApplicationDefined())
}
