package tck

import (
	"io"
	"reflect"
)

// Common holds the knobs shared by every verification.
type Common struct {
	// Timeouts of the verification; zero fields fall back to the
	// environment variables and then to the package defaults.
	Timeouts Timeouts
	// Parallel runs the subtests with t.Parallel. Off by default: it makes
	// the suite faster but requires the factories to be safe for
	// concurrent use.
	Parallel bool
	// Log, when set, receives a line for every signal the TCK observes
	// (the JVM TCK's printlnDebug). It must be safe for concurrent use.
	Log io.Writer
}

// testCase is one JVM TCK test method.
type testCase struct {
	name   string
	kind   kind
	reason string // why an untested case is untested
	body   func(e *env)
}

func untestedCase(name, reason string) testCase {
	return testCase{name: name, kind: untested, reason: reason}
}

func runSuite(t T, c Common, cases []testCase) {
	t.Helper()
	for _, tc := range cases {
		run(t, tc.name, func(st T) {
			st.Helper()
			if c.Parallel {
				if p, ok := st.(parallelT); ok {
					p.Parallel()
				}
			}
			if tc.kind == untested {
				st.Skipf("%s%s", UntestedSkipPrefix, tc.reason)
				return
			}
			e := newEnv(c.Timeouts, c.Log)
			out := runBody(func() { tc.body(e) })
			e.cleanup()
			report(st, tc.kind, out)
		})
	}
}

func equalFunc[T any](f func(a, b T) bool) func(a, b T) bool {
	if f != nil {
		return f
	}
	return func(a, b T) bool { return reflect.DeepEqual(a, b) }
}
