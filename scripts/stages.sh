#!/usr/bin/env bash
# Where the time goes: the share of CPU samples spent in each stage of the pipeline,
# for one single-threaded `factdiff check` run, as a Markdown table. A developer's
# tool for issue-19 style work (which stage to make faster next); `scripts/bench.sh`
# gives the times themselves.
#
#   scripts/stages.sh                                   # the bulk corpus by incident_id
#   scripts/stages.sh --story-key incident_id FILES...  # any check arguments
#
# Needs Linux `perf` (the samples, with DWARF call graphs: the release profile carries
# no frame pointers). A stage's share counts its callees, so nested rows (the quote
# comparison within the comparison) overlap; samples that perf could not unwind to a
# stage fall in no row, which is why the rows sum to less than 100 %.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "stages: needs perf (linux-tools)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  # shellcheck disable=SC2206
  set -- --story-key incident_id ../shared/corpus/bulk/gvc_longtail_violent_corpus.part*.jsonl
fi
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
perf record -q -F 499 --call-graph dwarf,16384 -o "$tmp/perf.data" \
  target/release/factdiff --threads 1 check --format json --fail-on never -q \
  -o "$tmp/out.json" "$@" 2>/dev/null
perf report -i "$tmp/perf.data" --children --sort symbol -g none 2>/dev/null \
  | awk '$1 ~ /%$/ {print $1, $4}' >"$tmp/shares"

# Stage entry points, in pipeline order: label and the function whose samples (with
# its callees) are the stage's.
stages=(
  "load (read, extract, normalise)|factdiff::load::"
  "sentences|factdiff::segment::sentences"
  "echoes (repeated text)|factdiff::segment::echo::without_echoes"
  "mentions (detect names)|factdiff::mentions::detect"
  "resolve (one entity per name)|factdiff::resolve::cluster_with"
  "claims (numbers, facts)|factdiff::claims::extract_all"
  "attributes (titles, ages, places)|factdiff::claims::attribute::extract_all"
  "quantities (what a number counts)|factdiff::claims::quantity::features::features"
  "quotes (extract)|factdiff::quotes::extract_all"
  "compare (all kinds)|factdiff::compare::compare"
  "  spelling|factdiff::compare::spelling::findings"
  "  numeric|factdiff::compare::numeric::findings"
  "  attribute|factdiff::compare::attribute::findings"
  "  quote|factdiff::compare::quote::findings"
  "merge stories|factdiff::story::merge"
  "report (render)|factdiff::report::"
)
echo "| stage | share of CPU samples |"
echo "| --- | ---: |"
for s in "${stages[@]}"; do
  label=${s%%|*}
  fn=${s#*|}
  if [[ $fn == *:: ]]; then
    # A module: its largest entry (the outermost function of it on the stacks).
    share=$(awk -v p="$fn" 'index($2, p) == 1 {print $1; exit}' "$tmp/shares")
  else
    share=$(awk -v f="$fn" '$2 == f {print $1; exit}' "$tmp/shares")
  fi
  echo "| $label | ${share:-0.00%} |"
done
