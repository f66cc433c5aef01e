package operators

import "github.com/sluicego/sluice"

// userGuard lets a stage subscribed directly to a pull source leave the
// panic guard of its user code (mapper, predicate) to the pull drain loop
// (pull.Guarded): no defer per element. The stage embeds it, calls UseGuard
// through pull, marks inUser around each user call when guarded, and
// implements RecoverUser with recoverUser.
type userGuard struct {
	guarded bool // the drain loop that calls us recovers our panics
	inUser  bool // guarded: a user function runs
}

// UseGuard is called by pull.Subscribe before OnSubscribe (pull.Guarded).
func (g *userGuard) UseGuard() { g.guarded = true }

// caught reports whether a panic the drain loop recovered came from the
// stage's user code, and clears the mark.
func (g *userGuard) caught() bool {
	if !g.inUser {
		return false
	}
	g.inUser = false
	return true
}

// recoverUser is the body of a guarded stage's RecoverUser: when the panic
// came from the stage's user code it ends the stage with fail and reports
// true.
func (g *userGuard) recoverUser(r any, fail func(error)) bool {
	if !g.caught() {
		return false
	}
	fail(sluice.NewPanicError(r))
	return true
}
