// Command benchrun runs one named workload in this process and prints one
// JSON line: time, throughput and allocations per unit, latency percentiles
// where the workload records them, and the process's peak RSS. Running each
// workload in a fresh process keeps the peaks of different workloads apart;
// cmd/benchtable runs it once per workload and run.
//
//	benchrun -w Chain/sluice [-size N] [-time 1s] [-max-rounds 50]
//	benchrun -list
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/sluicego/sluice/bench/workload"
)

func main() {
	name := flag.String("w", "", "workload to run, Group/impl (see -list)")
	list := flag.Bool("list", false, "list the workloads and exit")
	size := flag.Int("size", 0, "units per round (0: the workload's full size)")
	minTime := flag.Duration("time", time.Second, "keep running rounds until this much time has passed")
	maxRounds := flag.Int("max-rounds", 50, "stop after this many measured rounds")
	flag.Parse()
	if *list {
		for _, w := range workload.All() {
			fmt.Println(w.Name())
		}
		return
	}
	w, err := workload.Find(*name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(2)
	}
	n := w.Size
	if *size > 0 {
		n = *size
	}
	res, err := workload.Measure(w, n, *minTime, *maxRounds)
	if err != nil {
		res.Err = err.Error()
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
	if res.Err != "" {
		os.Exit(1)
	}
}
