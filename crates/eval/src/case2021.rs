//! warlog on CASE 2021 shared task 2 (`shared/benchmarks/case2021`: 1,019
//! English news snippets, each labelled with one of 30 fine-grained event
//! classes, 25 of them ACLED sub-event types; Haneczok et al. 2021).
//!
//! Each snippet is run through the pipeline as one English page; its label
//! is read from the claim a benchmark compares ([`crate::acled::primary_claim`]:
//! the first non-denied claim, in text order, of a type ACLED codes; else
//! the first non-denied claim of any other type that has a label here), by
//! [`case_label`]; a snippet without one is `OTHER`. The figures are
//! accuracy, weighted F1 (per-class F1 weighted by the gold count, the task's
//! official metric) and macro F1, over all classes and over the classes
//! warlog can express ([`EXPRESSIBLE`]), with per-class precision, recall
//! and F1. The best system of the task (fine-tuned RoBERTa) reached 0.771
//! weighted F1 on all 30 classes ([`PUBLISHED_BEST_WEIGHTED_F1`]).
//!
//! ```no_run
//! use warlog_eval::case2021;
//! let snippets = case2021::read_snippets("shared/benchmarks/case2021".as_ref()).unwrap();
//! # let labels: Vec<&'static str> = vec![];
//! let scores = case2021::Scores::of(snippets.iter().map(|s| s.label.as_str()).zip(labels.iter().copied()), None);
//! println!("weighted F1 {:.3}", scores.weighted_f1);
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use warlog_model::{Claim, EventType, Page, Stance};

use crate::acled::primary_claim;

/// The best weighted F1 published for the task (all 30 classes).
pub const PUBLISHED_BEST_WEIGHTED_F1: f64 = 0.771;

/// The file of the labelled test set, inside the benchmark folder.
pub const TEST_FILE: &str = "test_set_final_release_with_labels.tsv";

/// The labels [`case_label`] can give, besides `OTHER`.
pub const EXPRESSIBLE: [&str; 19] = [
    "ABDUCT_DISSAP",
    "AGREEMENT",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARREST",
    "ART_MISS_ATTACK",
    "ATTACK",
    "ATTRIB",
    "CHANGE_TO_GROUP_ACT",
    "CHEM_WEAP",
    "DIPLO",
    "GOV_REGAINS_TERIT",
    "GRENADE",
    "HQ_ESTABLISHED",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "PEACE_PROTEST",
    "REM_EXPLOS",
    "SUIC_BOMB",
    "VIOL_DEMONSTR",
];

/// Errors reading the test set.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("reading {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: expected a header `id<TAB>EventSnippet<TAB>SubType`")]
    Format { path: String },
}

/// One labelled snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub id: String,
    pub text: String,
    pub label: String,
}

/// Reads `test_set_final_release_with_labels.tsv` from the benchmark folder
/// (tab-separated, no quoting; lines with fewer than three fields are
/// skipped).
pub fn read_snippets(dir: &Path) -> Result<Vec<Snippet>, CaseError> {
    let path = dir.join(TEST_FILE);
    let p = || path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| CaseError::Io { path: p(), source })?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').map(str::trim).collect();
    if header.len() < 3 || !header[2].eq_ignore_ascii_case("SubType") {
        return Err(CaseError::Format { path: p() });
    }
    Ok(lines
        .filter_map(|line| {
            let mut f = line.split('\t');
            let (id, snippet, label) = (f.next()?, f.next()?, f.next()?);
            Some(Snippet {
                id: id.trim().to_string(),
                text: snippet.trim().to_string(),
                label: label.trim().to_string(),
            })
        })
        .filter(|s| !s.text.is_empty() && !s.label.is_empty())
        .collect())
}

/// The CASE class of a claim, read from its type, its ACLED sub-event type
/// and what it carries (weapons, trigger words, who captured), following
/// ACLED's codebook: an explosive claim whose trigger says "suicide" (or
/// "blew himself up") is a suicide bomb; a violent claim whose weapons are
/// all grenades (any grenade for shelling and explosives) a grenade; a
/// capture by a state actor or said with "arrest"/"detain" an arrest, else
/// an abduction; a deployment that sets up a post or base a headquarters;
/// talks and appeals are diplomacy, accusations attribution. `None` for a
/// tally.
pub fn case_label(claim: &Claim, text: &str) -> Option<&'static str> {
    let trigger = text.get(claim.trigger.start..claim.trigger.end).unwrap_or("").to_lowercase();
    let weapon = |w: &str| claim.weapons.iter().any(|x| x.to_lowercase().contains(w));
    let only_grenades = !claim.weapons.is_empty() && claim.weapons.iter().all(|x| x.to_lowercase().contains("grenade"));
    if claim.event_type.is_violent() && (weapon("chemical") || weapon("white phosphorus")) {
        return Some("CHEM_WEAP");
    }
    let suicide = ["suicide", "himself", "herself", "themselves", "kamikaze"].iter().any(|w| trigger.contains(w));
    Some(match claim.event_type {
        EventType::AirStrike => "AIR_STRIKE",
        EventType::ArmedClash | EventType::AttackOnCivilians if only_grenades => "GRENADE",
        EventType::ArmedClash => "ARMED_CLASH",
        EventType::Shelling if weapon("grenade") => "GRENADE",
        EventType::Shelling => "ART_MISS_ATTACK",
        EventType::Explosive if suicide => "SUIC_BOMB",
        EventType::Explosive if weapon("grenade") => "GRENADE",
        EventType::Explosive => "REM_EXPLOS",
        EventType::AttackOnCivilians => "ATTACK",
        EventType::TerritoryTaken => match claim.acled().map(|a| a.sub_event_type) {
            Some("Non-state actor overtakes territory") => "NON_STATE_ACTOR_OVERTAKES_TER",
            _ => "GOV_REGAINS_TERIT",
        },
        EventType::Protest => "PEACE_PROTEST",
        EventType::Riot => "VIOL_DEMONSTR",
        EventType::CaptureOfPersons => {
            let state = claim.actor1.as_ref().is_some_and(|a| a.role.is_state());
            if state || trigger.contains("arrest") || trigger.contains("detain") { "ARREST" } else { "ABDUCT_DISSAP" }
        }
        EventType::Deployment if trigger.contains("post") || trigger.contains("base") => "HQ_ESTABLISHED",
        EventType::Deployment => "CHANGE_TO_GROUP_ACT",
        EventType::Ceasefire => "AGREEMENT",
        EventType::Negotiation | EventType::Appeal => "DIPLO",
        EventType::Accusation => "ATTRIB",
        EventType::Recruitment | EventType::WeaponsSupply | EventType::Alert | EventType::LeadershipChange => "OTHER",
        EventType::CasualtyTally => return None,
    })
}

/// The label warlog gives a snippet's page (see the module documentation).
pub fn page_label(page: &Page) -> &'static str {
    let text = page.doc.text.as_str();
    if let Some(label) = primary_claim(&page.claims).and_then(|c| case_label(c, text)) {
        return label;
    }
    let mut rest: Vec<&Claim> = page.claims.iter().filter(|c| c.stance != Stance::Denied).collect();
    rest.sort_by_key(|c| (c.trigger.start, c.evidence.start));
    rest.into_iter().find_map(|c| case_label(c, text)).unwrap_or("OTHER")
}

/// Precision, recall and F1 of one class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassScore {
    pub label: String,
    /// Gold snippets of the class.
    pub support: usize,
    /// Snippets warlog gave the class.
    pub predicted: usize,
    pub true_positives: usize,
}

impl ClassScore {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.support)
    }
    /// 0 when precision and recall are both 0 (scikit-learn's `zero_division=0`).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Classification figures, as scikit-learn computes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Snippets scored (all of them; with a label subset, those whose gold
    /// label is in it count for accuracy).
    pub snippets: usize,
    pub accuracy: f64,
    pub weighted_f1: f64,
    pub macro_f1: f64,
    pub classes: Vec<ClassScore>,
}

impl Scores {
    /// Scores (gold, predicted) pairs over every label seen, or over `labels`
    /// only (scikit-learn's `labels=`: other classes' snippets still count as
    /// false positives where they are predicted into one of `labels`).
    pub fn of<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, labels: Option<&[&str]>) -> Scores {
        let mut per: BTreeMap<String, ClassScore> = BTreeMap::new();
        let (mut n, mut right, mut scored) = (0usize, 0usize, 0usize);
        let keep = |l: &str| labels.is_none_or(|ls| ls.contains(&l));
        for (gold, predicted) in pairs {
            n += 1;
            if keep(gold) {
                scored += 1;
                right += usize::from(gold == predicted);
            }
            for (l, field) in [(gold, 0), (predicted, 1)] {
                if !keep(l) {
                    continue;
                }
                let c = per
                    .entry(l.to_string())
                    .or_insert_with(|| ClassScore { label: l.to_string(), ..Default::default() });
                if field == 0 {
                    c.support += 1;
                    c.true_positives += usize::from(gold == predicted);
                } else {
                    c.predicted += 1;
                }
            }
        }
        if let Some(ls) = labels {
            for l in ls {
                per.entry(l.to_string()).or_insert_with(|| ClassScore { label: l.to_string(), ..Default::default() });
            }
        }
        let classes: Vec<ClassScore> = per.into_values().collect();
        let support: usize = classes.iter().map(|c| c.support).sum();
        let weighted_f1 = if support == 0 {
            0.0
        } else {
            classes.iter().map(|c| c.f1() * c.support as f64).sum::<f64>() / support as f64
        };
        let macro_f1 = if classes.is_empty() {
            0.0
        } else {
            classes.iter().map(ClassScore::f1).sum::<f64>() / classes.len() as f64
        };
        Scores { snippets: n, accuracy: ratio(right, scored), weighted_f1, macro_f1, classes }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "snippets": self.snippets,
            "accuracy": self.accuracy,
            "weighted_f1": self.weighted_f1,
            "macro_f1": self.macro_f1,
            "classes": self.classes.len(),
            "per_class": self.classes.iter().map(|c| json!({
                "label": c.label, "support": c.support, "predicted": c.predicted,
                "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// The benchmark's figures: all classes, expressible classes, and both
/// halves of the file by id (so that rules chosen on one half can be
/// reported on the other).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub all: Scores,
    pub expressible: Scores,
    /// Snippets warlog read no claim from (labelled `OTHER` by default).
    pub no_claim: usize,
    pub first_half: Scores,
    pub second_half: Scores,
    /// The last id of the first half.
    pub split_id: String,
}

/// Scores the labels warlog gave (`predicted[i]` for `snippets[i]`);
/// `no_claim` counts the snippets without any claim.
pub fn report(snippets: &[Snippet], predicted: &[&str], no_claim: usize) -> Report {
    let pairs = || snippets.iter().map(|s| s.label.as_str()).zip(predicted.iter().copied());
    let mut order: Vec<usize> = (0..snippets.len()).collect();
    order.sort_by_key(|&i| (snippets[i].id.parse::<u64>().unwrap_or(u64::MAX), snippets[i].id.clone()));
    let half = order.len().div_ceil(2);
    let in_first: Vec<bool> = {
        let mut v = vec![false; snippets.len()];
        for &i in &order[..half] {
            v[i] = true;
        }
        v
    };
    let part =
        |first: bool| Scores::of(pairs().enumerate().filter(|(i, _)| in_first[*i] == first).map(|(_, p)| p), None);
    Report {
        all: Scores::of(pairs(), None),
        expressible: Scores::of(pairs(), Some(&EXPRESSIBLE)),
        no_claim,
        first_half: part(true),
        second_half: part(false),
        split_id: half.checked_sub(1).map(|k| snippets[order[k]].id.clone()).unwrap_or_default(),
    }
}

impl Report {
    pub fn to_json(&self) -> Value {
        json!({
            "snippets": self.all.snippets,
            "no_claim": self.no_claim,
            "published_best_weighted_f1": PUBLISHED_BEST_WEIGHTED_F1,
            "all_classes": self.all.to_json(),
            "expressible_classes": self.expressible.to_json(),
            "halves": {
                "split_after_id": self.split_id,
                "first": {"accuracy": self.first_half.accuracy, "weighted_f1": self.first_half.weighted_f1,
                          "macro_f1": self.first_half.macro_f1, "snippets": self.first_half.snippets},
                "second": {"accuracy": self.second_half.accuracy, "weighted_f1": self.second_half.weighted_f1,
                           "macro_f1": self.second_half.macro_f1, "snippets": self.second_half.snippets},
            },
        })
    }
}

/// The report as a table for a terminal.
pub fn table(r: &Report) -> String {
    let mut out = format!(
        "case2021 task 2: {} snippets, {} classes; {} without any claim (labelled OTHER)\n",
        r.all.snippets,
        r.all.classes.len(),
        r.no_claim
    );
    let line = |name: &str, s: &Scores| {
        format!(
            "  {name:<34} accuracy {:.3}  weighted F1 {:.3}  macro F1 {:.3}\n",
            s.accuracy, s.weighted_f1, s.macro_f1
        )
    };
    out.push_str(&line(&format!("all {} classes", r.all.classes.len()), &r.all));
    out.push_str(&format!(
        "  {:<34} weighted F1 {PUBLISHED_BEST_WEIGHTED_F1:.3} (fine-tuned RoBERTa)\n",
        "published best, all classes"
    ));
    out.push_str(&line(&format!("{} classes warlog expresses", r.expressible.classes.len()), &r.expressible));
    out.push_str(&line(&format!("first half (ids ≤ {})", r.split_id), &r.first_half));
    out.push_str(&line("second half", &r.second_half));
    out.push_str(&format!("  {:<31} {:>7} {:>7} {:>6} {:>6} {:>6}\n", "class", "support", "predict", "P", "R", "F1"));
    for c in &r.all.classes {
        let mark = if EXPRESSIBLE.contains(&c.label.as_str()) || c.label == "OTHER" { ' ' } else { '×' };
        out.push_str(&format!(
            "  {mark}{:<30} {:>7} {:>7} {:>6.3} {:>6.3} {:>6.3}\n",
            c.label,
            c.support,
            c.predicted,
            c.precision(),
            c.recall(),
            c.f1()
        ));
    }
    out.push_str("  (× a class warlog has no type for)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sklearn_style_scores() {
        // gold: a a b c; predicted: a b b a
        let pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("c", "a")];
        let s = Scores::of(pairs, None);
        assert_eq!(s.accuracy, 0.5);
        // a: P 1/2 R 1/2 F 0.5; b: P 1/2 R 1 F 2/3; c: 0
        assert!((s.macro_f1 - (0.5 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!((s.weighted_f1 - (0.5 * 2.0 + 2.0 / 3.0) / 4.0).abs() < 1e-12);
        let only_b = Scores::of(pairs, Some(&["b"]));
        assert_eq!(only_b.classes.len(), 1);
        assert!((only_b.macro_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(only_b.accuracy, 1.0);
    }

    #[test]
    fn expressible_is_sorted_and_unique() {
        assert!(EXPRESSIBLE.windows(2).all(|w| w[0] < w[1]));
    }
}
