package extension_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"

	"github.com/sluicego/sluice/rsocket/extension"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestFormatError(t *testing.T) {
	tests := []struct {
		err  error
		is   error
		not  error
		text string
	}{
		{extension.Malformed("x/y", 3, "short"), extension.ErrMalformed, extension.ErrInvalid, "rsocket/extension: x/y: malformed at offset 3: short"},
		{extension.Invalid("x/y", "too long"), extension.ErrInvalid, extension.ErrMalformed, "rsocket/extension: x/y: invalid value: too long"},
	}
	for _, tt := range tests {
		assert.ErrorIs(t, tt.err, tt.is)
		assert.NotErrorIs(t, tt.err, tt.not)
		assert.EqualError(t, tt.err, tt.text)
		var fe *extension.FormatError
		assert.True(t, errors.As(tt.err, &fe))
	}
}

func ExampleMalformed() {
	err := extension.Malformed("message/x.rsocket.routing.v0", 4, "tag overruns input")
	fmt.Println(errors.Is(err, extension.ErrMalformed))
	fmt.Println(err)
	// Output:
	// true
	// rsocket/extension: message/x.rsocket.routing.v0: malformed at offset 4: tag overruns input
}
