#!/usr/bin/env bash
# The long form of the crash campaigns (issue 22): kill -9 at random moments, ROUNDS times each,
# during CLI imports, photo adds (variants), backups, restores and publishes, and across ROUNDS
# autosave cycles of the real app under Xvfb. `make test` runs the short form of the same tests.
#
#   scripts/crash-campaign.sh [ROUNDS]        # default 200
#
# Each test prints its seed (MASTHEAD_CRASH_SEED=… replays the same kill moments) and its counts.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/masthead/target}
make --no-print-directory build
bin=$CARGO_TARGET_DIR/debug
MASTHEAD_CRASH_ROUNDS=$rounds cargo test -p masthead-tests --test testsuite -- --nocapture --test-threads=1 \
  crash_campaign:: 2>&1 | grep -E "^(test |[a-z ]+: )|panicked|test result"
MASTHEAD_PUBLISH_KILLS=$rounds cargo test -p masthead-tests --test testsuite -- --nocapture --test-threads=1 \
  publish_order:: 2>&1 | grep -E "^test |panicked|test result|kills"
MASTHEAD_APP=$bin/masthead-app MASTHEAD_BIN=$bin/masthead E2E_CRASH_CYCLES=$rounds \
  xvfb-run -a --server-args="-screen 0 1280x800x24" \
  node --test --test-timeout=$((rounds * 10000)) tests/e2e/crash.test.mjs
