#!/usr/bin/env python3
"""Runs `warlog bench` on the two standard corpora and compares the medians
with bench/baseline.json, so that a slowdown shows as a flagged line.

    bench/check.py                      # 3 runs of each corpus, compare
    bench/check.py --runs 5 --save      # and record them as the new baseline
    WARLOG=target/release/warlog bench/check.py

Corpora: the default synthetic one (the bundled examples replicated to
10,000 varied pages) and the 181 article-extraction pages plus the seeds
from ../shared. Wall-clock figures on a shared machine are noisy: medians of
several runs are compared, and a figure is flagged only when it is worse than
the baseline by more than --tolerance (default 20 %). For a figure that does
not depend on load, use bench/profile.sh (instruction counts). Standard
library only; run by hand, not in CI.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# (name, higher is better)
HEADLINE = [("docs_per_s", True), ("mb_per_s", True), ("peak_rss_mb", False), ("startup_ms", False)]


def corpora(shared):
    return {
        "synthetic": [],
        "real": [str(shared / "benchmarks" / "article-extraction" / "html"), str(shared / "seeds")],
    }


def bench(warlog, paths):
    out = subprocess.run([warlog, "bench", "--json", *paths], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"check.py: warlog bench {' '.join(paths)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def summary(runs):
    """Medians of the figures that matter, over several runs."""
    med = lambda f: statistics.median(f(r) for r in runs)
    s = {k: med(lambda r, k=k: r[k]) for k, _ in HEADLINE}
    s["time_ratio_per_doc"] = med(lambda r: r["scaling"]["time_ratio_per_doc"])
    s["text_kb_per_doc"] = med(lambda r: r.get("text_kb_per_doc", 0.0))
    s["docs"] = runs[0]["docs"]
    s["threads"] = runs[0]["threads"]
    s["stages_ms_per_doc"] = {
        name: med(lambda r, name=name: r["stages"][name]["ms_per_doc"]) for name in runs[0]["stages"]
    }
    return s


def change(now, base, higher_better):
    """Relative change, positive when worse."""
    if not base:
        return 0.0
    return (base - now) / base if higher_better else (now - base) / base


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tolerance", type=float, default=0.20)
    ap.add_argument("--save", action="store_true", help="write the medians to bench/baseline.json")
    ap.add_argument("--baseline", default=str(HERE / "baseline.json"))
    args = ap.parse_args()

    warlog = os.environ.get("WARLOG") or str(
        Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "warlog"
    )
    if not Path(warlog).exists():
        sys.exit(f"check.py: no warlog binary at {warlog} (cargo build --release -p warlog-cli, or set WARLOG)")
    shared = Path(os.environ.get("WARLOG_SHARED", REPO.parent / "shared"))

    # Corpora interleaved, so that a burst of load elsewhere spoils one run
    # of each rather than every run of one.
    runs = {name: [] for name in corpora(shared)}
    for _ in range(args.runs):
        for name, paths in corpora(shared).items():
            runs[name].append(bench(warlog, paths))
    now = {"cores": os.cpu_count(), "corpora": {name: summary(r) for name, r in runs.items()}}

    base_path = Path(args.baseline)
    base = json.loads(base_path.read_text()) if base_path.exists() else None
    flagged = 0
    for name, s in now["corpora"].items():
        b = (base or {}).get("corpora", {}).get(name, {})
        print(f"== {name}: {s['docs']} pages, {s['text_kb_per_doc']:.1f} KB text/page, "
              f"{s['threads']} threads, median of {args.runs}")
        print(f"  {'figure':<22} {'baseline':>10} {'now':>10} {'change':>8}")
        rows = [(k, s[k], b.get(k), hb) for k, hb in HEADLINE]
        rows.append(("time_ratio_per_doc", s["time_ratio_per_doc"], b.get("time_ratio_per_doc"), False))
        for stage, v in s["stages_ms_per_doc"].items():
            rows.append((f"{stage} ms/page", v, b.get("stages_ms_per_doc", {}).get(stage), False))
        for label, v, old, hb in rows:
            if old is None:
                print(f"  {label:<22} {'-':>10} {v:10.3f}")
                continue
            c = change(v, old, hb)
            # Tiny stages (under 0.05 ms/page) are all noise.
            worse = c > args.tolerance and not (label.endswith("ms/page") and max(v, old) < 0.05)
            flagged += worse
            mark = "  REGRESSION" if worse else ""
            print(f"  {label:<22} {old:10.3f} {v:10.3f} {100 * c:+7.1f}%{mark}")
        print()
    if base and base.get("cores") != now["cores"]:
        print(f"note: baseline was taken on {base.get('cores')} cores, this machine has {now['cores']}")
    if args.save:
        base_path.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n")
        print(f"saved {base_path}")
    elif base is None:
        print(f"no baseline at {base_path}: run with --save to record one")
    print(f"{flagged} figure(s) worse than the baseline by more than {100 * args.tolerance:.0f} %")
    sys.exit(1 if flagged else 0)


if __name__ == "__main__":
    main()
