package flux

import "github.com/sluicego/sluice/operators"

// AsyncOption tunes an asynchronous or combining operator (FlatMap, Merge,
// Zip, PublishOn, ...). Operators ignore options that do not apply to them
// only where documented.
type AsyncOption func(*asyncConfig)

type asyncConfig struct {
	concurrency int
	prefetch    int
}

// WithConcurrency sets how many inner publishers FlatMap and
// FlatMapSequential keep subscribed at once (default
// operators.DefaultConcurrency; <= 0 means no limit).
func WithConcurrency(n int) AsyncOption { return func(c *asyncConfig) { c.concurrency = n } }

// WithPrefetch sets how many elements are requested ahead from each source
// (default operators.DefaultPrefetch; 256 for PublishOn).
func WithPrefetch(n int) AsyncOption { return func(c *asyncConfig) { c.prefetch = n } }

func asyncOptions(opts []AsyncOption) asyncConfig {
	c := asyncConfig{concurrency: operators.DefaultConcurrency, prefetch: operators.DefaultPrefetch}
	for _, o := range opts {
		o(&c)
	}
	return c
}
