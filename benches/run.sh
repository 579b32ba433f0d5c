#!/usr/bin/env bash
# Speed and memory benchmark: `protokoll build --alla` (every document typeset,
# whatever the build cache says) against the Typst CLI compiling
# the very same generated sources: `build` makes every document of a meeting
# (protocol, kallelse, an utdrag per § with utdrag_till, anslagsbevis), and the
# Typst side compiles each of their .typ files in turn. Not run in CI (installing typst-cli compiles
# for many minutes). Usage, from anywhere:
#
#     bash benches/run.sh
#
# Environment: RUNS (default 20, at least 10), WARMUP (2), PARAGRAPHS (100),
# BATCHES (batch sizes whose peak RSS is measured: "5 10 20"; the last one is the
# 20-meeting batch), RESULTS (target/bench: hyperfine's Markdown and JSON
# exports, the RSS table and a summary).
# Needs python3, hyperfine and /usr/bin/time; installs hyperfine with apt-get
# and typst-cli 0.15.1 with cargo when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}
PARAGRAPHS=${PARAGRAPHS:-100}
BATCHES=${BATCHES:-5 10 20}
RESULTS=${RESULTS:-$ROOT/target/bench}

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
    say "installing hyperfine"
    apt-get install -y hyperfine || { apt-get update && apt-get install -y hyperfine; }
fi
# shellcheck source=benches/tools.sh
source "$ROOT/benches/tools.sh"

# --- inputs ------------------------------------------------------------------
TMP=$(mktemp -d /tmp/protokoll-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$RESULTS"

say "generating a $PARAGRAPHS-§ meeting and batches of $BATCHES such meetings in $TMP"
python3 benches/gen-meeting.py "$TMP/one" --paragraphs "$PARAGRAPHS" >/dev/null
for n in $BATCHES; do
    python3 benches/gen-meeting.py "$TMP/batch$n" --paragraphs "$PARAGRAPHS" --meetings "$n" >/dev/null
done

# case name | meeting file | the folder protokoll emits its documents' .typ into
SOCSAM=meetings/socsam/2021/2021-02-26.yaml
SYNTH=$TMP/one/meetings/bench/2025/2025-03-14.yaml
declare -A FILE=([socsam]=$SOCSAM [synthetic]=$SYNTH)
declare -A DIR=([socsam]=$TMP/emit/socsam/2021 [synthetic]=$TMP/emit/bench/2025)
declare -A TYP=(
    [socsam]=${DIR[socsam]}/2021-02-26-protokoll.typ
    [synthetic]=${DIR[synthetic]}/2025-03-14-protokoll.typ
)
TYPST="typst compile --font-path fonts --ignore-system-fonts --pdf-standard a-2a,ua-1"

say "protokoll build --emit-typst (the sources the Typst CLI will compile)"
for case in socsam synthetic; do
    "$BIN" build "${FILE[$case]}" --out "$TMP/emit" --emit-typst
    [ -f "${TYP[$case]}" ] || { echo "no ${TYP[$case]}" >&2; exit 1; }
    # The CLI must accept the sources too, or the comparison means nothing.
    for typ in "${DIR[$case]}"/*.typ; do
        $TYPST "$typ" "$TMP/check.pdf"
    done
    echo "$case: $(ls "${DIR[$case]}"/*.typ | wc -l) documents;" \
        "protocol: protokoll $(wc -c <"${TYP[$case]%.typ}.pdf") bytes," \
        "typst $( $TYPST "${TYP[$case]}" "$TMP/check.pdf" && wc -c <"$TMP/check.pdf") bytes of PDF" >&2
done

# --- speed -------------------------------------------------------------------
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) CPUs)" \
    | tee "$RESULTS/load.txt" >&2
for case in socsam synthetic; do
    say "hyperfine: $case"
    hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" \
        --export-markdown "$RESULTS/$case.md" --export-json "$RESULTS/$case.json" \
        -n protokoll "$BIN build ${FILE[$case]} --out $TMP/out --alla" \
        -n typst "bash -c 'for typ in ${DIR[$case]}/*.typ; do $TYPST \$typ $TMP/x.pdf || exit 1; done'"
done

# --- memory ------------------------------------------------------------------
peak_rss() { # command... → "<peak RSS KiB> <wall s>"
    /usr/bin/time -v "$@" >/dev/null 2>"$TMP/time.log" || { cat "$TMP/time.log" >&2; return 1; }
    awk -F': ' '/Maximum resident set size/ {rss=$2}
        /Elapsed \(wall clock\)/ {n=split($2,t,":"); w=0; for(i=1;i<=n;i++) w=w*60+t[i]}
        END {printf "%d %.2f\n", rss, w}' "$TMP/time.log"
}
row() { # label meetings command... → a table row
    local label=$1 n=$2 m kib wall
    shift 2
    m=$(peak_rss "$@")
    read -r kib wall <<<"$m"
    echo "| $label | $n | $((kib / 1024)) | $wall | $(awk -v w="$wall" -v n="$n" 'BEGIN {printf "%.2f", w / n}') |"
}
say "peak RSS (/usr/bin/time -v)"
{
    echo "| build | meetings | peak RSS (MiB) | wall (s) | s per meeting |"
    echo "|:---|---:|---:|---:|---:|"
    row "protokoll build, one $PARAGRAPHS-§ meeting" 1 "$BIN" build "$SYNTH" --out "$TMP/rss" --alla
    for n in $BATCHES; do
        row "protokoll build, folder of $PARAGRAPHS-§ meetings" "$n" \
            "$BIN" build "$TMP/batch$n/meetings/bench" --out "$TMP/rss" --alla
    done
    row "typst compile, the one meeting's protocol .typ" 1 $TYPST "${TYP[synthetic]}" "$TMP/x.pdf"
} | tee "$RESULTS/rss.md"

# --- summary -----------------------------------------------------------------
say "summary (target: protokoll ≤ 1.2 × typst)"
{
    echo "protokoll $("$BIN" --version | awk '{print $2}'), $(typst --version), $(hyperfine --version)"
    echo "$(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
    for case in socsam synthetic; do
        python3 - "$RESULTS/$case.json" "$case" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
p, t = r["protokoll"], r["typst"]
ratio = p["mean"] / t["mean"]
# CPU time (user + system) is less disturbed than wall time by other load.
pc, tc = p["user"] + p["system"], t["user"] + t["system"]
print(f"{sys.argv[2]:>10}: wall: protokoll {p['mean']*1000:7.1f} ± {p['stddev']*1000:5.1f} ms, "
      f"typst {t['mean']*1000:7.1f} ± {t['stddev']*1000:5.1f} ms, "
      f"ratio {ratio:.2f} ({'within' if ratio <= 1.2 else 'OVER'} 1.2); "
      f"cpu: {pc*1000:.0f} vs {tc*1000:.0f} ms, ratio {pc/tc:.2f}")
EOF
    done
} | tee "$RESULTS/summary.txt"
echo "tables in $RESULTS" >&2
