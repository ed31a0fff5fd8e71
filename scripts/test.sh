#!/usr/bin/env bash
# The whole test suite: installs the real peers (SIPp, ...), then builds and runs every module's tests,
# the integration tests against real peers included.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-peers.sh"
cd "$ROOT"
exec mvn -B -ntp verify "$@"
