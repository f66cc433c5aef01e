package interop

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// bin holds the commands built by TestMain.
var bin struct{ sluice, gopeer string }

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sluice-interop-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin.sluice, bin.gopeer = filepath.Join(dir, "sluice"), filepath.Join(dir, "gopeer")
	for out, pkg := range map[string]string{bin.sluice: "github.com/sluicego/sluice/cmd/sluice", bin.gopeer: "./gopeer"} {
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building", pkg, ":", err)
			os.Exit(1)
		}
	}
	code := 0
	defer func() {
		_ = os.RemoveAll(dir)
		os.Exit(code)
	}()
	// goleak's VerifyTestMain calls os.Exit itself; run it inline instead.
	code = m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
}

// timeout bounds every process of a test: generous for a loaded 2-core box.
const timeout = 2 * time.Minute

// proc is a running peer process whose stdout lines arrive on lines.
type proc struct {
	lines  chan string
	stderr *lockedBuilder
}

// start runs name args in dir until the test ends: it is killed (and
// waited for) on cleanup. Closing its stdin asks servers to exit.
func start(t *testing.T, dir, name string, args ...string) *proc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 10 * time.Second
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &proc{lines: make(chan string, 1024), stderr: &lockedBuilder{}}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Process.Kill()
		<-read
		_ = cmd.Wait()
		cancel()
		if t.Failed() {
			t.Logf("%s stderr:\n%s", filepath.Base(name), p.stderr.String())
		}
	})
	return p
}

type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// line returns the next stdout line.
func (p *proc) line(t *testing.T) string {
	t.Helper()
	select {
	case l, ok := <-p.lines:
		require.True(t, ok, "process exited: %s", p.stderr.String())
		return l
	case <-time.After(timeout):
		t.Fatalf("no output within %v", timeout)
	}
	return ""
}

// event returns the next JSON line.
func (p *proc) event(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	l := p.line(t)
	require.NoError(t, json.Unmarshal([]byte(l), &m), l)
	return m
}

// result runs a client process to its end and returns its JSON result.
func result(t *testing.T, dir, name string, args ...string) map[string]any {
	t.Helper()
	return start(t, dir, name, args...).event(t)
}

// sluiceResult is the outcome of one run of the sluice command.
type sluiceResult struct {
	code           int
	stdout, stderr string
}

// runSluice runs the sluice command to its end.
func runSluice(t *testing.T, stdin string, args ...string) sluiceResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin.sluice, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return sluiceResult{code, stdout.String(), stderr.String()}
}

// sluiceServe runs `sluice serve` on a free port until the test ends and
// returns its port.
func sluiceServe(t *testing.T) string {
	t.Helper()
	p := start(t, "", bin.sluice, "serve", "tcp://127.0.0.1:0")
	l := p.line(t)
	addr, ok := strings.CutPrefix(l, "listening on tcp://127.0.0.1:")
	require.True(t, ok, l)
	return addr
}

// ready waits for a peer server's "READY <port>" line.
func ready(t *testing.T, p *proc) string {
	t.Helper()
	l := p.line(t)
	port, ok := strings.CutPrefix(l, "READY ")
	require.True(t, ok, l)
	return port
}

var requestNRE = regexp.MustCompile(`Stream ID: 1 Type: (?:REQUEST_STREAM|REQUEST_N) .*RequestN: (\d+)`)

// wireDemand returns the demand a sluice client put on the wire for stream
// 1, read from its --debug frame log: initial request n, then each REQUEST_N.
func wireDemand(t *testing.T, frameLog string) []any {
	t.Helper()
	var out []any
	for _, m := range requestNRE.FindAllStringSubmatch(frameLog, -1) {
		n, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		out = append(out, float64(n))
	}
	return out
}
