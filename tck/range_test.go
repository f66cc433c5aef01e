package tck_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/flux"
	"github.com/sluicego/sluice/tck"
)

// TestRangePublisher runs the publisher verification against flux.Range.
func TestRangePublisher(t *testing.T) {
	tck.VerifyPublisher(t, tck.PublisherOptions[int]{
		Create:       func(n int64) sluice.Publisher[int] { return flux.Range(0, int(n)) },
		CreateFailed: func() sluice.Publisher[int] { return failedPub{} },
	})
}
