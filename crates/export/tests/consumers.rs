//! Each export read back by a real consumer: the CSV by the `csv` crate,
//! Python's csv module and pandas; the GeoJSON by GDAL's `ogrinfo`; the JSON
//! Lines by serde_json. Tools that are absent are skipped with a note,
//! unless WARLOG_REQUIRE_CONSUMERS=1 (set in CI), where python3 and ogrinfo
//! must be there. pandas is always optional.

use std::path::Path;
use std::process::Command;

use warlog_export::acled::COLUMNS;
use warlog_export::{AcledOptions, acled_csv_with, geojson, jsonl};
use warlog_model::{
    Claim, Count, Event, EventClaim, EventDate, EventType, Place, PlacePrecision, SegmentKind, Source, Span, Stance,
};

const TRICKY: &str =
    "Selon Bakou, « l'armée arménienne a tiré » sur Gəncə, faisant 1 mort et 2 \"blessés\".\nLa ville est touchée.";

fn day(s: &str) -> warlog_model::Date {
    warlog_model::parse_iso_date(s).unwrap()
}

fn claim(source: &str, stance: Stance, evidence: &str, outlet: &str, killed: Option<u32>, id: i64) -> EventClaim {
    let source: Source = source.parse().unwrap();
    let mut claim = Claim::new(EventType::Shelling, source, stance, Span::new(0, evidence.len()), SegmentKind::Body);
    claim.killed = killed.map(Count::Exact);
    EventClaim {
        claim_id: id,
        doc_id: format!("{id:064x}"),
        page: format!("https://example.org/{id}?a=1,b=\"2\""),
        outlet: Some(outlet.to_string()),
        claim,
        evidence_text: evidence.to_string(),
    }
}

fn events() -> Vec<Event> {
    let ganja = Place {
        name: "Gəncə".into(),
        geonameid: Some(587084),
        lat: 40.6828,
        lon: 46.3606,
        country: Some("AZE".into()),
        precision: PlacePrecision::Exact,
    };
    let tartar = Place {
        name: "Tartar, \"district\"".into(),
        geonameid: None,
        lat: 40.3406,
        lon: 46.932,
        country: Some("AZE".into()),
        precision: PlacePrecision::Near,
    };
    let base = |id, event_type, date, place| Event {
        id,
        event_type,
        date,
        place,
        actor1: None,
        actor2: None,
        sources: 1,
        contested: false,
        claims: Vec::new(),
    };
    vec![
        Event {
            actor1: Some("ARM:military".parse().unwrap()),
            actor2: Some("AZE:civilians".parse().unwrap()),
            sources: 2,
            contested: true,
            claims: vec![
                claim("AZE:government", Stance::Asserted, TRICKY, "Le Monde, \"édition\"", Some(1), 11),
                claim("outlet", Stance::Asserted, "Un autre récit : 3 morts.", "AFP", Some(3), 12),
                claim("ARM:government", Stance::Denied, "Erevan dément.", "AFP", None, 13),
            ],
            ..base(1, EventType::Shelling, EventDate::Day(day("2020-10-04")), Some(ganja))
        },
        Event {
            actor1: Some("ART:military".parse().unwrap()),
            claims: vec![claim("outlet", Stance::Hedged, "Des combats auraient eu lieu.", "AFP", None, 21)],
            ..base(2, EventType::ArmedClash, EventDate::range(day("2020-10-15"), day("2020-10-16")), Some(tartar))
        },
        Event {
            claims: vec![claim("INT:international", Stance::Asserted, "Talks in Moscow.", "Reuters", None, 31)],
            ..base(3, EventType::Negotiation, EventDate::Day(day("2020-10-09")), None)
        },
        Event {
            claims: vec![claim("outlet", Stance::Asserted, "Drone strikes in October.", "Reuters", None, 41)],
            ..base(4, EventType::AirStrike, EventDate::Month { year: 2020, month: 10 }, None)
        },
    ]
}

/// A tool the test needs: present, or skipped with a note (failing under
/// WARLOG_REQUIRE_CONSUMERS=1).
fn have(tool: &str, args: &[&str]) -> bool {
    let ok = Command::new(tool).args(args).output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var("WARLOG_REQUIRE_CONSUMERS").is_ok_and(|v| v == "1") {
            panic!("{tool} is required (WARLOG_REQUIRE_CONSUMERS=1) but was not found on PATH");
        }
        eprintln!("note: {tool} not found; that consumer check is skipped");
    }
    ok
}

fn write_csv(dir: &Path, all: bool) -> (std::path::PathBuf, usize) {
    let path = dir.join(if all { "all.csv" } else { "events.csv" });
    let options = AcledOptions { all, timestamp: Some(1_700_000_000) };
    let rows = acled_csv_with(&events(), &options, std::fs::File::create(&path).unwrap()).unwrap();
    (path, rows)
}

#[test]
fn csv_reads_back_with_the_csv_crate() {
    let dir = tempfile::tempdir().unwrap();
    let (path, rows) = write_csv(dir.path(), false);
    assert_eq!(rows, 3, "the negotiation is not an ACLED event");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    let get = |r: &csv::StringRecord, col: &str| r[COLUMNS.iter().position(|c| *c == col).unwrap()].to_string();
    let r = &records[0];
    let expect = [
        ("data_id", "1"),
        ("iso", "31"),
        ("event_id_cnty", "AZE1"),
        ("event_date", "4-Oct-20"),
        ("year", "2020"),
        ("time_precision", "1"),
        ("event_type", "Explosions/Remote violence"),
        ("sub_event_type", "Shelling/artillery/missile attack"),
        ("actor1", "Military Forces of Armenia"),
        ("inter1", "8"),
        ("actor2", "Civilians (Azerbaijan)"),
        ("inter2", "7"),
        ("interaction", "78"),
        ("region", "Caucasus and Central Asia"),
        ("country", "Azerbaijan"),
        ("location", "Gəncə"),
        ("latitude", "40.6828"),
        ("longitude", "46.3606"),
        ("geo_precision", "1"),
        ("source", "Government of Azerbaijan; Le Monde, \"édition\"; AFP; Government of Armenia"),
        ("fatalities", "1"),
        ("timestamp", "1700000000"),
        ("iso3", "AZE"),
    ];
    for (col, value) in expect {
        assert_eq!(get(r, col), value, "column {col}");
    }
    let notes = get(r, "notes");
    assert!(notes.starts_with("Selon Bakou, « l'armée arménienne a tiré » sur Gəncə"), "{notes}");
    assert!(notes.contains("2 \"blessés\". La ville"), "newline collapsed: {notes}");
    assert!(notes.contains("(denied by Government of Armenia, via AFP)"), "{notes}");
    let clash = &records[1];
    assert_eq!((get(clash, "time_precision").as_str(), get(clash, "geo_precision").as_str()), ("2", "2"));
    assert_eq!(get(clash, "location"), "Tartar, \"district\"");
    assert_eq!((get(clash, "inter1").as_str(), get(clash, "inter2").as_str()), ("1", "0"));
    assert_eq!(get(clash, "interaction"), "10");
    assert!(get(clash, "notes").contains("(reportedly, AFP)"));
    let month = &records[2];
    assert_eq!((get(month, "event_date").as_str(), get(month, "time_precision").as_str()), ("16-Oct-20", "3"));
    assert_eq!((get(month, "latitude").as_str(), get(month, "event_id_cnty").as_str()), ("", "4"));

    let (all, rows) = write_csv(dir.path(), true);
    assert_eq!(rows, 4);
    let negotiation = csv::Reader::from_path(all).unwrap().records().nth(2).unwrap().unwrap();
    assert_eq!((get(&negotiation, "data_id").as_str(), get(&negotiation, "event_type").as_str()), ("3", ""));
}

#[test]
fn csv_reads_back_with_python_csv_and_pandas() {
    if !have("python3", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_csv(dir.path(), false);
    let script = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
out = {"rows": len(rows), "columns": list(rows[0].keys()), "location": rows[0]["location"],
       "notes": rows[0]["notes"], "source": rows[0]["source"], "place2": rows[1]["location"]}
try:
    import pandas
    df = pandas.read_csv(sys.argv[1], keep_default_na=False, dtype=str)
    out["pandas"] = {"rows": len(df), "location": df.loc[0, "location"], "notes": df.loc[0, "notes"],
                     "fatalities": df.loc[0, "fatalities"]}
except ImportError:
    out["pandas"] = None
print(json.dumps(out))
"#;
    let output = Command::new("python3").arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
    let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let first = reader.records().next().unwrap().unwrap();
    let notes = &first[COLUMNS.iter().position(|c| *c == "notes").unwrap()];
    assert_eq!(got["rows"], 3);
    assert_eq!(got["columns"], serde_json::json!(COLUMNS));
    assert_eq!(got["location"], "Gəncə");
    assert_eq!(got["place2"], "Tartar, \"district\"");
    assert_eq!(got["notes"], notes);
    assert_eq!(got["source"], "Government of Azerbaijan; Le Monde, \"édition\"; AFP; Government of Armenia");
    match &got["pandas"] {
        serde_json::Value::Null => eprintln!("note: pandas not importable; the pandas check is skipped"),
        pandas => {
            assert_eq!(pandas["rows"], 3);
            assert_eq!(pandas["location"], "Gəncə");
            assert_eq!(pandas["notes"], notes);
            assert_eq!(pandas["fatalities"], "1");
        }
    }
}

#[test]
fn geojson_reads_back_with_gdal_and_serde() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.geojson");
    assert_eq!(geojson(&events(), std::fs::File::create(&path).unwrap()).unwrap(), 4);

    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    let features = value["features"].as_array().unwrap();
    assert_eq!(features.len(), 4);
    assert_eq!(features[0]["geometry"]["coordinates"], serde_json::json!([46.3606, 40.6828]), "lon first");
    assert!(features[2]["geometry"].is_null());
    let props = &features[0]["properties"];
    assert_eq!(props["place"], "Gəncə");
    assert_eq!(props["fatalities"], 1);
    assert_eq!(props["acled_sub_event_type"], "Shelling/artillery/missile attack");
    assert_eq!(props["claims"][0]["evidence"], TRICKY);
    assert_eq!(props["claims"][2]["stance"], "denied");
    assert_eq!(
        (features[1]["properties"]["date"].as_str(), features[1]["properties"]["date_end"].as_str()),
        (Some("2020-10-15"), Some("2020-10-16"))
    );

    if !have("ogrinfo", &["--version"]) {
        return;
    }
    let summary = Command::new("ogrinfo").args(["-ro", "-al", "-so"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&summary.stdout);
    assert!(summary.status.success(), "ogrinfo failed: {}", String::from_utf8_lossy(&summary.stderr));
    assert!(text.contains("Feature Count: 4"), "{text}");
    let full = Command::new("ogrinfo").args(["-ro", "-al"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&full.stdout);
    assert!(text.contains("Gəncə"), "{text}");
    assert!(text.contains("POINT (46.3606 40.6828)"), "{text}");
}

#[test]
fn jsonl_reads_back_one_event_per_line() {
    let mut out = Vec::new();
    assert_eq!(jsonl(&events(), &mut out).unwrap(), 4);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines.iter().map(|l| l["id"].as_i64().unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(lines[0]["claims"][0]["evidence"], TRICKY);
    assert_eq!(lines[0]["claims"].as_array().unwrap().len(), 3);
    assert_eq!(lines[0]["place"], "Gəncə");
    assert_eq!(lines[0]["contested"], true);
}
