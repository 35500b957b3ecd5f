#!/usr/bin/env bash
# The long form of the fuzzing campaign: coverage-guided fuzzing of Masthead's parsers of
# untrusted input with AFL++, through afl.rs (which works on a stable toolchain, unlike
# cargo-fuzz/libFuzzer). `make test` replays the saved inputs (`cargo test -p masthead-fuzz`).
#
#   scripts/fuzz.sh TARGET|all [MINUTES]      # default 10 minutes per target
#
# Targets: markdown, import, manifest, journal, backup (see fuzz/src/lib.rs). A run starts from
# the hand-written seeds (fuzz/corpus/TARGET/) and the corpus grown so far
# (fuzz/corpus/TARGET.tar.gz); afterwards the queue, minimised with afl-cmin, replaces that
# archive, and every crash or hang found is copied to fuzz/regressions/TARGET/ (commit both:
# the replay test then runs them on every `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:?usage: scripts/fuzz.sh TARGET|all [MINUTES]}
minutes=${2:-10}
[ "$targets" = all ] && targets="markdown import manifest journal backup"

command -v cargo-afl >/dev/null || cargo install cargo-afl --locked
export CARGO_TARGET_DIR=${AFL_TARGET_DIR:-$HOME/.cache/masthead/afl-target}
(cd fuzz/afl && cargo afl build --release --locked)
bin=$CARGO_TARGET_DIR/release/masthead-fuzz-afl
work=${FUZZ_WORK:-$HOME/.cache/masthead/fuzz}
# The targets make sites in temporary folders: keep them in memory, where fsync is free.
export TMPDIR=/dev/shm/masthead-fuzz
mkdir -p "$TMPDIR"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_TMPDIR=$TMPDIR

for target in $targets; do
  out=$work/$target
  rm -rf "$out"
  mkdir -p "$out/in" "fuzz/regressions/$target"
  cp fuzz/corpus/"$target"/* "$out/in/"
  [ -f "fuzz/corpus/$target.tar.gz" ] && tar -xzf "fuzz/corpus/$target.tar.gz" -C "$out/in"
  echo "== $target: $minutes min from $(ls "$out/in" | wc -l) inputs"
  MASTHEAD_FUZZ_TARGET=$target cargo afl fuzz -i "$out/in" -o "$out" -V $((minutes * 60)) -t 5000 \
    -- "$bin" >"$out/log.txt" 2>&1 || { tail -30 "$out/log.txt"; exit 1; }
  stats=$out/default/fuzzer_stats
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
  hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
  queue=$(awk -F' *: *' '$1=="corpus_count"{print $2}' "$stats")
  echo "$target: $execs executions, $queue inputs in the queue, $crashes crashes, $hangs hangs"
  for found in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
    [ -f "$found" ] || continue
    cp "$found" "fuzz/regressions/$target/$(sha256sum "$found" | cut -c1-16)"
  done
  # The queue, minimised to the inputs that each reach something new, becomes the corpus.
  min=$out/min
  MASTHEAD_FUZZ_TARGET=$target cargo afl cmin -i "$out/default/queue" -o "$min" -t 5000 -- "$bin" >/dev/null 2>&1 || true
  if [ -n "$(ls -A "$min" 2>/dev/null)" ]; then
    packed=$out/packed
    mkdir -p "$packed"
    for f in "$min"/*; do cp "$f" "$packed/$(sha256sum "$f" | cut -c1-16)"; done
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -czf "fuzz/corpus/$target.tar.gz" -C "$packed" .
  fi
  echo "$target: corpus now $(ls "$min" | wc -l) inputs in fuzz/corpus/$target.tar.gz"
done
