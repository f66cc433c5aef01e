package frame

import (
	"io"
	"strconv"
	"strings"
)

// Format writes a human-readable dump of f to w, in the shape of
// rsocket-java's frame logger (FrameUtil.toString) and the rsc tool's
// --debug output:
//
//	sending ->
//	Frame => Stream ID: 1 Type: REQUEST_STREAM Flags: 0b100000000 (M) Length: 21 InitialRequestN: 5
//	Metadata:
//	         +-------------------------------------------------+
//	         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |
//	+--------+-------------------------------------------------+----------------+
//	|00000000| 72 6f 75 74 65                                  |route           |
//	+--------+-------------------------------------------------+----------------+
//	Data:
//	…
//
// dir names the direction ("sending", "receiving"); the first line is left
// out when dir is empty. Metadata is shown when the frame has the M flag,
// Data always (an empty section is left blank). Type-specific fields
// (request n, error code, positions…) follow the length on the first line.
func Format(w io.Writer, dir string, f Frame) error {
	_, err := io.WriteString(w, FormatString(dir, f))
	return err
}

// FormatString returns what Format writes.
func FormatString(dir string, f Frame) string {
	var sb strings.Builder
	if dir != "" {
		sb.WriteString(dir)
		sb.WriteString(" ->\n")
	}
	flags := f.Flags()
	sb.WriteString("Frame => Stream ID: ")
	sb.WriteString(strconv.FormatUint(uint64(f.StreamID()), 10))
	sb.WriteString(" Type: ")
	sb.WriteString(f.Type().String())
	sb.WriteString(" Flags: 0b")
	sb.WriteString(strconv.FormatUint(uint64(flags), 2))
	if names := FlagNames(f.Type(), flags); names != "" {
		sb.WriteString(" (" + names + ")")
	}
	sb.WriteString(" Length: ")
	sb.WriteString(strconv.Itoa(f.Length()))
	metadata, hasMetadata, data := formatDetails(&sb, f)
	if hasMetadata {
		sb.WriteString("\nMetadata:\n")
		writeHexDump(&sb, metadata)
	}
	sb.WriteString("\nData:\n")
	writeHexDump(&sb, data)
	sb.WriteByte('\n')
	return sb.String()
}

// formatDetails writes the type-specific fields and returns the sections to dump.
func formatDetails(sb *strings.Builder, f Frame) (metadata []byte, hasMetadata bool, data []byte) {
	field := func(name, value string) {
		sb.WriteString(" " + name + ": " + value)
	}
	u := func(v uint64) string { return strconv.FormatUint(v, 10) }
	switch f := f.(type) {
	case *SetupFrame:
		field("Version", u(uint64(f.MajorVersion))+"."+u(uint64(f.MinorVersion)))
		field("KeepaliveInterval", u(uint64(f.KeepaliveInterval))+"ms")
		field("MaxLifetime", u(uint64(f.MaxLifetime))+"ms")
		field("MetadataMimeType", strconv.Quote(f.MetadataMIMEType))
		field("DataMimeType", strconv.Quote(f.DataMIMEType))
		if len(f.ResumeToken) > 0 {
			field("ResumeToken", hexString(f.ResumeToken))
		}
		return f.Metadata, f.HasMetadata, f.Data
	case *LeaseFrame:
		field("TTL", u(uint64(f.TTL))+"ms")
		field("NumberOfRequests", u(uint64(f.NumberOfRequests)))
		return f.Metadata, f.HasMetadata, nil
	case *KeepaliveFrame:
		field("LastReceivedPosition", u(f.LastReceivedPosition))
		return nil, false, f.Data
	case *RequestStreamFrame:
		field("InitialRequestN", u(uint64(f.InitialRequestN)))
	case *RequestChannelFrame:
		field("InitialRequestN", u(uint64(f.InitialRequestN)))
	case *RequestNFrame:
		field("RequestN", u(uint64(f.RequestN)))
	case *ErrorFrame:
		field("Code", f.Code.String()+" (0x"+strconv.FormatUint(uint64(f.Code), 16)+")")
		return nil, false, f.Data
	case *MetadataPushFrame:
		return f.Metadata, true, nil
	case *ResumeFrame:
		field("Version", u(uint64(f.MajorVersion))+"."+u(uint64(f.MinorVersion)))
		field("ResumeToken", hexString(f.ResumeToken))
		field("LastReceivedServerPosition", u(f.LastReceivedServerPosition))
		field("FirstAvailableClientPosition", u(f.FirstAvailableClientPosition))
	case *ResumeOKFrame:
		field("LastReceivedClientPosition", u(f.LastReceivedClientPosition))
	case *ExtFrame:
		field("ExtendedType", u(uint64(f.ExtendedType)))
		return f.Metadata, f.HasMetadata, f.Data
	case *UnknownFrame:
		return nil, false, f.Body
	}
	if p, ok := f.(Fragmentable); ok {
		return p.MetadataAndData()
	}
	return nil, false, nil
}

func hexString(b []byte) string {
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return string(out)
}
