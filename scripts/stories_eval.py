#!/usr/bin/env python3
"""How well `--stories auto` finds stories, and what it costs.

Runs `factdiff stories --stories auto` on a JSON Lines corpus whose records carry a
gold story id (the bulk corpus's `incident_id` by default), and prints pairwise
precision, recall and F1 (over pairs of sources put in one story) and B-cubed
precision, recall and F1 against that id. Then it times `check --stories auto` against
`check --story-key ID` on the same files (best wall time of RUNS runs each).

    scripts/stories_eval.py                       # the bulk corpus, target/release/factdiff
    scripts/stories_eval.py --bin PATH --runs 3 --corpus '../shared/corpus/bulk/gvc*.jsonl'

The records are copied to a temporary folder first, with their `--date-key` field (the
bulk corpus's `dct`, its publication date) written as `date`, the field factdiff reads
a record's publication date from, so both runs read the same files and the grouping can
use the dates, as it would on any feed that carries them. The gold id is never given
to the automatic run: its story key (`story`) is absent from these records.

The last line is the figure.
"""

import argparse
import glob
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(root, "target/release/factdiff"))
    ap.add_argument(
        "--corpus",
        default=os.path.join(root, "../shared/corpus/bulk/gvc_longtail_violent_corpus.part*.jsonl"),
    )
    ap.add_argument("--id-key", default="incident_id", help="the gold story id field")
    ap.add_argument("--date-key", default="dct", help="the publication date field ('' for none)")
    ap.add_argument("--runs", type=int, default=1, help="timed runs of each check (best kept)")
    ap.add_argument("--no-timing", action="store_true")
    return ap.parse_args()


def copy_corpus(files, tmp, date_key):
    """Copies the records, date field as `date`; returns {path:line -> record}."""
    gold = {}
    out_files = []
    for f in files:
        dst = os.path.join(tmp, os.path.basename(f))
        with open(f, encoding="utf-8") as src, open(dst, "w", encoding="utf-8") as out:
            for n, line in enumerate(src, 1):
                rec = json.loads(line)
                if date_key and rec.get(date_key) and not rec.get("date"):
                    rec["date"] = rec[date_key]
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                gold[f"{dst}:{n}"] = rec
        out_files.append(dst)
    return out_files, gold


def pairs_of(groups):
    out = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(g), 2):
            out.add((a, b))
    return out


def prf(p, r):
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairwise(pred_groups, gold_groups):
    pred, gold = pairs_of(pred_groups), pairs_of(gold_groups)
    tp = len(pred & gold)
    return prf(tp / len(pred) if pred else 1.0, tp / len(gold) if gold else 1.0), len(pred), len(gold)


def halves(pred_groups, gold_of):
    """Pairwise P, R and F1 over the incidents with an even and an odd numeric id: the
    gold pairs of that half, and the found pairs with a source in it. A check that a
    change is no fit to one half."""
    out = []
    pred = pairs_of(pred_groups)
    for h in (0, 1):
        def mine(s):
            g = gold_of[s]
            return g.isdigit() and int(g) % 2 == h
        by_gold = defaultdict(list)
        for s, g in gold_of.items():
            if mine(s):
                by_gold[g].append(s)
        gold_h = pairs_of(by_gold.values())
        pred_h = {(a, b) for a, b in pred if mine(a) or mine(b)}
        tp = len(pred_h & gold_h)
        out.append(prf(tp / len(pred_h) if pred_h else 1.0, tp / len(gold_h) if gold_h else 1.0))
    return out


def bcubed(pred_of, gold_of):
    pred_members, gold_members = defaultdict(set), defaultdict(set)
    for s, c in pred_of.items():
        pred_members[c].add(s)
    for s, c in gold_of.items():
        gold_members[c].add(s)
    p = r = 0.0
    for s in pred_of:
        mine, truth = pred_members[pred_of[s]], gold_members[gold_of[s]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    n = len(pred_of)
    return prf(p / n, r / n)


def best_time(cmd, runs):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if res.returncode not in (0, 1):
            sys.exit(f"stories_eval: {' '.join(cmd)} failed: {res.stderr.decode()[:500]}")
        best = dt if best is None else min(best, dt)
    return best


def main():
    a = parse_args()
    files = sorted(glob.glob(a.corpus))
    if not files:
        sys.exit(f"stories_eval: no corpus at {a.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        copies, gold_rec = copy_corpus(files, tmp, a.date_key)
        t0 = time.perf_counter()
        res = subprocess.run(
            [a.bin, "stories", "--stories", "auto", "--format", "json", "-q", *copies],
            capture_output=True,
        )
        grouping_time = time.perf_counter() - t0
        if res.returncode != 0:
            sys.exit(f"stories_eval: factdiff stories failed: {res.stderr.decode()[:500]}")
        listing = json.loads(res.stdout)
        pred_of, gold_of = {}, {}
        for story in listing["stories"]:
            for s in story["sources"]:
                rec = gold_rec.get(s["path"])
                if rec is None or rec.get(a.id_key) in (None, ""):
                    continue
                pred_of[s["path"]] = story["name"]
                gold_of[s["path"]] = str(rec[a.id_key])
        pred_groups = defaultdict(list)
        gold_groups = defaultdict(list)
        for s, c in pred_of.items():
            pred_groups[c].append(s)
        for s, c in gold_of.items():
            gold_groups[c].append(s)
        (pp, pr, pf), npred, ngold = pairwise(pred_groups.values(), gold_groups.values())
        bp, br, bf = bcubed(pred_of, gold_of)
        sizes = Counter(len(g) for g in pred_groups.values())
        print(f"sources {len(pred_of)}; gold stories {len(gold_groups)}; found stories {len(pred_groups)} "
              f"(largest {max(sizes) if sizes else 0}); grouping alone {grouping_time:.2f} s")
        print(f"pairwise: {npred} pairs found, {ngold} gold pairs")
        print(f"B-cubed: P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
        (ep, er, ef), (op, orr, of) = halves(pred_groups.values(), gold_of)
        print(f"halves by {a.id_key}: even pairwise P {ep:.3f} R {er:.3f} F1 {ef:.3f}; "
              f"odd P {op:.3f} R {orr:.3f} F1 {of:.3f}")
        ratio_text = ""
        if not a.no_timing:
            out = os.path.join(tmp, "out.json")
            common = ["check", "--format", "json", "--fail-on", "never", "-q", "-o", out]
            keyed = best_time([a.bin, *common, "--story-key", a.id_key, *copies], a.runs)
            auto = best_time([a.bin, *common, "--stories", "auto", *copies], a.runs)
            print(f"check keyed by {a.id_key}: {keyed:.2f} s; check --stories auto: {auto:.2f} s")
            ratio_text = f"; time {auto:.2f} s vs keyed {keyed:.2f} s (x{auto / keyed:.2f})"
        print(f"stories auto: pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}; B-cubed F1 {bf:.3f}{ratio_text}")


if __name__ == "__main__":
    main()
