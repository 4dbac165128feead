#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/, each for SECONDS (default 600), at most JOBS
# (default 2) at a time, seeding each corpus from the repository's own sample texts.
# Stable toolchains need RUSTC_BOOTSTRAP=1 for the sanitizer flags cargo-fuzz passes.
#
#   scripts/fuzz.sh                      # every target, 10 minutes each
#   SECONDS_PER_TARGET=60 scripts/fuzz.sh numbers rules
#
# Logs go to fuzz/logs/<target>.log; a crash leaves its input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
secs=${SECONDS_PER_TARGET:-600}
jobs=${JOBS:-2}
all=(load_text load_markdown load_html load_jsonl front_matter segment numbers rules baseline jsonl_story_keys)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

seed() {
  local t=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $t in
    load_text|segment|numbers) cp ../seeds/*.txt ../tests/fixtures/workflow/*.txt "$dir"/ 2>/dev/null || true ;;
    load_markdown|front_matter) cp ../tests/fixtures/workflow/*.md "$dir"/ 2>/dev/null || true
      printf -- 'title: A\noutlet: B\nfactdiff:\n  ignore: [all]\n' > "$dir/fm1" ;;
    load_html) printf '<html><head><script>x<y</script></head><body><nav>Menu</nav><article><p>Kyiv&rsquo;s mayor said <b>about 1,000</b> left.</p></article></body></html>' > "$dir/h1" ;;
    load_jsonl) printf '{"text":"Police said 3 people were hurt.","id":"a","story":7}\n{"text":"Four were hurt, police said.","title":"T","story":"7"}\n' > "$dir/j1" ;;
    rules) cp ../rules/*.yaml "$dir"/ 2>/dev/null || true ;;
    baseline) printf '# factdiff baseline v1\n# comment\ncasualty-count-00a1b2c3d4  # warning numeric: people\n' > "$dir/b1"
      printf 'root:x:0:0:root:/root:/bin/sh\n' > "$dir/b2" ;;
    jsonl_story_keys) printf 'story\n7\n"7"\n7.0\n18446744073709551616\n1e400\n[1]\n{"a":1}\nnull\ntrue\n' > "$dir/k1"
      printf 'incident_id\n-0\n"x"\n' > "$dir/k2" ;;
  esac
}

mkdir -p logs
cargo fuzz build >/dev/null
running=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "fuzzing $t for ${secs}s (log: fuzz/logs/$t.log)"
  cargo fuzz run "$t" -- -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 >"logs/$t.log" 2>&1 &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true
status=0
for t in "${targets[@]}"; do
  if grep -q "Done [0-9]* runs" "logs/$t.log"; then
    echo "$t: $(grep "Done [0-9]* runs" "logs/$t.log" | tail -1)"
  else
    echo "$t: FAILED, see fuzz/logs/$t.log"; status=1
  fi
done
exit $status
