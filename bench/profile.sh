#!/usr/bin/env bash
# Instructions per page, stage by stage, counted by valgrind's callgrind:
# unlike wall-clock time, the count does not move with the load of a shared
# machine, so two builds compare to within a fraction of a percent. Run by
# hand (needs valgrind: apt-get install valgrind); takes a minute or two.
#
#   bench/profile.sh                   # 60 article-extraction pages + seeds
#   bench/profile.sh path/to/pages...  # any corpus warlog bench reads
#   WARLOG=other/warlog bench/profile.sh   # another build, to compare
#
# Prints, for each hot function, its inclusive instructions per page (the
# bench runs the corpus 1.1 times: a tenth, then the whole).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${WARLOG_SHARED:-$repo/../shared}
warlog=${WARLOG:-${CARGO_TARGET_DIR:-$repo/target}/release/warlog}
command -v valgrind >/dev/null || { echo "profile.sh: valgrind not found" >&2; exit 2; }
[[ -x "$warlog" ]] || { echo "profile.sh: no warlog binary at $warlog" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# KEEP=dir keeps the callgrind output (cg.out) and its annotation there.
keep=${KEEP:-}
if [[ $# -eq 0 ]]; then
    mkdir "$tmp/pages"
    find "$shared/benchmarks/article-extraction/html" -name '*.html.gz' | sort | head -60 | xargs -I{} cp {} "$tmp/pages/"
    cp "$shared"/seeds/*.txt "$tmp/pages/"
    set -- "$tmp/pages"
fi

valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$warlog" bench --json "$@" >"$tmp/bench.json" 2>"$tmp/vg.log"
docs=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["docs"] + d["scaling"]["small_docs"])' "$tmp/bench.json")

# Stage functions (inclusive cost), as named in the binary's symbols.
functions=(
    "warlog_pipeline::Pipeline::process"
    "warlog_text::html::extract"
    "warlog_text::lang::detect"
    "warlog_text::segment::segment"
    "warlog_recognise::places::Places::find"
    "warlog_pipeline::dates::resolve_all"
    "warlog_pipeline::adapt::figures"
    "warlog_recognise::actors::ActorLexicon::find"
    "warlog_extract::Extractor::extract"
    "warlog_recognise::phrase::words"
    "warlog_store::sqlite::write::write_pages"
    "warlog::resolving::resolve_pending"
)
callgrind_annotate --inclusive=yes "$tmp/cg.out" >"$tmp/annotated.txt" 2>/dev/null
total=$(grep -m1 'PROGRAM TOTALS' "$tmp/annotated.txt" | awk '{gsub(",", "", $1); print $1}')
printf '%s pages processed; %s instructions in all (%s per page)\n' "$docs" "$total" "$((total / docs))"
printf '%-48s %14s\n' "function (inclusive)" "instr/page"
for f in "${functions[@]}"; do
    n=$( (grep -F "???:$f " "$tmp/annotated.txt" || true) | head -1 | awk '{gsub(",", "", $1); print $1}')
    printf '%-48s %14s\n' "$f" "$(( ${n:-0} / docs ))"
done
if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    cp "$tmp/cg.out" "$tmp/annotated.txt" "$tmp/bench.json" "$keep/"
fi
