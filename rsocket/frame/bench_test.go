package frame

import "testing"

var benchFrames = []struct {
	name string
	f    Frame
}{
	{"payload", &PayloadFrame{Stream: 1, Next: true, HasMetadata: true, Metadata: make([]byte, 32), Data: make([]byte, 256)}},
	{"request_stream", &RequestStreamFrame{Stream: 3, InitialRequestN: 64, HasMetadata: true, Metadata: []byte("route"), Data: make([]byte, 64)}},
	{"request_n", &RequestNFrame{Stream: 3, RequestN: 32}},
	{"setup", &SetupFrame{MajorVersion: 1, KeepaliveInterval: 20000, MaxLifetime: 90000, MetadataMIMEType: "message/x.rsocket.composite-metadata.v0", DataMIMEType: "application/json"}},
	{"error", &ErrorFrame{Stream: 5, Code: ErrorCodeApplicationError, Data: []byte("boom")}},
}

func BenchmarkAppend(b *testing.B) {
	for _, bf := range benchFrames {
		b.Run(bf.name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			b.SetBytes(int64(bf.f.Length()))
			for b.Loop() {
				buf = bf.f.Append(buf[:0])
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bf := range benchFrames {
		b.Run(bf.name, func(b *testing.B) {
			wire := bf.f.Append(nil)
			b.ReportAllocs()
			b.SetBytes(int64(len(wire)))
			for b.Loop() {
				if _, err := Parse(wire); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodePayload decodes a 16-byte PAYLOAD into a PayloadFrame on
// the heap, as a connection's reader does.
func BenchmarkDecodePayload(b *testing.B) {
	wire := (&PayloadFrame{Stream: 1, Next: true, Data: make([]byte, 16)}).Append(nil)
	f := new(PayloadFrame)
	b.ReportAllocs()
	for b.Loop() {
		if err := DecodePayload(wire, f); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAppendDoesNotAllocate(t *testing.T) {
	for _, bf := range benchFrames {
		buf := make([]byte, 0, 1024)
		allocs := testing.AllocsPerRun(100, func() { buf = bf.f.Append(buf[:0]) })
		if allocs != 0 {
			t.Errorf("%s: Append allocates %v times", bf.name, allocs)
		}
	}
}
