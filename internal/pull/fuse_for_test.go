package pull

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sluicego/sluice"
)

// relayed receives a subscription made for another subscriber, as an
// operator's downstream does when the operator relays it unchanged.
type relayed struct {
	rec
	src Source[int]
}

func (r *relayed) OnSubscribe(s sluice.Subscription) {
	r.rec.OnSubscribe(s)
	r.src = s.(*Subscription[int]).FuseFor(r)
}

// relay hands its upstream's subscription down unchanged and forwards
// every signal.
type relay struct{ down sluice.Subscriber[int] }

func (r *relay) OnSubscribe(s sluice.Subscription) { r.down.OnSubscribe(s) }
func (r *relay) OnNext(v int)                      { r.down.OnNext(v) }
func (r *relay) OnError(err error)                 { r.down.OnError(err) }
func (r *relay) OnComplete()                       { r.down.OnComplete() }

func TestFuseFor(t *testing.T) {
	direct := &relayed{}
	Subscribe[int](direct, newCounter(2))
	require.NotNil(t, direct.src, "the subscriber the subscription was made for may fuse")

	below := &relayed{}
	Subscribe[int](&relay{down: below}, newCounter(2))
	assert.Nil(t, below.src, "a subscriber below a relaying operator may not")
	below.sub.Request(5)
	items, _, completes := below.snapshot()
	assert.Equal(t, ints(0, 2), items, "the subscription works as usual")
	assert.Equal(t, 1, completes)
}
