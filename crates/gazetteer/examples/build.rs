//! Builds `gazetteer.bin` from a GeoNames folder and warlog's curated tables:
//!
//! ```text
//! cargo run --release -p warlog-gazetteer --example build -- /work/shared/data/geonames data/gazetteer
//! ```
//!
//! The first argument holds `cities500.txt`, `admin1CodesASCII.txt` and
//! `admin2Codes.txt`; the second holds `countries.tsv` and `supplement.tsv`
//! and receives `gazetteer.bin`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [geonames, curated] = args.as_slice() else {
        eprintln!("usage: build GEONAMES_DIR CURATED_DIR (e.g. ../shared/data/geonames data/gazetteer)");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match warlog_gazetteer::build::build_to(geonames, curated, curated) {
        Ok((path, stats)) => {
            println!("wrote {} in {:.1} s: {stats:?}", path.display(), started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
