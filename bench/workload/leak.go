package workload

import "go.uber.org/goleak"

// LeakOptions lists the goroutines that peer libraries start and never stop,
// for goleak. Each is named by the peer function at the top of its stack, so
// a leak in sluice's own code or in this module's workloads still fails:
//   - reactor-go (also under rsocket-go) creates an ants worker pool at
//     package init whose purge loop runs for the life of the process;
//   - rsocket-go runs requests and responses on reactor-go's elastic
//     scheduler, an ants pool whose idle workers wait in run.func1 until the
//     purge loop retires them, seconds after the last use.
func LeakOptions() []goleak.Option {
	return []goleak.Option{
		goleak.IgnoreTopFunction("github.com/panjf2000/ants/v2.(*Pool).purgePeriodically"),
		goleak.IgnoreTopFunction("github.com/panjf2000/ants/v2.(*goWorker).run.func1"),
	}
}
