package sinks

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEmitResult(t *testing.T) {
	cases := []struct {
		r    EmitResult
		name string
		err  error
	}{
		{EmitOK, "EmitOK", nil},
		{EmitFailOverflow, "EmitFailOverflow", ErrOverflow},
		{EmitFailTerminated, "EmitFailTerminated", ErrTerminated},
		{EmitFailCancelled, "EmitFailCancelled", ErrCancelled},
		{EmitFailZeroSubscriber, "EmitFailZeroSubscriber", ErrZeroSubscriber},
	}
	for _, c := range cases {
		assert.Equal(t, c.name, c.r.String())
		assert.Equal(t, c.err == nil, c.r.IsSuccess())
		assert.Equal(t, c.err != nil, c.r.IsFailure())
		if c.err == nil {
			assert.NoError(t, c.r.Err())
		} else {
			assert.True(t, errors.Is(c.r.Err(), c.err), c.name)
		}
	}
	assert.Equal(t, "EmitResult(42)", EmitResult(42).String())
	assert.Error(t, EmitResult(42).Err())
}
