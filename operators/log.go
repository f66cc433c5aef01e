package operators

import (
	"context"
	"log/slog"

	"github.com/sluicego/sluice"
)

// LogOption configures Log.
type LogOption func(*logConfig)

type logConfig struct {
	logger *slog.Logger
	level  slog.Level
}

// WithLogger makes Log write to l instead of slog.Default().
func WithLogger(l *slog.Logger) LogOption { return func(c *logConfig) { c.logger = l } }

// WithLevel sets the level of Log's records (default slog.LevelInfo).
func WithLevel(level slog.Level) LogOption { return func(c *logConfig) { c.level = level } }

// Log records every signal that passes with log/slog: onSubscribe,
// request(n), onNext(v), onError, onComplete and cancel, each with the
// category and, for elements and requests, the demand outstanding as seen
// by this stage.
func Log[T any](src sluice.Publisher[T], category string, opts ...LogOption) sluice.Publisher[T] {
	cfg := logConfig{logger: slog.Default(), level: slog.LevelInfo}
	for _, o := range opts {
		o(&cfg)
	}
	return &logPublisher[T]{src: src, category: category, cfg: cfg}
}

type logPublisher[T any] struct {
	src      sluice.Publisher[T]
	category string
	cfg      logConfig
}

func (p *logPublisher[T]) String() string { return describe(p.src, "Log("+p.category+")") }

func (p *logPublisher[T]) Subscribe(s sluice.Subscriber[T]) {
	checkSubscriber(s)
	l := &logState{cfg: p.cfg, cat: p.category}
	Peek(p.src, "Log", PeekHooks[T]{
		OnSubscribe: func(sluice.Subscription) { l.log("onSubscribe") },
		OnRequest: func(n int64) {
			l.addDemand(n)
			l.log("request", slog.Int64("n", n), slog.Int64("demand", l.demand()))
		},
		OnNext: func(v T) {
			l.produced()
			l.log("onNext", slog.Any("value", v), slog.Int64("demand", l.demand()))
		},
		OnError:    func(err error) { l.log("onError", slog.Any("err", err)) },
		OnComplete: func() { l.log("onComplete") },
		OnCancel:   func() { l.log("cancel") },
	}).Subscribe(s)
}

type logState struct {
	cfg logConfig
	cat string
	// requested is touched from Request (any goroutine) and OnNext.
	requested demandCounter
}

func (l *logState) addDemand(n int64) {
	if n > 0 {
		l.requested.add(n)
	}
}
func (l *logState) produced()     { l.requested.produced() }
func (l *logState) demand() int64 { return l.requested.load() }

func (l *logState) log(msg string, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("category", l.cat))
	l.cfg.logger.LogAttrs(context.Background(), l.cfg.level, msg, attrs...)
}
