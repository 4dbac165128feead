#!/usr/bin/env bash
# Fails when a module of the library uses a stage that runs after it. The order is
# written once, in src/lib.rs's doc; the check is the test tests/stage_order.rs, which
# `cargo test` runs with the rest of the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --quiet --test stage_order
