package operators

import "github.com/sluicego/sluice"

// The try helpers call user code and turn a panic into a *sluice.PanicError.
// The deferred function calls recover only when the call did not return
// normally, which keeps the happy path to a flag write.

func try1[T, R any](fn func(T) R, v T) (r R, err error) {
	ok := false
	defer func() {
		if !ok {
			err = sluice.NewPanicError(recover())
		}
	}()
	r = fn(v)
	ok = true
	return r, nil
}

func try2[A, B, R any](fn func(A, B) R, a A, b B) (r R, err error) {
	ok := false
	defer func() {
		if !ok {
			err = sluice.NewPanicError(recover())
		}
	}()
	r = fn(a, b)
	ok = true
	return r, nil
}

func try0(fn func()) (err error) {
	ok := false
	defer func() {
		if !ok {
			err = sluice.NewPanicError(recover())
		}
	}()
	fn()
	ok = true
	return nil
}

func tryCall[T any](fn func(T), v T) (err error) {
	ok := false
	defer func() {
		if !ok {
			err = sluice.NewPanicError(recover())
		}
	}()
	fn(v)
	ok = true
	return nil
}

// recoverTo is deferred by ForEach implementations: a panic anywhere in the
// fused chain becomes the returned error.
func recoverTo(err *error) {
	if r := recover(); r != nil {
		*err = sluice.NewPanicError(r)
	}
}
