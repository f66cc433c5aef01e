package rsocket

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLookupPayloadForgetsRemovedStreams checks the reader's cache of the
// last stream a PAYLOAD went to: it answers for that stream while it is in
// the table, and no longer references it once it left (a cancelled
// stream's subscriber must be collectable, rule 3.13), nor an id that
// was not found, nor a request-response.
func TestLookupPayloadForgetsRemovedStreams(t *testing.T) {
	c := &Conn{}
	a, b := &stream{id: 2, kind: kindStream}, &stream{id: 4, kind: kindChannel}
	require.True(t, c.registerPeer(2, a))

	assert.Nil(t, c.lookupPayload(4), "not registered yet")
	require.True(t, c.registerPeer(4, b))
	assert.Same(t, b, c.lookupPayload(4), "an id not found is not remembered")
	assert.Same(t, a, c.lookupPayload(2))
	assert.Same(t, a, c.lastStream.Load())
	assert.Same(t, a, c.lookupPayload(2), "remembered")

	c.unregister(4, b)
	assert.Same(t, a, c.lastStream.Load(), "removing another stream keeps the remembered one")
	c.unregister(2, a)
	assert.Nil(t, c.lastStream.Load(), "a removed stream is forgotten")
	assert.Nil(t, c.lookupPayload(2))
	assert.Nil(t, c.lookupPayload(4))

	rr := &stream{id: 6, kind: kindRR}
	require.True(t, c.registerPeer(6, rr))
	assert.Same(t, rr, c.lookupPayload(6))
	assert.Nil(t, c.lastStream.Load(), "a request-response gets one PAYLOAD: not remembered")
}
