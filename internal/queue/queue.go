// Package queue provides the lock-free queues that move elements across
// goroutine boundaries inside sluice: a bounded single-producer
// single-consumer ring for prefetch buffers and an unbounded
// multi-producer single-consumer linked queue for signals that arrive from
// many goroutines.
package queue
