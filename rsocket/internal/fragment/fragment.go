// Package fragment splits RSocket messages that do not fit in one frame into
// fragments with the FOLLOWS flag, and reassembles received fragments into
// one message under a size limit (PROTOCOL.md §10).
package fragment

import (
	"errors"
	"fmt"

	"github.com/sluicego/sluice/rsocket/frame"
)

// MinMTU is the smallest frame size Split accepts; rsocket-java rejects
// non-final fragments under 61 bytes, so smaller fragments never interoperate.
const MinMTU = 64

// ErrTooLarge is wrapped by the error an Assembly returns when the message
// grows beyond its limit.
var ErrTooLarge = errors.New("reassembled payload exceeds the limit")

// Message is one logical request or payload: the fields of a
// REQUEST_RESPONSE, REQUEST_FNF, REQUEST_STREAM, REQUEST_CHANNEL or PAYLOAD
// frame, before splitting or after reassembly.
type Message struct {
	Type            frame.FrameType
	Stream          uint32
	InitialRequestN uint32 // REQUEST_STREAM, REQUEST_CHANNEL
	Complete        bool   // REQUEST_CHANNEL, PAYLOAD
	Next            bool   // PAYLOAD
	Metadata        []byte
	HasMetadata     bool
	Data            []byte
}

// FromFrame returns the message a fragmentable frame carries.
func FromFrame(f frame.Fragmentable) Message {
	m := Message{Type: f.Type(), Stream: f.StreamID()}
	m.Metadata, m.HasMetadata, m.Data = f.MetadataAndData()
	switch f := f.(type) {
	case *frame.RequestStreamFrame:
		m.InitialRequestN = f.InitialRequestN
	case *frame.RequestChannelFrame:
		m.InitialRequestN = f.InitialRequestN
		m.Complete = f.Complete
	case *frame.PayloadFrame:
		m.Next, m.Complete = f.Next, f.Complete
	}
	return m
}

// Frame returns the single frame holding m (with F clear); its slices alias m.
func (m *Message) Frame() frame.Fragmentable {
	return m.piece(m.Metadata, m.HasMetadata, m.Data, false, true)
}

// piece builds the frame of the first fragment (or of the whole message).
func (m *Message) piece(md []byte, hasMD bool, d []byte, follows, last bool) frame.Fragmentable {
	switch m.Type {
	case frame.TypeRequestResponse:
		return &frame.RequestResponseFrame{Stream: m.Stream, Follows: follows, Metadata: md, HasMetadata: hasMD, Data: d}
	case frame.TypeRequestFNF:
		return &frame.RequestFNFFrame{Stream: m.Stream, Follows: follows, Metadata: md, HasMetadata: hasMD, Data: d}
	case frame.TypeRequestStream:
		return &frame.RequestStreamFrame{Stream: m.Stream, Follows: follows, InitialRequestN: m.InitialRequestN,
			Metadata: md, HasMetadata: hasMD, Data: d}
	case frame.TypeRequestChannel:
		return &frame.RequestChannelFrame{Stream: m.Stream, Follows: follows, Complete: last && m.Complete,
			InitialRequestN: m.InitialRequestN, Metadata: md, HasMetadata: hasMD, Data: d}
	default:
		return &frame.PayloadFrame{Stream: m.Stream, Follows: follows, Next: m.Next, Complete: last && m.Complete,
			Metadata: md, HasMetadata: hasMD, Data: d}
	}
}

// Length returns the size of m encoded as one frame.
func (m *Message) Length() int {
	n := frame.HeaderLength + len(m.Data)
	if m.HasMetadata {
		n += 3 + len(m.Metadata)
	}
	if m.Type == frame.TypeRequestStream || m.Type == frame.TypeRequestChannel {
		n += 4
	}
	return n
}

// Split calls emit with the frames that carry m, each at most mtu bytes
// (mtu <= 0 or above frame.MaxFrameLength means frame.MaxFrameLength; mtu
// below MinMTU is raised to MinMTU). A message that fits is emitted as one
// frame. Metadata goes before data; the first fragment has m's type, later
// ones are PAYLOAD frames with N set; F is set on all but the last; C (when
// m completes) only on the last. The emitted frames alias m's slices.
func Split(m *Message, mtu int, emit func(frame.Frame)) {
	if mtu <= 0 || mtu > frame.MaxFrameLength {
		mtu = frame.MaxFrameLength
	}
	mtu = max(mtu, MinMTU)
	if m.Length() <= mtu {
		emit(m.Frame())
		return
	}
	md, d := m.Metadata, m.Data
	mdPending := m.HasMetadata
	for first := true; ; first = false {
		budget := mtu - frame.HeaderLength
		if first && (m.Type == frame.TypeRequestStream || m.Type == frame.TypeRequestChannel) {
			budget -= 4
		}
		var pmd, pd []byte
		hasMD := mdPending
		if mdPending {
			budget -= 3
			take := min(len(md), budget)
			pmd, md = md[:take], md[take:]
			budget -= take
			mdPending = len(md) > 0
		}
		if !mdPending {
			take := min(len(d), budget)
			pd, d = d[:take], d[take:]
		}
		last := !mdPending && len(d) == 0
		if first {
			emit(m.piece(pmd, hasMD, pd, !last, last))
		} else {
			emit(&frame.PayloadFrame{Stream: m.Stream, Follows: !last, Next: true, Complete: last && m.Complete,
				Metadata: pmd, HasMetadata: hasMD, Data: pd})
		}
		if last {
			return
		}
	}
}

// Assembly accumulates the fragments of one message. Its buffers are its
// own: they never alias the frames it was fed.
type Assembly struct {
	msg   Message
	limit int
}

// Begin starts reassembling the message whose first fragment is f (which has
// F set). limit <= 0 means no limit.
func Begin(f frame.Fragmentable, limit int) (*Assembly, error) {
	m := FromFrame(f)
	a := &Assembly{msg: m, limit: limit}
	a.msg.Metadata, a.msg.Data = nil, nil
	if m.HasMetadata {
		a.msg.Metadata = []byte{}
	}
	if err := a.append(m.Metadata, m.Data); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *Assembly) append(md, d []byte) error {
	if a.limit > 0 && len(a.msg.Metadata)+len(a.msg.Data)+len(md)+len(d) > a.limit {
		return fmt.Errorf("%w: more than %d bytes on stream %d", ErrTooLarge, a.limit, a.msg.Stream)
	}
	a.msg.Metadata = append(a.msg.Metadata, md...)
	a.msg.Data = append(a.msg.Data, d...)
	return nil
}

// Size returns the number of metadata and data bytes gathered so far.
func (a *Assembly) Size() int { return len(a.msg.Metadata) + len(a.msg.Data) }

// Add appends a continuation fragment. When p is the last fragment (F clear
// or C set) it returns the whole message as a frame of the original type
// with F clear.
func (a *Assembly) Add(p *frame.PayloadFrame) (frame.Fragmentable, error) {
	if p.HasMetadata && !a.msg.HasMetadata {
		a.msg.HasMetadata = true
		a.msg.Metadata = []byte{}
	}
	if err := a.append(p.Metadata, p.Data); err != nil {
		return nil, err
	}
	if p.Follows && !p.Complete {
		return nil, nil
	}
	if p.Complete {
		a.msg.Complete = true
	}
	return a.msg.Frame(), nil
}

// Type returns the frame type of the message being reassembled.
func (a *Assembly) Type() frame.FrameType { return a.msg.Type }
