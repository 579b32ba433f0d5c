# Sourced by the benchmark scripts: /usr/bin/time, typst-cli 0.15.1 (the version
# protokoll links, compiled with cargo when missing) and the release binary.
# Sets TYPST_VERSION and BIN; expects ROOT and a `say` function.

TYPST_VERSION=0.15.1
[ -x /usr/bin/time ] || { apt-get install -y time || { apt-get update && apt-get install -y time; }; }
if ! command -v typst >/dev/null; then
    say "installing typst-cli $TYPST_VERSION (compiles for a long while)"
    CARGO_TARGET_DIR=${TYPST_CLI_TARGET:-/tmp/typst-cli-target} \
        cargo install typst-cli --version "$TYPST_VERSION" --locked
    export PATH="$HOME/.cargo/bin:$PATH"
fi
if [[ "$(typst --version)" != "typst $TYPST_VERSION"* ]]; then
    echo "warning: $(typst --version) is not typst $TYPST_VERSION, the version protokoll links" >&2
fi
# The CLI's spelling of the PDF standards flag (0.15: --pdf-standard a-2a,ua-1).
grep -q -- '--pdf-standard' <<<"$(typst compile --help)" \
    || { echo "typst compile has no --pdf-standard flag; see typst compile --help" >&2; exit 1; }

say "cargo build --release"
cargo build --release
BIN=$ROOT/target/release/protokoll
