package operators_test

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/operators"
	"github.com/stretchr/testify/assert"
)

// manual is a publisher driven by hand from the test.
type manual[T any] struct {
	sub       sluice.Subscriber[T]
	requested int64
	cancelled bool
}

func (m *manual[T]) Subscribe(s sluice.Subscriber[T]) { m.sub = s; s.OnSubscribe(m) }
func (m *manual[T]) Request(n int64)                  { m.requested += n }
func (m *manual[T]) Cancel()                          { m.cancelled = true }

func TestTakeUntilOther(t *testing.T) {
	main, other := &manual[int]{}, &manual[string]{}
	r := subscribe(operators.TakeUntilOther[int, string](main, other), 5, 0)
	assert.Equal(t, int64(5), main.requested)
	main.sub.OnNext(1)
	main.sub.OnNext(2)
	other.sub.OnNext("stop")
	main.sub.OnNext(3)
	assert.Equal(t, []int{1, 2}, r.values())
	assert.True(t, r.completed)
	assert.True(t, main.cancelled)
	assert.True(t, other.cancelled)

	r = all(operators.TakeUntilOther[int, string](ints(3), &manual[string]{}))
	assert.Equal(t, []int{0, 1, 2}, r.values())
	assert.True(t, r.completed)

	r = all(operators.TakeUntilOther[int, int](ints(3), failing[int](errBoomOps)))
	assert.ErrorIs(t, r.err, errBoomOps)
	assert.Empty(t, r.values())
}

func TestSkipUntilOther(t *testing.T) {
	main, other := &manual[int]{}, &manual[string]{}
	r := subscribe(operators.SkipUntilOther[int, string](main, other), 2, 0)
	main.sub.OnNext(1)
	assert.Equal(t, int64(3), main.requested, "a dropped element is replaced")
	other.sub.OnComplete()
	main.sub.OnNext(2)
	main.sub.OnComplete()
	assert.Equal(t, []int{2}, r.values())
	assert.True(t, r.completed)
	assert.True(t, other.cancelled)
}
