package frame

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type vectorFrame struct {
	Hex    string         `json:"hex"`
	TCPHex string         `json:"tcp_hex"`
	Length int            `json:"length"`
	Fields map[string]any `json:"fields"`
}

type vector struct {
	vectorFrame
	Name   string        `json:"name"`
	Kind   string        `json:"kind"`
	Frames []vectorFrame `json:"frames"`
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	require.NoError(t, err)
	var file struct {
		Count   int      `json:"count"`
		Vectors []vector `json:"vectors"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&file))
	require.Len(t, file.Vectors, file.Count)
	return file.Vectors
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// fieldsOf renders a frame with the key names of vectors.json; numbers as
// decimal strings, bytes as hex.
func fieldsOf(f Frame) map[string]any {
	m := map[string]any{
		"stream_id":       num(uint64(f.StreamID())),
		"frame_type":      num(uint64(f.Type())),
		"frame_type_name": f.Type().String(),
		"flags":           num(uint64(f.Flags())),
	}
	names := []any{}
	if n := FlagNames(f.Type(), f.Flags()); n != "" {
		for _, s := range strings.Split(n, "|") {
			names = append(names, s)
		}
	}
	m["flag_names"] = names
	md := func(b []byte, has bool) {
		if has {
			m["metadata_hex"] = hex.EncodeToString(b)
		}
	}
	switch f := f.(type) {
	case *SetupFrame:
		m["major_version"] = num(uint64(f.MajorVersion))
		m["minor_version"] = num(uint64(f.MinorVersion))
		m["keepalive_interval_ms"] = num(uint64(f.KeepaliveInterval))
		m["max_lifetime_ms"] = num(uint64(f.MaxLifetime))
		if len(f.ResumeToken) > 0 {
			m["resume_token_hex"] = hex.EncodeToString(f.ResumeToken)
		}
		m["metadata_mime_type"] = f.MetadataMIMEType
		m["data_mime_type"] = f.DataMIMEType
		md(f.Metadata, f.HasMetadata)
		m["data_hex"] = hex.EncodeToString(f.Data)
	case *LeaseFrame:
		m["ttl_ms"] = num(uint64(f.TTL))
		m["number_of_requests"] = num(uint64(f.NumberOfRequests))
		md(f.Metadata, f.HasMetadata)
	case *KeepaliveFrame:
		m["respond"] = f.Respond
		m["last_received_position"] = num(f.LastReceivedPosition)
		m["data_hex"] = hex.EncodeToString(f.Data)
	case *RequestResponseFrame, *RequestFNFFrame:
		p := f.(Fragmentable)
		m["follows"] = p.HasFollows()
		mdb, has, data := p.MetadataAndData()
		md(mdb, has)
		m["data_hex"] = hex.EncodeToString(data)
	case *RequestStreamFrame:
		m["follows"] = f.Follows
		m["initial_request_n"] = num(uint64(f.InitialRequestN))
		md(f.Metadata, f.HasMetadata)
		m["data_hex"] = hex.EncodeToString(f.Data)
	case *RequestChannelFrame:
		m["follows"] = f.Follows
		m["complete"] = f.Complete
		m["initial_request_n"] = num(uint64(f.InitialRequestN))
		md(f.Metadata, f.HasMetadata)
		m["data_hex"] = hex.EncodeToString(f.Data)
	case *RequestNFrame:
		m["request_n"] = num(uint64(f.RequestN))
	case *CancelFrame:
	case *PayloadFrame:
		m["follows"] = f.Follows
		m["complete"] = f.Complete
		m["next"] = f.Next
		md(f.Metadata, f.HasMetadata)
		m["data_hex"] = hex.EncodeToString(f.Data)
	case *ErrorFrame:
		m["error_code"] = num(uint64(f.Code))
		m["error_code_hex"] = "0x" + leftPad(strconv.FormatUint(uint64(f.Code), 16), 8)
		m["error_code_name"] = f.Code.String()
		m["error_data_hex"] = hex.EncodeToString(f.Data)
	case *MetadataPushFrame:
		m["metadata_hex"] = hex.EncodeToString(f.Metadata)
	case *ResumeFrame:
		m["major_version"] = num(uint64(f.MajorVersion))
		m["minor_version"] = num(uint64(f.MinorVersion))
		m["resume_token_hex"] = hex.EncodeToString(f.ResumeToken)
		m["last_received_server_position"] = num(f.LastReceivedServerPosition)
		m["first_available_client_position"] = num(f.FirstAvailableClientPosition)
	case *ResumeOKFrame:
		m["last_received_client_position"] = num(f.LastReceivedClientPosition)
	case *ExtFrame:
		m["ignore"] = f.Ignore
		m["extended_type"] = num(uint64(f.ExtendedType))
		md(f.Metadata, f.HasMetadata)
		m["data_hex"] = hex.EncodeToString(f.Data)
	}
	return m
}

func num(v uint64) string { return strconv.FormatUint(v, 10) }

func leftPad(s string, n int) string { return strings.Repeat("0", max(0, n-len(s))) + s }

// normalize turns the JSON fields into fieldsOf's representation, checking
// and dropping the derived *_utf8 keys.
func normalize(t *testing.T, fields map[string]any) map[string]any {
	t.Helper()
	out := map[string]any{}
	for k, v := range fields {
		if base, ok := strings.CutSuffix(k, "_utf8"); ok {
			assert.Equal(t, hex.EncodeToString([]byte(v.(string))), fields[base+"_hex"], "utf8 vs hex of %s", base)
			continue
		}
		if n, ok := v.(json.Number); ok {
			out[k] = n.String()
			continue
		}
		out[k] = v
	}
	return out
}

func checkFrameVector(t *testing.T, vf vectorFrame) {
	t.Helper()
	wire := mustHex(t, vf.Hex)
	require.Len(t, wire, vf.Length)
	f, err := Parse(wire)
	require.NoError(t, err)
	assert.Equal(t, normalize(t, vf.Fields), fieldsOf(f))

	assert.Equal(t, vf.Length, f.Length(), "Length")
	assert.Equal(t, vf.Hex, hex.EncodeToString(f.Append(nil)), "re-encoded bytes")
	assert.NoError(t, f.Validate())
	prefixed, err := AppendWithLengthPrefix(nil, f)
	require.NoError(t, err)
	assert.Equal(t, vf.TCPHex, hex.EncodeToString(prefixed), "tcp bytes")

	c := Clone(f)
	for i := range wire {
		wire[i] ^= 0xFF // the clone must not alias the input
	}
	assert.Equal(t, vf.Hex, hex.EncodeToString(c.Append(nil)), "clone")
}

func TestVectorsFrames(t *testing.T) {
	n := 0
	for _, v := range loadVectors(t) {
		switch v.Kind {
		case "frame":
			n++
			t.Run(v.Name, func(t *testing.T) { checkFrameVector(t, v.vectorFrame) })
		case "sequence":
			n++
			t.Run(v.Name, func(t *testing.T) {
				for i, vf := range v.Frames {
					t.Run(strconv.Itoa(i), func(t *testing.T) { checkFrameVector(t, vf) })
				}
			})
		}
	}
	assert.Equal(t, 70, n, "frame and sequence vectors")
}

func TestVectorsTCPStream(t *testing.T) {
	for _, v := range loadVectors(t) {
		if v.Kind != "tcp_stream" {
			continue
		}
		stream := mustHex(t, v.Hex)
		readers := []struct {
			name string
			wrap func(io.Reader) io.Reader
		}{
			{"whole", func(r io.Reader) io.Reader { return r }},
			{"one-byte", iotest.OneByteReader},
			{"half", iotest.HalfReader},
		}
		for _, rd := range readers {
			t.Run(v.Name+"/"+rd.name, func(t *testing.T) {
				r := rd.wrap(bytes.NewReader(stream))
				var buf []byte
				for _, want := range v.Frames {
					got, err := ReadFrame(r, buf, 0)
					require.NoError(t, err)
					require.Equal(t, want.Hex, hex.EncodeToString(got))
					f, err := Parse(got)
					require.NoError(t, err)
					assert.Equal(t, normalize(t, want.Fields), fieldsOf(f))
					buf = got
				}
				_, err := ReadFrame(r, buf, 0)
				require.ErrorIs(t, err, io.EOF)
			})
		}
	}
}

func TestVectorsInvalid(t *testing.T) {
	// Per vector: nil for frames that decode (the violation is the
	// connection's business) or the sentinel that the error must match.
	want := map[string]error{
		"invalid_truncated_header":              ErrShortFrame,
		"invalid_metadata_length_overruns":      ErrShortFrame,
		"invalid_metadata_flag_no_length":       ErrShortFrame,
		"invalid_payload_no_next_no_complete":   ErrInvalidValue,
		"invalid_request_n_zero":                ErrInvalidValue,
		"invalid_request_stream_initial_n_zero": ErrInvalidValue,
		"invalid_setup_nonzero_stream":          ErrStreamID,
		"invalid_first_frame_not_setup":         nil,
		"invalid_stream_id_reserved_bit":        ErrStreamID,
		"invalid_setup_zero_keepalive":          ErrInvalidValue,
		"unknown_type_ignorable":                nil,
		"unknown_type_not_ignorable":            ErrUnknownType,
		"metadata_push_nonzero_stream":          ErrStreamID,
		"cancel_unknown_stream":                 nil,
	}
	seen := 0
	for _, v := range loadVectors(t) {
		if v.Kind != "invalid_frame" && v.Kind != "unknown_frame" {
			continue
		}
		seen++
		wantErr, ok := want[v.Name]
		require.True(t, ok, "unclassified vector %s", v.Name)
		t.Run(v.Name, func(t *testing.T) {
			f, err := Parse(mustHex(t, v.Hex))
			if wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, v.Hex, hex.EncodeToString(f.Append(nil)))
				return
			}
			require.ErrorIs(t, err, wantErr)
			require.ErrorIs(t, err, ErrMalformed)
			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			assert.NotEmpty(t, fe.Error())
		})
	}
	assert.Equal(t, len(want), seen)
}
