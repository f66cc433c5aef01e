package frame_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/sluicego/sluice/rsocket/frame"
)

func Example() {
	// Encode a REQUEST_STREAM into a reusable buffer.
	req := &frame.RequestStreamFrame{Stream: 1, InitialRequestN: 8, Data: []byte("ping")}
	buf := req.Append(make([]byte, 0, 64))
	fmt.Printf("% x\n", buf)

	// Decode it again. The frame aliases buf until cloned.
	f, err := frame.Parse(buf)
	if err != nil {
		panic(err)
	}
	rs := f.(*frame.RequestStreamFrame)
	fmt.Println(f.Type(), f.StreamID(), rs.InitialRequestN, string(rs.Data))

	// Malformed input gives a typed error.
	_, err = frame.Parse([]byte{0, 0, 0, 1, 0x20, 0, 0, 0, 0, 0}) // REQUEST_N 0
	var fe *frame.FormatError
	fmt.Println(errors.Is(err, frame.ErrInvalidValue), errors.As(err, &fe) && fe.Type == frame.TypeRequestN)
	// Output:
	// 00 00 00 01 18 00 00 00 00 08 70 69 6e 67
	// REQUEST_STREAM 1 8 ping
	// true true
}

func ExampleFormat() {
	f := &frame.PayloadFrame{Stream: 2, Next: true, Complete: true, Data: []byte("pong")}
	_ = frame.Format(os.Stdout, "sending", f)
	// Output:
	// sending ->
	// Frame => Stream ID: 2 Type: PAYLOAD Flags: 0b1100000 (C|N) Length: 10
	// Data:
	//          +-------------------------------------------------+
	//          |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |
	// +--------+-------------------------------------------------+----------------+
	// |00000000| 70 6f 6e 67                                     |pong            |
	// +--------+-------------------------------------------------+----------------+
}

func ExampleAppendWithLengthPrefix() {
	b, err := frame.AppendWithLengthPrefix(nil, &frame.CancelFrame{Stream: 5})
	fmt.Printf("% x %v\n", b, err)
	// Output: 00 00 06 00 00 00 05 24 00 <nil>
}
