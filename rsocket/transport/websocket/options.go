package websocket

import (
	"crypto/tls"
	"net/http"
)

// Option configures a WebSocket dialer, listener or handler. Options that do
// not apply to a side (a dial header on a server) are ignored by that side,
// as documented on each.
type Option func(*options)

type options struct {
	tlsConfig      *tls.Config
	maxFrameLength int
	header         http.Header
	httpClient     *http.Client
	originPatterns []string
	subprotocols   []string
}

func newOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// WithTLSConfig sets the TLS configuration: for Dial, the client
// configuration used for wss:// URLs (RootCAs, ServerName…); for Listen,
// the server configuration (Certificates), which turns the listener into a
// wss:// server. Handler and Accept ignore it: TLS is the http.Server's
// business there.
func WithTLSConfig(c *tls.Config) Option { return func(o *options) { o.tlsConfig = c } }

// WithMaxFrameLength sets the largest RSocket frame (one WebSocket message)
// accepted from the peer and written (6..frame.MaxFrameLength; 0, the
// default, means frame.MaxFrameLength). A larger incoming message fails
// ReadFrame with a *frame.LengthError (matching frame.ErrMalformed).
func WithMaxFrameLength(n int) Option { return func(o *options) { o.maxFrameLength = n } }

// WithHTTPHeader adds headers to the client's upgrade request
// (authorization, cookies…). Dial only.
func WithHTTPHeader(h http.Header) Option { return func(o *options) { o.header = h } }

// WithHTTPClient makes Dial use c for the upgrade request instead of a
// private client per connection. c's transport must support HTTP/1.1
// upgrades (http.Transport does). With it, WithTLSConfig is ignored (set
// the TLS configuration on c's transport) and the connection's addresses
// are reported as the URL. Dial only.
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.httpClient = c } }

// WithOriginPatterns lists the host patterns (path.Match syntax, e.g.
// "*.example.com") whose browser pages may open cross-origin connections.
// By default only same-origin requests and non-browser clients are
// accepted. Listen, Handler and Accept only.
func WithOriginPatterns(patterns ...string) Option {
	return func(o *options) { o.originPatterns = patterns }
}

// WithSubprotocols lists WebSocket subprotocols to offer (Dial) or to
// accept (server side). RSocket mandates none and the default is none; a
// server accepts and ignores subprotocols it does not list.
func WithSubprotocols(protocols ...string) Option {
	return func(o *options) { o.subprotocols = protocols }
}
