package frame

import "strings"

const hexDigits = "0123456789abcdef"

// hexDumpHeader is the table head of a hex dump, as Netty's pretty hex dump
// (used by rsocket-java's frame logger) draws it.
const hexDumpHeader = "" +
	"         +-------------------------------------------------+\n" +
	"         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |\n" +
	"+--------+-------------------------------------------------+----------------+\n"

const hexDumpFooter = "+--------+-------------------------------------------------+----------------+"

// writeHexDump renders b as a table of 16-byte rows: an 8-digit hex offset,
// the bytes in hex, and the printable ASCII characters ('.' for others).
// An empty b renders nothing.
func writeHexDump(sb *strings.Builder, b []byte) {
	if len(b) == 0 {
		return
	}
	sb.WriteString(hexDumpHeader)
	for row := 0; row < len(b); row += 16 {
		line := b[row:min(row+16, len(b))]
		sb.WriteByte('|')
		for shift := 28; shift >= 0; shift -= 4 {
			sb.WriteByte(hexDigits[(row>>shift)&0xF])
		}
		sb.WriteByte('|')
		for i := range 16 {
			if i < len(line) {
				sb.WriteByte(' ')
				sb.WriteByte(hexDigits[line[i]>>4])
				sb.WriteByte(hexDigits[line[i]&0xF])
			} else {
				sb.WriteString("   ")
			}
		}
		sb.WriteString(" |")
		for i := range 16 {
			switch {
			case i >= len(line):
				sb.WriteByte(' ')
			case line[i] >= 0x20 && line[i] < 0x7F:
				sb.WriteByte(line[i])
			default:
				sb.WriteByte('.')
			}
		}
		sb.WriteString("|\n")
	}
	sb.WriteString(hexDumpFooter)
}
