//! Temporary: one benchmark article, resolved with debugging output.
use std::path::PathBuf;
use warlog_eval::geoparsing;
use warlog_recognise::places::Places;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let articles = geoparsing::read_corpus(&PathBuf::from(&args[0])).unwrap();
    let places = match std::env::var_os("WARLOG_GAZETTEER") {
        Some(p) => {
            let bytes: &'static [u8] = Box::leak(std::fs::read(p).unwrap().into_boxed_slice());
            Places::with_gazetteer(Box::leak(Box::new(warlog_gazetteer::Gazetteer::from_bytes(bytes).unwrap())))
        }
        None => Places::new().unwrap(),
    };
    for a in articles.iter().filter(|a| args[1..].contains(&a.id)) {
        let gold: Vec<_> =
            a.toponyms.iter().filter(|t| t.is_toponym() && (t.geonameid.is_some() || t.coords.is_some())).collect();
        let spans: Vec<_> = gold.iter().map(|t| t.span).collect();
        let got = places.resolve_spans(&a.text, &spans, "en");
        for (t, m) in gold.iter().zip(&got) {
            let ok = m.as_ref().is_some_and(|m| m.place.geonameid == t.geonameid);
            println!(
                "{} {:?} gold {:?} got {:?}",
                if ok { "ok  " } else { "MISS" },
                t.name,
                t.geonameid,
                m.as_ref().map(|m| (&m.place.name, m.place.geonameid, m.kind))
            );
        }
    }
}
