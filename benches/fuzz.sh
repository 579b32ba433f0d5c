#!/usr/bin/env bash
# Fuzzes parse → number → validate → render (fuzz/fuzz_targets/parse_render.rs)
# with cargo-fuzz (libFuzzer) for a fixed time and prints how many inputs were
# tried. Not run in CI: it needs a nightly toolchain and takes minutes. Usage,
# from anywhere:
#
#     bash benches/fuzz.sh
#
# Environment: SECONDS_TO_RUN (default 600), JOBS (parallel fuzzing processes,
# default 1), MAX_LEN (longest input in bytes, default 32768), SANITIZER
# (cargo fuzz -s: none, address …; default none: the crate forbids unsafe
# code, and what is looked for is panics, hangs and unbounded memory, which
# libFuzzer catches without a sanitizer, at several times the speed),
# RESULTS (default target/fuzz: the log and a summary).
#
# The seeds are fuzz/corpus/parse_render/ (the bundled meetings and the test
# fixtures); the corpus grown from them is kept in fuzz/work/ (not committed)
# and reused by the next run. libFuzzer runs in fork mode and goes on after a
# crash, a timeout (-timeout, seconds per input) or running out of memory
# (-rss_limit_mb, -malloc_limit_mb); each such input is written to
# fuzz/artifacts/parse_render/. Minimise one with
#     cargo +nightly fuzz tmin -s none parse_render fuzz/artifacts/parse_render/<file>
# and keep it in fuzz/regressions/, where `cargo test --test main bad_input`
# replays every file through the real binary.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SECONDS_TO_RUN=${SECONDS_TO_RUN:-600}
JOBS=${JOBS:-1}
MAX_LEN=${MAX_LEN:-32768}
SANITIZER=${SANITIZER:-none}
RESULTS=${RESULTS:-$ROOT/target/fuzz}
TARGET=parse_render

say() { printf '\n== %s\n' "$*" >&2; }

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "cargo fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

FUZZ="$ROOT/fuzz"
mkdir -p "$RESULTS" "$FUZZ/work/$TARGET" "$FUZZ/artifacts/$TARGET"
LOG="$RESULTS/$TARGET.log"
before=$(find "$FUZZ/artifacts/$TARGET" -type f | wc -l)

say "building $TARGET (nightly, sanitizer: $SANITIZER)"
cargo +nightly fuzz build -s "$SANITIZER" "$TARGET"

say "fuzzing $TARGET for ${SECONDS_TO_RUN}s with $JOBS job(s); log: $LOG"
start=$(date +%s)
# The first corpus folder receives what libFuzzer finds; the seeds stay as committed.
cargo +nightly fuzz run -s "$SANITIZER" "$TARGET" "$FUZZ/work/$TARGET" "$FUZZ/corpus/$TARGET" -- \
    -fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -dict="$FUZZ/$TARGET.dict" -print_final_stats=1 2>&1 | tee "$LOG" >/dev/null || true
elapsed=$(($(date +%s) - start))

# Fork mode reports the inputs run so far as "#N"; the last such line is the total.
inputs=$(grep -oE '^#[0-9]+' "$LOG" | tail -1 | tr -d '#')
inputs=${inputs:-0}
crashes=$(($(find "$FUZZ/artifacts/$TARGET" -type f | wc -l) - before))
corpus=$(find "$FUZZ/work/$TARGET" -type f | wc -l)
summary="$TARGET: $inputs inputs in ${elapsed}s ($JOBS job(s), sanitizer $SANITIZER), \
$crashes new crash/timeout/oom input(s) in fuzz/artifacts/$TARGET/, corpus $corpus inputs"
echo "$summary" | tee "$RESULTS/$TARGET.summary"
grep -E '^(==[0-9]+== ERROR|SUMMARY|.*panicked at)' "$LOG" | sort | uniq -c | sort -rn | head -20 || true
