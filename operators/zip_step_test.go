package operators

import (
	"testing"

	"github.com/sluicego/sluice"
	"github.com/sluicego/sluice/internal/probe"
)

func TestStepZipArities(t *testing.T) {
	sum := func(vs []int) int {
		s := 0
		for _, v := range vs {
			s += v
		}
		return s
	}
	panicSum := func(vs []int) int {
		if vs[0] == 2 {
			panic(errStepPanic)
		}
		return sum(vs)
	}
	tens := func() sluice.Publisher[int] { return probe.Just(10, 20, 30, 40) }
	// zipN builds the case of a ZipN over src and n-1 tens: the sums are
	// v + (n-1)*10*v.
	zipN := func(name string, zip func(src sluice.Publisher[int], f func(...int) int) sluice.Publisher[int]) stepCase[int, int] {
		arity := int(name[3] - '0')
		want := make([]int, 3)
		for i := range want {
			want[i] = (i + 1) * (1 + 10*(arity-1))
		}
		return stepCase[int, int]{
			name: name,
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return zip(src, func(vs ...int) int { return sum(vs) })
			}),
			in: ints123, want: want, errEnd: prefixThenError(want), cancelWant: want[:1],
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return zip(src, func(vs ...int) int { return panicSum(vs) })
			}),
			panicWant: want[:1],
			upstream:  atMostUpstream(2),
		}
	}
	runStepSuite(t,
		stepCase[int, int]{
			name: "ZipSlice",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ZipSlice([]sluice.Publisher[int]{src, tens()}, sum, 2)
			}),
			in: ints123, want: []int{11, 22, 33}, errEnd: prefixThenError([]int{11, 22, 33}),
			cancelWant: []int{11},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return ZipSlice([]sluice.Publisher[int]{src, tens()}, panicSum, 2)
			}),
			panicWant: []int{11},
			upstream:  atMostUpstream(2),
		},
		stepCase[int, int]{
			name: "Zip3",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Zip3(src, tens(), tens(), func(a, b, c int) int { return a + b + c }, 2)
			}),
			in: ints123, want: []int{21, 42, 63}, errEnd: prefixThenError([]int{21, 42, 63}),
			cancelWant: []int{21},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Zip3(src, tens(), tens(), func(a, b, c int) int { return panicSum([]int{a, b, c}) }, 2)
			}),
			panicWant: []int{21},
			upstream:  atMostUpstream(2),
		},
		zipN("Zip4", func(src sluice.Publisher[int], f func(...int) int) sluice.Publisher[int] {
			return Zip4(src, tens(), tens(), tens(), func(a, b, c, d int) int { return f(a, b, c, d) }, 2)
		}),
		zipN("Zip5", func(src sluice.Publisher[int], f func(...int) int) sluice.Publisher[int] {
			return Zip5(src, tens(), tens(), tens(), tens(), func(a, b, c, d, e int) int { return f(a, b, c, d, e) }, 2)
		}),
		zipN("Zip6", func(src sluice.Publisher[int], f func(...int) int) sluice.Publisher[int] {
			return Zip6(src, tens(), tens(), tens(), tens(), tens(),
				func(a, b, c, d, e, g int) int { return f(a, b, c, d, e, g) }, 2)
		}),
		zipN("Zip7", func(src sluice.Publisher[int], f func(...int) int) sluice.Publisher[int] {
			return Zip7(src, tens(), tens(), tens(), tens(), tens(), tens(),
				func(a, b, c, d, e, g, h int) int { return f(a, b, c, d, e, g, h) }, 2)
		}),
		stepCase[int, int]{
			name: "Zip8",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Zip8(src, tens(), tens(), tens(), tens(), tens(), tens(), tens(),
					func(a, b, c, d, e, f, g, h int) int { return sum([]int{a, b, c, d, e, f, g, h}) }, 2)
			}),
			in: ints123, want: []int{71, 142, 213}, errEnd: prefixThenError([]int{71, 142, 213}),
			cancelWant: []int{71},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return Zip8(src, tens(), tens(), tens(), tens(), tens(), tens(), tens(),
					func(a, b, c, d, e, f, g, h int) int { return panicSum([]int{a, b, c, d, e, f, g, h}) }, 2)
			}),
			panicWant: []int{71},
			upstream:  atMostUpstream(2),
		},
		stepCase[int, int]{
			name: "CombineLatest",
			op: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return CombineLatest([]sluice.Publisher[int]{probe.Just(100), src}, sum, 2)
			}),
			in: ints123, want: []int{101, 102, 103}, errWant: []int{101, 102, 103},
			cancelWant: []int{101},
			panicOp: plain(func(src sluice.Publisher[int]) sluice.Publisher[int] {
				return CombineLatest([]sluice.Publisher[int]{probe.Just(100), src}, func(vs []int) int {
					return panicSum([]int{vs[1], vs[0]})
				}, 2)
			}),
			panicWant: []int{101},
		},
	)
}

func TestStepSwitchOnNext(t *testing.T) {
	runStepSuite(t, stepCase[sluice.Publisher[int], int]{
		name: "SwitchOnNext",
		op: plain(func(src sluice.Publisher[sluice.Publisher[int]]) sluice.Publisher[int] {
			return SwitchOnNext(src, 2)
		}),
		in:   []sluice.Publisher[int]{probe.Just(1, 2), probe.Just(3)},
		want: ints123, errWant: ints123,
		// Without demand the synchronous source has already switched to the
		// last inner when the first request comes.
		boundedWant: []int{3}, cancelWant: []int{3},
	})
}
