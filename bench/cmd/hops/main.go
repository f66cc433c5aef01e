// Command hops measures what goroutine hand-offs cost a request-response
// over loopback TCP: a client sends 16 bytes and waits for the server's
// echo, with each side either doing its own socket I/O or handing it to
// another goroutine through a channel, as a connection with separate
// reader, writer and worker goroutines does.
//
//	go run ./cmd/hops -c direct -s direct   # caller and server read and write themselves
//	go run ./cmd/hops -c reader -s direct   # the client's answer arrives through a reader goroutine
//	go run ./cmd/hops -c both -s worker     # writer and reader hops on the client, a worker on the server
//
// Run it under `perf stat -e context-switches` to see the thread wake-ups
// the hand-offs cause.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"time"
)

func main() {
	client := flag.String("c", "direct", "client: direct, reader (answers via a reader goroutine), writer (requests via a writer goroutine), both")
	server := flag.String("s", "direct", "server: direct, worker (a worker goroutine writes the answer), workerwriter (worker, then writer goroutine)")
	n := flag.Int("n", 50000, "requests")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		serve(c, *server)
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	lat, total := run(c, *client, *n)
	slices.Sort(lat)
	fmt.Printf("client=%s server=%s: %.2f µs/req, p50 %.1f µs, p99 %.1f µs\n", *client, *server,
		float64(total.Nanoseconds())/float64(*n)/1e3,
		float64(lat[len(lat)/2].Nanoseconds())/1e3, float64(lat[len(lat)*99/100].Nanoseconds())/1e3)
}

// serve echoes 16-byte messages until the client closes.
func serve(c net.Conn, mode string) {
	r := bufio.NewReader(c)
	var work, write chan []byte
	switch mode {
	case "worker":
		work = make(chan []byte, 1)
		go pump(work, func(b []byte) { _, _ = c.Write(b) })
	case "workerwriter":
		work, write = make(chan []byte, 1), make(chan []byte, 1)
		go pump(work, func(b []byte) { write <- b })
		go pump(write, func(b []byte) { _, _ = c.Write(b) })
	}
	for {
		b := make([]byte, 16)
		if _, err := io.ReadFull(r, b); err != nil {
			if work != nil {
				close(work)
			}
			return
		}
		if work == nil {
			_, _ = c.Write(b)
			continue
		}
		work <- b
	}
}

// pump calls f for every value received until ch is closed.
func pump(ch chan []byte, f func([]byte)) {
	for b := range ch {
		f(b)
	}
}

// run makes n sequential requests and returns each one's latency and the
// total time.
func run(c net.Conn, mode string, n int) ([]time.Duration, time.Duration) {
	r := bufio.NewReader(c)
	msg := make([]byte, 16)
	var requests chan []byte
	if mode == "writer" || mode == "both" {
		requests = make(chan []byte, 1)
		go pump(requests, func(b []byte) { _, _ = c.Write(b) })
		defer close(requests)
	}
	var answers chan struct{}
	if mode == "reader" || mode == "both" {
		answers = make(chan struct{}, 1)
		go func() {
			b := make([]byte, 16)
			for {
				if _, err := io.ReadFull(r, b); err != nil {
					return
				}
				answers <- struct{}{}
			}
		}()
	}
	lat := make([]time.Duration, n)
	start := time.Now()
	for i := range lat {
		t := time.Now()
		if requests != nil {
			requests <- msg
		} else {
			_, _ = c.Write(msg)
		}
		if answers != nil {
			<-answers
		} else if _, err := io.ReadFull(r, msg); err != nil {
			log.Fatal(err)
		}
		lat[i] = time.Since(t)
	}
	return lat, time.Since(start)
}
