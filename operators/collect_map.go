package operators

import "github.com/sluicego/sluice"

// CollectMap emits a map of key(v) to value(v) for every element when src
// completes; a later element overwrites an earlier one with the same key.
func CollectMap[T any, K comparable, V any](src sluice.Publisher[T], key func(T) K, value func(T) V) sluice.Publisher[map[K]V] {
	return newFold(src, &fold[T, map[K]V, map[K]V]{
		name:     "CollectMap",
		prefetch: sluice.Unbounded,
		init:     func() map[K]V { return make(map[K]V) },
		step: func(m map[K]V, v T) (map[K]V, bool) {
			m[key(v)] = value(v)
			return m, true
		},
		finish: func(m map[K]V) (map[K]V, bool, error) { return m, true, nil },
	})
}
