#!/usr/bin/env bash
# Build the shipped binary with profile-guided optimisation (PGO).
#
#   scripts/pgo.sh               # writes target/pgo/factdiff (CARGO_TARGET_DIR is honoured)
#
# Three steps, all with Cargo's `dist` profile:
#   1. build an instrumented binary (`-Cprofile-generate`);
#   2. run it on training text: the repository's seeds and, when `../shared` is beside the
#      repository, the development stories (corpus/clusters, one run each and all together)
#      and Mozilla Readability's test pages (external/readability-test-pages, HTML). None of
#      this is the bulk corpus that `scripts/bench.sh` times, so the figures are not trained
#      on the text they measure;
#   3. merge the counts (`llvm-profdata` of the same LLVM as rustc: rustup's `llvm-tools`
#      component) and build again with `-Cprofile-use`.
# The answers are the same as any other build's (the tests and `scripts/bench.sh` compare
# reports); only the machine code's layout and inlining follow the measured counts.
# Needs `rustup component add llvm-tools`; takes two whole-program builds (about 15 minutes
# on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
# Absolute: the instrumented binary writes its counts relative to where it runs.
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata
[ -x "$profdata" ] || {
  echo "pgo: no llvm-profdata for this rustc; run: rustup component add llvm-tools" >&2
  exit 2
}

# Fixed paths (not a temporary folder): the flags are then the same from run to run, so
# Cargo rebuilds only when the sources change. Old counts are cleared first, since the
# instrumented binary adds to a profile it finds.
work=$target/pgo-data
rm -rf "$work"
mkdir -p "$work"

# Step 1: the instrumented build, in its own target folder so that it never mixes with
# an ordinary build's artifacts.
RUSTFLAGS="-Cprofile-generate=$work/raw" CARGO_TARGET_DIR="$target/pgo-generate" \
  cargo build --profile dist --quiet
gen=$target/pgo-generate/dist/factdiff
# Build scripts and proc-macros were instrumented too, and wrote counts while building:
# keep only the training runs'.
rm -rf "$work/raw"

# Step 2: training runs. Exit 1 (findings) is a normal answer here; anything else stops.
train() { "$gen" "$@" -o "$work/out" --fail-on never 2>/dev/null || [ $? -eq 1 ]; }
train check seeds/
train --threads 2 check seeds/ --format json
shared=../shared
if [ -d "$shared/corpus/clusters" ]; then
  for story in "$shared"/corpus/clusters/*/; do
    train --threads 1 check "$story" --format json
  done
  train check "$shared/corpus/clusters"
fi
if [ -d "$shared/external/readability-test-pages" ]; then
  train --threads 1 check "$shared/external/readability-test-pages" --format json
fi

# Step 3: merge and rebuild with the counts.
"$profdata" merge -o "$work/merged.profdata" "$work/raw"
RUSTFLAGS="-Cprofile-use=$work/merged.profdata" CARGO_TARGET_DIR="$target/pgo-use" \
  cargo build --profile dist --quiet
mkdir -p "$target/pgo"
cp "$target/pgo-use/dist/factdiff" "$target/pgo/factdiff"
echo "pgo: $target/pgo/factdiff"
