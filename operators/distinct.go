package operators

import "github.com/sluicego/sluice"

// Distinct relays each element whose key was not seen before in this
// subscription; the keys are kept in a map until the stream ends.
func Distinct[T any, K comparable](src sluice.Publisher[T], key func(T) K) sluice.Publisher[T] {
	return newStateful(src, "Distinct", func() func(T) (T, bool) {
		seen := make(map[K]struct{})
		return func(v T) (T, bool) {
			k := key(v)
			if _, dup := seen[k]; dup {
				return v, false
			}
			seen[k] = struct{}{}
			return v, true
		}
	})
}

// DistinctUntilChanged relays an element unless its key equals the key of
// the previous element.
func DistinctUntilChanged[T any, K comparable](src sluice.Publisher[T], key func(T) K) sluice.Publisher[T] {
	return newStateful(src, "DistinctUntilChanged", func() func(T) (T, bool) {
		var last K
		has := false
		return func(v T) (T, bool) {
			k := key(v)
			if has && k == last {
				return v, false
			}
			last, has = k, true
			return v, true
		}
	})
}

// Identity is the key function of Distinct and DistinctUntilChanged for
// comparable elements: operators.Distinct(src, operators.Identity[int]).
func Identity[T comparable](v T) T { return v }
