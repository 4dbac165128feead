#!/usr/bin/env bash
# Benchmark: factdiff on the bulk news corpus (one story per incident), next to the
# time grep (or rg) takes just to scan the same bytes, the floor no analysis can beat.
#
#   scripts/bench.sh                 # 3 runs each, best wall time reported
#   RUNS=5 scripts/bench.sh
#   CORPUS='/path/*.jsonl' STORY_KEY=incident_id scripts/bench.sh
#   scripts/bench.sh printers        # only the printer table (no corpus needed)
#   scripts/bench.sh growth          # only the tables that must grow linearly (no corpus)
#   scripts/bench.sh archive         # only --stories auto, stories and shards + merge
#   scripts/bench.sh bulk            # only the whole corpus (no tenths)
#   scripts/bench.sh story           # only one story of 200 to 3,200 articles (doubling)
#   PROFILE=dist scripts/bench.sh    # the shipped build without its profile-guided step
#   PROFILE=release scripts/bench.sh # the everyday build instead of the shipped one
#
# The binary timed is the shipped build: Cargo's `dist` profile (whole-program
# optimisation) with profile-guided optimisation, built by `scripts/pgo.sh` (two
# whole-program builds, about 15 minutes on 2 cores the first time; it needs rustup's
# `llvm-tools` component). PROFILE picks another: `dist`, `release` or any Cargo profile.
#
# The printer table times every output format on N tiny sources that share one numeric
# finding, at four doubling sizes: each format must grow at most linearly (x <= 2.3 per
# doubling of the CPU time; the "x" figures), since a finding's message or a per-row look-up that grows
# with N would make it quadratic.
#
# The corpus is read where it lies (../shared/corpus/bulk by default, beside the
# repository); tenth-size slices are written to a temporary folder and removed after.
# Needs GNU time at /usr/bin/time (peak RSS). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
STORY_KEY=${STORY_KEY:-incident_id}
CORPUS=${CORPUS:-../shared/corpus/bulk/gvc_longtail_violent_corpus.part*.jsonl}
PRINTER_SIZES=${PRINTER_SIZES:-2000 4000 8000 16000}
[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time" >&2; exit 2; }

PROFILE=${PROFILE:-pgo}
if [ "$PROFILE" = pgo ]; then
  scripts/pgo.sh >&2
else
  cargo build --profile "$PROFILE" --quiet
fi
# Cargo writes the `dev` profile's build under debug/, every other under its own name,
# in CARGO_TARGET_DIR when it is set; scripts/pgo.sh writes pgo/.
case $PROFILE in dev) out=debug ;; *) out=$PROFILE ;; esac
bin=${CARGO_TARGET_DIR:-target}/$out/factdiff
echo "build timed: $PROFILE ($bin)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Printers: N one-line sources, one of them disagreeing, so one numeric finding cites
# all N. Prints the best wall time per format and size, and the growth per doubling.
printers() {
  local formats=(json csv github markdown sarif html table)
  local head="| sources |" sep="| --- |"
  for f in "${formats[@]}"; do head="$head $f |"; sep="$sep --- |"; done
  echo "$head"; echo "$sep"
  declare -A prev
  for n in $PRINTER_SIZES; do
    local dir="$tmp/printers$n"; mkdir -p "$dir"
    awk -v n="$n" -v d="$dir" 'BEGIN{for(i=0;i<n;i++){f=sprintf("%s/s%06d.txt",d,i);
      printf "Officials said %d people were injured in the fire on Monday.\n", (i==0?12:15) > f; close(f)}}'
    local line="| $n |"
    for f in "${formats[@]}"; do
      read -r wall _ cpu < <(measure "$bin" --threads 1 check "$dir" --format "$f" -o "$tmp/out.$f" --fail-on never)
      if [ -n "${prev[$f]:-}" ]; then
        line="$line $wall s, cpu $cpu s ($(ratio "$cpu" "${prev[$f]}")) |"
      else
        line="$line $wall s, cpu $cpu s |"
      fi
      prev[$f]=$cpu
    done
    echo "$line"
    rm -rf "$dir"
  done
}

# best wall seconds (clock read by bash, to the microsecond), the peak RSS (KiB, from
# GNU time) of that run, and the least CPU seconds (user + sys) over $RUNS runs of "$@".
# The growth columns divide CPU seconds of single-threaded runs (`--threads 1`): on a
# shared machine the wall clock also counts other programs' time, and idle worker threads
# spin; one thread's CPU time counts only factdiff's work.
measure() {
  local best="" rss="" cpu="" t0 t1 wall kib c
  for _ in $(seq "$RUNS"); do
    t0=$EPOCHREALTIME
    /usr/bin/time -f "%M %U %S" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || [ $? -eq 1 ]
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b - a}')
    read -r kib c < <(tail -1 "$tmp/time" | awk '{printf "%s %.2f\n", $1, $2 + $3}')
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$kib; fi
    if [ -z "$cpu" ] || awk "BEGIN{exit !($c < $cpu)}"; then cpu=$c; fi
  done
  echo "$best $rss $cpu"
}

# "x1.98": a over b, for the growth per doubling (b is the previous size's figure).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "x%.2f", a / (b > 0 ? b : 0.01)}'; }

row() { # label, files...
  local label=$1; shift
  local bytes articles
  bytes=$(cat "$@" | wc -c)
  articles=$(cat "$@" | grep -c '"text"')
  local mb
  mb=$(awk "BEGIN{printf \"%.2f\", $bytes/1e6}")
  read -r fw _ < <(measure "$floor_tool" -c '"text"' "$@")
  for threads in 1 default; do
    local targs=()
    [ "$threads" = 1 ] && targs=(--threads 1)
    read -r wall kib _ < <(measure "$bin" "${targs[@]}" check "$@" --story-key "$STORY_KEY" \
      --format json -o "$tmp/out.json" --fail-on never)
    awk -v l="$label" -v t="$threads" -v w="$wall" -v k="$kib" -v b="$bytes" -v a="$articles" \
        -v mb="$mb" -v fw="$fw" -v ft="$floor_tool" 'BEGIN{
      w2 = (w > 0 ? w : 0.0001); f2 = (fw > 0 ? fw : 0.0001);
      printf "| %s | %s | %s | %d | %.3f | %.0f | %.1f | %.0f | %s %.3f s (%.0f MB/s) |\n",
        l, t, mb, a, w, k/1024, b/1e6/w2, a/w2, ft, fw, b/1e6/f2 }'
  done
}

# The bulk corpus, whole and in tenths, next to the scan-only floor.
corpus_table() {
  # shellcheck disable=SC2206
  files=($CORPUS)
  [ -f "${files[0]}" ] || { echo "bench: no corpus at $CORPUS" >&2; exit 2; }

  # Tenth-size slices: the corpus cut into ten pieces of whole lines (whole articles).
  cat "${files[@]}" > "$tmp/all.jsonl"
  mkdir "$tmp/slices"
  split -n l/10 -d --additional-suffix=.jsonl "$tmp/all.jsonl" "$tmp/slices/tenth"
  rm "$tmp/all.jsonl"

  # The floor: scan the bytes, counting the lines with a text field.
  if command -v rg >/dev/null; then floor_tool=rg; else floor_tool=grep; fi

  echo "| input | threads | MB | articles | wall s | peak RSS MiB | MB/s | articles/s | floor (scan only) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  row "whole corpus" "${files[@]}"
  [ "${TENTHS:-yes}" = yes ] || return 0
  for s in "$tmp"/slices/tenth0[0-9].jsonl; do
    row "tenth $(basename "$s" .jsonl | sed 's/tenth0*//;s/^$/0/')" "$s"
  done

}

# Issue 19, archive scale, on the whole corpus: stories found automatically
# (`--stories auto`, no story key given) against the keyed run, the grouping alone
# (`factdiff stories`), and the keyed run split in two shards run side by side
# (`--threads 1` each) then merged. The merged report must be the single run's, byte
# for byte (the line under the table).
archive_table() {
  # shellcheck disable=SC2206
  files=($CORPUS)
  [ -f "${files[0]}" ] || { echo "bench: no corpus at $CORPUS" >&2; exit 2; }
  echo "| archive scale (whole corpus) | wall s | peak RSS MiB | x keyed |"
  echo "| --- | --- | --- | --- |"
  local keyed kib
  read -r keyed kib _ < <(measure "$bin" check "${files[@]}" --story-key "$STORY_KEY" \
    --format json -o "$tmp/keyed.json" --fail-on never)
  printf "| keyed by %s | %.3f | %.0f | 1.00 |\n" "$STORY_KEY" "$keyed" "$((kib / 1024))"
  archive_row() { # label, command...
    local label=$1 wall kib; shift
    read -r wall kib _ < <(measure "$@")
    awk -v l="$label" -v w="$wall" -v k="$kib" -v b="$keyed" \
      'BEGIN{printf "| %s | %.3f | %.0f | %.2f |\n", l, w, k/1024, w/(b>0?b:0.0001)}'
  }
  archive_row "--stories auto (no key)" "$bin" check "${files[@]}" --stories auto \
    --format json -o "$tmp/auto.json" --fail-on never
  archive_row "factdiff stories (grouping alone)" "$bin" stories --format json \
    -o "$tmp/stories.json" "${files[@]}"
  # One command for measure: the two shards side by side, then the merge.
  archive_row "2 shards side by side + merge" bash -c '
    bin=$1; key=$2; out=$3; shift 3
    printf "%s\n" 1 2 | xargs -P 2 -I{} "$bin" check "$@" --story-key "$key" --format json \
      --fail-on never -q --threads 1 --shard {}/2 -o "$out/shard-{}.json"
    "$bin" merge "$out/shard-1.json" "$out/shard-2.json" -o "$out/merged.json"' \
    _ "$bin" "$STORY_KEY" "$tmp" "${files[@]}"
  if cmp -s "$tmp/merged.json" "$tmp/keyed.json"; then same=yes; else same=NO; fi
  echo
  echo "Merged shards byte-identical to the single run: $same"
}

# Issue 19: one story of N articles (the corpus's first N records, no story key, so
# all one story) at doubling sizes, one thread: every stage that pairs sources,
# mentions or claims blocks by a cheap key, so the CPU time may grow at most x2.3 per
# doubling (the "x" column).
story_table() {
  # shellcheck disable=SC2206
  files=($CORPUS)
  [ -f "${files[0]}" ] || { echo "bench: no corpus at $CORPUS" >&2; exit 2; }
  echo "| one story of N articles | MB | wall s | cpu s | x per doubling | peak RSS MiB | findings |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  local prev="" n wall kib cpu found
  for n in ${STORY_SIZES:-200 400 800 1600 3200}; do
    awk -v n="$n" 'NR <= n' "${files[@]}" > "$tmp/story$n.jsonl"
    read -r wall kib cpu < <(measure "$bin" --threads 1 check "$tmp/story$n.jsonl" --format json \
      -o "$tmp/out.json" --fail-on never)
    found=$(grep -c '"rule": ' "$tmp/out.json" || true)
    printf "| %d | %.2f | %.3f | %s | %s | %.0f | %s |\n" "$n" \
      "$(awk -v b="$(wc -c < "$tmp/story$n.jsonl")" 'BEGIN{print b/1e6}')" "$wall" "$cpu" \
      "$([ -n "$prev" ] && ratio "$cpu" "$prev" || echo -)" "$((kib / 1024))" "$found"
    prev=$cpu
    rm -f "$tmp/story$n.jsonl"
  done
}

# The tables that must grow at most linearly with their input (issue 18's items).
growth_tables() {
  # Ignore rules × findings (issue 18 #20): N stories of two articles that disagree on one
  # count (N findings) and N ignore rules that name the finding's rule but another entity
  # (so none drops anything, and each finding is looked up, not scanned against every
  # rule). N doubles, up to 16,000 (a file of 20,000 such rules is over the YAML node
  # budget); with the index the time grows linearly (× ≤ 2.3 per doubling).
  echo
  echo "| ignore rules × findings | wall s | peak RSS MiB | findings | cpu s | x per doubling |"
  echo "| --- | --- | --- | --- | --- | --- |"
  prev=""
  for n in ${IGNORE_SIZES:-2000 4000 8000 16000}; do
    d="$tmp/ignore$n"
    mkdir -p "$d/rules"
    awk -v n="$n" 'BEGIN{
      for (i = 0; i < n; i++) {
        printf "{\"id\":\"s%da\",\"story\":\"s%d\",\"text\":\"Police said %d people were hurt in the crash in Dunmore on Monday.\"}\n", i, i, 3 + i % 5
        printf "{\"id\":\"s%db\",\"story\":\"s%d\",\"text\":\"Police said %d people were hurt in the crash in Dunmore on Monday.\"}\n", i, i, 30 + i % 5
      }}' > "$d/in.jsonl"
    awk -v n="$n" 'BEGIN{
      for (i = 0; i < n; i++)
        printf "- id: keep-%d\n  kind: ignore\n  rules: [casualty-count]\n  entities: [Nobody %d]\n", i, i
      }' > "$d/rules/ignore.yaml"
    read -r wall kib cpu < <(measure "$bin" --threads 1 check "$d/in.jsonl" --rules "$d/rules" \
      --format json -o "$tmp/out.json" --fail-on never)
    found=$(grep -c '"rule": "casualty-count"' "$tmp/out.json" || true)
    printf "| %d × %d | %.3f | %.0f | %s | %s | %s |\n" "$n" "$n" "$wall" "$((kib / 1024))" \
      "$found" "$cpu" "$([ -n "$prev" ] && ratio "$cpu" "$prev" || echo -)"
    prev=$cpu
  done

  # Issue 18 #17: JSON Lines records that all share one id. Ids are made unique in one
  # pass (each id remembers its next suffix), so the time grows linearly: at most x2.3
  # per doubling.
  echo
  echo "| JSONL records sharing one id | wall s | cpu s | x per doubling |"
  echo "| --- | --- | --- | --- |"
  prev=""
  for n in ${JSONL_SIZES:-10000 20000 40000 80000}; do
    awk -v n="$n" 'BEGIN{for (i = 0; i < n; i++) print "{\"id\":\"same\",\"text\":\"A plain note.\"}"}' \
      > "$tmp/ids.jsonl"
    read -r wall _ cpu < <(measure "$bin" --threads 1 check "$tmp/ids.jsonl" --format json -o "$tmp/out.json" \
      --fail-on never)
    echo "| $n | $wall | $cpu | $([ -n "$prev" ] && ratio "$cpu" "$prev" || echo -) |"
    prev=$cpu
  done
  # Issue 18 #18: one story of N near-duplicate articles (a copy with its numbers
  # changed). Each disagreement is one finding citing every copy, so the findings stay
  # few and the time grows linearly: at most x2.3 per doubling.
  echo
  echo "| near-duplicate articles in one story | wall s | cpu s | x per doubling | peak RSS MiB | findings |"
  echo "| --- | --- | --- | --- | --- | --- |"
  prev=""
  for n in ${NEAR_SIZES:-250 500 1000 2000}; do
    d="$tmp/near$n"
    mkdir -p "$d"
    awk -v n="$n" -v d="$d" 'BEGIN{for (i = 0; i < n; i++) {f = sprintf("%s/c%05d.txt", d, i);
      printf "Firefighters said %d people were injured when a fire broke out at a warehouse in Dellmoor on Tuesday. Officials said %d families were moved to shelters.\n", 10 + i % 4, 30 + 10 * (i % 3) > f; close(f)}}'
    read -r wall kib cpu < <(measure "$bin" --threads 1 check "$d" --format json -o "$tmp/out.json" --fail-on never)
    found=$(grep -c '"kind": "numeric"' "$tmp/out.json" || true)
    echo "| $n | $wall | $cpu | $([ -n "$prev" ] && ratio "$cpu" "$prev" || echo -) | $((kib / 1024)) | $found |"
    prev=$cpu
    rm -rf "$d"
  done
  # Issue 18 #6: one name in every one of N tiny sources (two spellings) and one count
  # they disagree on, as the hostile test's hundred thousand files. Forms that read the
  # same join however many sources write them, each merge costs what the smaller side
  # holds, and each source's mentions are grouped once: at most x2.3 per doubling.
  echo
  echo "| tiny sources sharing a name | wall s | peak RSS MiB | cpu s | x per doubling |"
  echo "| --- | --- | --- | --- | --- |"
  prev=""
  for n in ${TINY_SIZES:-5000 10000 20000 40000}; do
    d="$tmp/tiny$n"
    mkdir -p "$d"
    awk -v n="$n" -v d="$d" 'BEGIN{for (i = 0; i < n; i++) {f = sprintf("%s/%06d.txt", d, i);
      printf "Officials said %d people were injured in Dunmore on Monday. Mayor Tam Velmo%s spoke.\n",
        i % 50 + 2, (i % 3 == 0 ? "" : "r") > f; close(f)}}'
    read -r wall kib cpu < <(measure "$bin" --threads 1 check "$d" --format json -o "$tmp/out.json" --fail-on never)
    echo "| $n | $wall | $((kib / 1024)) | $cpu | $([ -n "$prev" ] && ratio "$cpu" "$prev" || echo -) |"
    prev=$cpu
    rm -rf "$d"
  done
}

echo "factdiff $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs, best of $RUNS runs"
case ${1:-all} in
  printers) echo; printers ;;
  growth) growth_tables; echo; echo "Printers (one numeric finding citing every source):"; echo; printers ;;
  archive) echo; archive_table ;;
  bulk) echo; TENTHS=no corpus_table ;;
  story) echo; story_table ;;
  all) echo; corpus_table; echo; archive_table; echo; story_table; growth_tables
    echo; echo "Printers (one numeric finding citing every source):"; echo; printers ;;
  *) echo "bench: unknown mode '$1' (printers, growth, archive, bulk, story or nothing for all)" >&2; exit 2 ;;
esac
