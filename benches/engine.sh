#!/usr/bin/env bash
# The engine's benchmark: full build, rebuild with nothing changed, one §
# edited, peak memory, and `watch` save-to-PDF, for a folder of 40 and one of
# 1,000 generated meetings of 15 §§ (each: protocol, kallelse, 15 utdrag,
# anslagsbevis = 18 documents), against `typst compile --ignore-system-fonts`
# run once per generated .typ. Not run in CI. Usage, from anywhere:
#
#     bash benches/engine.sh
#
# Environment: SIZES (default "40 1000"), PARAGRAPHS (15), TYPST_SAMPLE (for the
# Typst CLI on a large folder, compile every Nth meeting's sources and scale by
# the document count: default 25; the 40-meeting folder is always compiled whole),
# WATCH_ROUNDS (10), RESULTS (target/bench-engine).
# Needs python3 and /usr/bin/time; typst-cli 0.15.1 (installed with cargo when
# missing, as benches/run.sh does).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-40 1000}
PARAGRAPHS=${PARAGRAPHS:-15}
TYPST_SAMPLE=${TYPST_SAMPLE:-25}
WATCH_ROUNDS=${WATCH_ROUNDS:-10}
RESULTS=${RESULTS:-$ROOT/target/bench-engine}

say() { printf '\n== %s\n' "$*" >&2; }

# shellcheck source=benches/tools.sh
source "$ROOT/benches/tools.sh"
TYPST="typst compile --font-path $ROOT/fonts --ignore-system-fonts --pdf-standard a-2a,ua-1"

TMP=$(mktemp -d /tmp/protokoll-engine.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$RESULTS"

# measure LABEL command… → one table row: wall, CPU (user+sys), CPU/wall, peak RSS.
measure() {
    local label=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" >"$TMP/stdout" 2>"$TMP/stderr" \
        || { cat "$TMP/stderr" >&2; return 1; }
    read -r wall user sys kib <"$TMP/time"
    awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v k="$kib" \
        'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %d |\n", l, w, u + s, (w > 0 ? (u + s) / w : 0), k / 1024}'
}
written() { grep -c ' → ' "$TMP/stdout" || true; }

{
    echo "protokoll $("$BIN" --version | awk '{print $2}'), $(typst --version)"
    echo "$(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| run | wall (s) | CPU (s) | CPU / wall | peak RSS (MiB) |"
    echo "|:---|---:|---:|---:|---:|"
} >"$RESULTS/engine.md"

for n in $SIZES; do
    say "$n meetings of $PARAGRAPHS §§"
    dir=$TMP/m$n
    python3 benches/gen-meeting.py "$dir" --meetings "$n" --paragraphs "$PARAGRAPHS" >/dev/null
    meetings=$dir/meetings/bench
    out=$dir/out

    measure "$n meetings: full build (empty output folder)" "$BIN" build "$meetings" --out "$out" \
        | tee -a "$RESULTS/engine.md"
    docs=$(written)
    echo "  $docs documents written" >&2
    measure "$n meetings: rebuild, nothing changed" "$BIN" build "$meetings" --out "$out" \
        | tee -a "$RESULTS/engine.md"
    echo "  $(written) documents written" >&2
    # One § edited in one meeting in the middle of the folder.
    victim=$(find "$meetings" -name '*.yaml' ! -name organ.yaml | sort | sed -n "$(( (n + 1) / 2 ))p")
    sed -i '0,/Nämnden \*beslutar\* att /s//Nämnden *beslutar* enhälligt att /' "$victim"
    measure "$n meetings: one § edited in one meeting" "$BIN" build "$meetings" --out "$out" \
        | tee -a "$RESULTS/engine.md"
    echo "  $(written) documents written ($(basename "$victim"))" >&2
    echo "| $n meetings: documents | $docs | | | |" >>"$RESULTS/engine.md"

    # The same documents through the Typst CLI, one process per .typ: on a
    # large folder every step-th meeting's documents (their sources emitted by
    # one build of just those files), the time scaled by the document count.
    emit=$dir/emit
    step=1
    [ "$n" -gt 40 ] && step=$TYPST_SAMPLE
    find "$meetings" -name '*.yaml' ! -name organ.yaml | sort \
        | awk -v s="$step" '(NR - 1) % s == 0' >"$TMP/sampled.txt"
    xargs -a "$TMP/sampled.txt" -d '\n' "$BIN" build --out "$emit" --emit-typst >/dev/null 2>&1
    find "$emit" -name '*.typ' ! -path '*/lib/*' | sort >"$TMP/sample.txt"
    total=$docs
    sample=$(wc -l <"$TMP/sample.txt")
    start=$(date +%s.%N)
    while read -r typ; do $TYPST "$typ" "$TMP/x.pdf"; done <"$TMP/sample.txt"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v t="$total" -v k="$sample" -v n="$n" \
        'BEGIN {w = (e - s) * t / k; printf "| %d meetings: typst compile, one process per .typ (%s) | %.2f | | | |\n", n, (k == t ? "all " t : k " of " t ", scaled"), w}' \
        | tee -a "$RESULTS/engine.md"
done

say "watch: save-to-PDF of the bundled SocSam protocol"
cp -r meetings "$TMP/watch-meetings"
python3 benches/watch.py "$BIN" "$TMP/watch-meetings/socsam/2021/2021-02-26.yaml" \
    "$TMP/watch-meetings/socsam" "$TMP/watch-out" "$WATCH_ROUNDS" | tee -a "$RESULTS/engine.md"
echo "tables in $RESULTS/engine.md" >&2
