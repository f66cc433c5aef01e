#!/usr/bin/env bash
# Installs the pinned rsocket-js packages into js/node_modules (run by
# scripts/test.sh before this module's tests).
set -euo pipefail
cd "$(dirname "$0")/js"
if [ -f package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error
else
	npm install --no-audit --no-fund --loglevel=error
fi
