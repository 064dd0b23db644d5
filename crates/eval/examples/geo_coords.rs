//! Temporary: how far the gazetteer's point of each gold place is from the gold's coordinates.
use std::collections::HashMap;
use std::path::PathBuf;
use warlog_eval::geoparsing;
use warlog_model::haversine_km;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gaz = warlog_gazetteer::Gazetteer::embedded().unwrap();
    let ids: HashMap<u32, u32> =
        (0..gaz.len() as u32).filter_map(|i| gaz.place(i).and_then(|p| p.geonameid.map(|g| (g, i)))).collect();
    for f in &args {
        let articles = geoparsing::read_corpus(&PathBuf::from(f)).unwrap();
        let mut by_kind: HashMap<String, (usize, usize)> = HashMap::new();
        let mut far: HashMap<u32, (String, String, f64, usize)> = HashMap::new();
        for a in &articles {
            for t in a.toponyms.iter().filter(|t| t.is_toponym()) {
                let (Some(g), Some((lat, lon))) = (t.geonameid, t.coords) else { continue };
                let Some(p) = ids.get(&g).and_then(|&i| gaz.place(i)) else { continue };
                let d = haversine_km(p.lat, p.lon, lat, lon);
                let e = by_kind.entry(p.fcode.to_string()).or_default();
                e.0 += 1;
                if d > 161.0 {
                    e.1 += 1;
                    let x = far.entry(g).or_insert((p.name.to_string(), p.fcode.to_string(), d, 0));
                    x.3 += 1;
                }
            }
        }
        println!("{f}: by fcode (n, >161 km): {by_kind:?}");
        let mut v: Vec<_> = far.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1.3));
        for (g, (n, fc, d, c)) in v.iter().take(40) {
            println!("  {c:3} {g} {n} {fc} {d:.0} km");
        }
    }
}
