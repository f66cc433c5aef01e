#!/usr/bin/env bash
# Runs every check that CI runs, on every Go module in the repository:
# gofmt, go vet, go test -race (goroutine-leak checks run inside the tests),
# and a short pass of each fuzz target. Interop peers (npm packages) are
# installed by the interop module's own setup step when that module exists.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

modules=$(find . -name go.mod -not -path '*/node_modules/*' | sort)
for mod in $modules; do
	dir=$(dirname "$mod")
	echo "== module $dir"
	if [ -x "$dir/setup.sh" ]; then
		echo "-- setup"; (cd "$dir" && ./setup.sh)
	fi
	echo "-- go vet"; (cd "$dir" && go vet ./...)
	echo "-- go test -race"; (cd "$dir" && go test -race -count=1 -timeout 20m ./...)
done

echo "== fuzz (${fuzztime} each)"
for pkg in $(go list ./... ); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for fz in $(grep -h -o '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
		echo "-- $pkg $fz"
		go test -run='^$' -fuzz="^${fz}\$" -fuzztime="$fuzztime" "$pkg"
	done
done
echo "== all checks passed"
