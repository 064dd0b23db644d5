//! Test support shared by warlog's crates.
//!
//! * [`shared_dir`] finds the `shared/` folder (seeds, gold, benchmarks,
//!   GeoNames) that lives beside the repository: those files are other
//!   people's text, so tests read them in place and the repo never copies them.
//! * [`assert_golden`] compares a value with a checked-in golden file under
//!   `testdata/`; run with `UPDATE_EXPECT=1` to re-bless, then review the diff.

use std::path::{Path, PathBuf};

/// The workspace root (where `Cargo.toml` with `[workspace]` is).
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().nth(2).expect("crates/testkit is two levels down").to_path_buf()
}

/// The `shared/` folder: `$WARLOG_SHARED`, else `../shared` beside the
/// workspace (or one level further up). `None` when absent.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("WARLOG_SHARED") {
        let dir = PathBuf::from(dir);
        return dir.is_dir().then_some(dir);
    }
    let root = workspace_root();
    root.ancestors().skip(1).take(2).map(|a| a.join("shared")).find(|p| p.join("seeds").is_dir())
}

/// A path under `shared/`, or `None` (with a note on stderr) when the shared
/// folder is missing. With `WARLOG_REQUIRE_SHARED=1` (set by `.ci/run` when
/// the folder exists) a missing file is a test failure, not a skip.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = shared_dir().map(|d| d.join(rel)).filter(|p| p.exists());
    if path.is_none() {
        if std::env::var_os("WARLOG_REQUIRE_SHARED").is_some() {
            panic!("shared/{rel} is required (WARLOG_REQUIRE_SHARED is set) but was not found");
        }
        eprintln!("note: shared/{rel} not found; test skipped (set WARLOG_SHARED to its folder)");
    }
    path
}

/// The four seed pages, sorted by name, as (file name, path).
pub fn seeds() -> Vec<(String, PathBuf)> {
    let Some(dir) = shared("seeds") else { return Vec::new() };
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .expect("seeds folder readable")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}

/// Compares `actual` (pretty JSON) with the golden file `testdata/<rel>` at the
/// workspace root. With `UPDATE_EXPECT=1` the file is (re)written instead.
pub fn assert_golden(rel: &str, actual: &serde_json::Value) {
    let path = workspace_root().join("testdata").join(rel);
    let text = serde_json::to_string_pretty(actual).expect("json") + "\n";
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        write(&path, &text);
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("golden file {} missing: run with UPDATE_EXPECT=1 to create it, then review it", path.display())
    });
    if expected != text {
        let first_diff = expected.lines().zip(text.lines()).position(|(a, b)| a != b);
        panic!(
            "golden file {} differs (first differing line: {:?}).\nRun with UPDATE_EXPECT=1 to re-bless, then review the diff.\n--- actual ---\n{}",
            path.display(),
            first_diff.map(|i| i + 1),
            text
        );
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create testdata folder");
    }
    std::fs::write(path, text).expect("write golden file");
}
