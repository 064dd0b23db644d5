//! Casualty figures in one sentence: numbers bound to what happened to
//! whom ("14 civils ont été tués et plus de 40 blessés", "tuant un civil et
//! en blessant deux autres", "at least 3 people were killed and dozens
//! injured", "the death toll rose to 25", "60 de ces drones auraient été
//! détruits").
//!
//! Words come from `data/lexicons/<lang>/casualties.tsv` (victims,
//! outcomes, auxiliaries, running-total cues); figures from
//! [`crate::numbers`], equipment from [`crate::weapons`], and figures that
//! belong to a date ("le 27 septembre") are left out. Binding, for each
//! outcome word, in this order:
//! 1. a verb followed by its figure ("tuant 3 civils", "killing at least 5");
//! 2. the nearest figure before it whose noun phrase names victims, or that
//!    it follows directly ("29 militaires tués", "7 morts", "plusieurs autres
//!    blessés"); a figure in brackets inside that phrase is the latest count
//!    and replaces it ("14 civils (20 selon un dernier bilan)");
//! 3. a figure after a running-total verb ("s'élève à plus de 600", "rose
//!    to 25"): cumulative;
//! 4. none: the outcome is kept with no figure ("des blessés"), or with one
//!    when the words are singular ("a été tué", "was killed").
//!
//! Victims come from the nouns (civilians, military — police included, as
//! GOLD codes "civils et policiers" as mixed — or unknown for "personnes");
//! a figure with no noun takes the victims of the figure before it in the
//! sentence ("... et plus de 40 blessés").

use serde::Serialize;
use warlog_model::{Count, Span, Victims};

use crate::langdata::{PerLang, field, rows};
use crate::numbers::{self, NumberUnit};
use crate::phrase::{PhraseSet, Word, words};
use crate::{dates, weapons};

/// What happened to the victims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Killed,
    Wounded,
    Missing,
    Captured,
    /// Equipment destroyed or shot down.
    Destroyed,
}

/// A casualty figure of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Casualty {
    /// From the figure (or victims) to the outcome word.
    pub span: Span,
    /// `None` when the text gives no figure ("plusieurs autres blessés",
    /// "dozens injured"). "at least N" is N.
    pub count: Option<Count>,
    pub outcome: Outcome,
    /// `Unknown` for "personnes", "people" and for equipment.
    pub victims: Victims,
    /// A running total ("ce qui porte à 480", "the death toll rose to").
    pub cumulative: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gram {
    Sg,
    Pl,
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Victim(Option<Victims>, Gram),
    Pronoun,
    Outcome { out: Outcome, or_destroyed: bool, gram: Gram, fwd: bool },
    Aux(Gram),
    Toll,
    Cumulative,
    Subset,
    Other,
    ArticleOne,
    And,
    Agent,
}

fn parse_role(row: &[String]) -> Option<Role> {
    let gram = match field(row, 3) {
        "sg" => Gram::Sg,
        "pl" => Gram::Pl,
        _ => Gram::Any,
    };
    let value = field(row, 2);
    Some(match field(row, 1) {
        "victim" => Role::Victim(
            match value {
                "civilians" => Some(Victims::Civilians),
                "military" => Some(Victims::Military),
                "unknown" => Some(Victims::Unknown),
                "equipment" => None,
                _ => return None,
            },
            gram,
        ),
        "pronoun" => Role::Pronoun,
        "outcome" => {
            let (first, alt) = value.split_once('/').unwrap_or((value, ""));
            let out = match first {
                "killed" => Outcome::Killed,
                "wounded" => Outcome::Wounded,
                "missing" => Outcome::Missing,
                "captured" => Outcome::Captured,
                "destroyed" => Outcome::Destroyed,
                _ => return None,
            };
            Role::Outcome { out, or_destroyed: alt == "destroyed", gram, fwd: field(row, 4) == "fwd" }
        }
        "aux" => Role::Aux(gram),
        "toll" => Role::Toll,
        "cumulative" => Role::Cumulative,
        "subset" => Role::Subset,
        "other" => Role::Other,
        "article_one" => Role::ArticleOne,
        "and" => Role::And,
        "agent" => Role::Agent,
        _ => return None,
    })
}

fn lexicon(lang: &str) -> &'static PhraseSet<Role> {
    static CACHE: PerLang<PhraseSet<Role>> = PerLang::new();
    CACHE.get(lang, "casualties", |key| {
        let mut set = PhraseSet::new();
        for row in rows(key, "casualties") {
            if let Some(role) = parse_role(row) {
                for alt in field(row, 0).split('|').map(str::trim).filter(|a| !a.is_empty()) {
                    set.insert(alt, role);
                }
            }
        }
        set
    })
}

/// How far (in words) a figure may stand before its outcome.
const BACK_WINDOW: usize = 14;
/// How far after a figure its victim noun may start ("60 de ces drones").
const NOUN_WINDOW: usize = 4;

/// A figure that may be a casualty count.
#[derive(Clone, Copy, Debug)]
struct Fig {
    start: usize,
    end: usize,
    count: Option<Count>,
    in_brackets: bool,
    /// After "dont", "including": part of another figure.
    subset: bool,
}

/// A victim noun.
#[derive(Clone, Copy, Debug)]
struct Noun {
    start: usize,
    end: usize,
    /// `None` for equipment.
    victims: Option<Victims>,
    gram: Gram,
}

/// An outcome word.
#[derive(Clone, Copy, Debug)]
struct Out {
    start: usize,
    end: usize,
    out: Outcome,
    or_destroyed: bool,
    gram: Gram,
    fwd: bool,
}

/// Casualty figures in one sentence (`text[sentence]`), left to right.
pub fn find_casualties(text: &str, sentence: Span, lang: &str) -> Vec<Casualty> {
    find_casualties_in(text, &words(text, sentence), lang)
}

/// [`find_casualties`] over the words of a sentence already cut with
/// [`words`].
pub fn find_casualties_in(text: &str, ws: &[Word], lang: &str) -> Vec<Casualty> {
    let marks = lexicon(lang).find(ws);
    // Most sentences name no outcome: nothing more to read.
    if !marks.iter().any(|m| matches!(m.value, Role::Outcome { .. })) {
        return Vec::new();
    }
    let marks: Vec<(usize, usize, Role)> = marks.into_iter().map(|m| (m.start, m.end, *m.value)).collect();
    Sentence::new(text, ws, &marks, lang).casualties()
}

struct Sentence<'a> {
    ws: &'a [Word],
    /// Role phrases starting at each word: (end, role).
    role_at: Vec<Option<(usize, Role)>>,
    /// Role phrases ending at each word boundary.
    role_ending: Vec<Option<Role>>,
    nouns: Vec<Noun>,
    outs: Vec<Out>,
    figs: Vec<Fig>,
    /// Words inside a running-total date ("depuis le 27 septembre").
    since: Vec<bool>,
}

fn is_hard_stop(w: &Word) -> bool {
    w.punct && matches!(w.folded.as_str(), "." | ";" | "!" | "?" | ":")
}

impl<'a> Sentence<'a> {
    fn new(text: &str, ws: &'a [Word], marks: &[(usize, usize, Role)], lang: &str) -> Sentence<'a> {
        let nums = numbers::Scan::new(text, ws, lang);
        let n = ws.len();
        let mut s = Sentence {
            ws,
            role_at: vec![None; n],
            role_ending: vec![None; n + 1],
            nouns: Vec::new(),
            outs: Vec::new(),
            figs: Vec::new(),
            since: vec![false; n],
        };
        let mut taken = vec![false; n];
        for &(start, end, role) in marks {
            s.role_at[start] = Some((end, role));
            s.role_ending[end] = Some(role);
            taken[start..end].iter_mut().for_each(|t| *t = true);
            match role {
                Role::Victim(victims, gram) => s.nouns.push(Noun { start, end, victims, gram }),
                Role::Outcome { out, or_destroyed, gram, fwd } => {
                    s.outs.push(Out { start, end, out, or_destroyed, gram, fwd })
                }
                _ => {}
            }
        }
        for (a, b, _) in weapons::scan(ws, lang) {
            if !taken[a..b].iter().any(|t| *t) {
                s.nouns.push(Noun { start: a, end: b, victims: None, gram: Gram::Any });
            }
        }
        s.nouns.sort_by_key(|n| n.start);

        // Figures that are dates ("le 27 septembre") are not counts.
        let mut in_date = vec![false; n];
        for d in dates::find_with(text, ws, lang, &nums) {
            for (k, w) in ws.iter().enumerate() {
                if d.span.contains(w.span) {
                    in_date[k] = true;
                    s.since[k] = matches!(d.kind, dates::DateKind::Since(_));
                }
            }
        }
        let mut depth = vec![0u32; n];
        let mut level = 0u32;
        for (k, w) in ws.iter().enumerate() {
            if w.punct && matches!(w.folded.as_str(), ")" | "]") {
                level = level.saturating_sub(1);
            }
            depth[k] = level;
            if w.punct && matches!(w.folded.as_str(), "(" | "[") {
                level += 1;
            }
        }
        for f in nums.all() {
            if f.m.unit != NumberUnit::Count || in_date[f.start..f.end].iter().any(|d| *d) {
                continue;
            }
            let subset = matches!(s.role_ending[f.start], Some(Role::Subset));
            s.figs.push(Fig {
                start: f.start,
                end: f.end,
                count: f.m.count(),
                in_brackets: depth[f.start] > 0,
                subset,
            });
        }
        // "un civil", "a soldier", "un drone": the article counts one.
        for noun in &s.nouns {
            let single = noun.gram != Gram::Pl;
            let after_article = noun.start > 0 && matches!(s.role_ending[noun.start], Some(Role::ArticleOne));
            let free = !s.figs.iter().any(|f| f.start < noun.start && noun.start <= f.end);
            if single && after_article && free {
                let start = noun.start - 1;
                s.figs.push(Fig {
                    start,
                    end: noun.start,
                    count: Some(Count::Exact(1)),
                    in_brackets: depth[start] > 0,
                    subset: false,
                });
            }
        }
        s.figs.sort_by_key(|f| f.start);
        // "30 Palestiniens", "12 Ukrainians": a capitalised plural right after
        // a figure is a people, whose dead are counted like "personnes".
        for f in &s.figs {
            let k = f.end;
            let Some(w) = ws.get(k) else { continue };
            let capitalised = w.span.slice(text).chars().next().is_some_and(char::is_uppercase);
            let plural = w.folded.ends_with('s') || w.folded.ends_with('x');
            if capitalised && plural && !w.punct && !taken[k] && !s.nouns.iter().any(|n| n.start <= k && k < n.end) {
                s.nouns.push(Noun { start: k, end: k + 1, victims: Some(Victims::Unknown), gram: Gram::Pl });
            }
        }
        s.nouns.sort_by_key(|n| n.start);
        s
    }

    fn stop_between(&self, a: usize, b: usize) -> bool {
        self.ws[a.min(self.ws.len())..b.min(self.ws.len())].iter().any(is_hard_stop)
    }

    fn role(&self, i: usize) -> Option<(usize, Role)> {
        self.role_at.get(i).copied().flatten()
    }

    /// Victim nouns starting in `a..b`, chained by "et", "and", ",".
    fn nouns_in(&self, a: usize, b: usize) -> Vec<Noun> {
        self.nouns.iter().filter(|n| n.start >= a && n.start < b).copied().collect()
    }

    /// The first noun starting in `a..b` and those joined to it ("civils et
    /// de policiers", "women and children"), up to `limit`.
    fn chain(&self, a: usize, b: usize, limit: usize) -> Vec<Noun> {
        let Some(first) = self.nouns.iter().find(|n| n.start >= a && n.start < b) else { return Vec::new() };
        let mut out = vec![*first];
        for n in self.nouns.iter().filter(|n| n.start > first.start && n.end <= limit) {
            let prev = out[out.len() - 1];
            let mut k = prev.end;
            // Only joining words (and punctuation that is not a stop) between.
            while k < n.start && k - prev.end < 3 {
                match self.role(k) {
                    Some((e, Role::And)) => k = e,
                    _ if self.ws[k].punct
                        && !is_hard_stop(&self.ws[k])
                        && !matches!(self.ws[k].folded.as_str(), "(" | ")") =>
                    {
                        k += 1
                    }
                    _ => break,
                }
            }
            if k != n.start {
                break;
            }
            out.push(*n);
        }
        out
    }

    /// Nouns that describe figure `f` (up to `limit`), or "autres"/a pronoun.
    fn nouns_of(&self, f: &Fig, limit: usize) -> (Vec<Noun>, bool) {
        let end = (f.end + NOUN_WINDOW).min(limit);
        let nouns = self.chain(f.end, end, limit);
        let stands_in = matches!(self.role(f.end), Some((_, Role::Pronoun | Role::Other)));
        (nouns, stands_in)
    }

    fn casualties(&self) -> Vec<Casualty> {
        let mut used = vec![false; self.figs.len()];
        let mut out = Vec::new();
        let mut last_victims: Option<Victims> = None;
        for o in &self.outs {
            // The first binding that makes a casualty that fits wins.
            let bound = [Self::forward, Self::backward, Self::toll].into_iter().find_map(|step| {
                let (idx, count, nouns, tolled) = step(self, o, &used)?;
                let f = self.figs[idx];
                let mut c = self.build(o, Some(&f), count, &nouns, last_victims)?;
                c.cumulative = tolled || self.cumulative(&f, o);
                Some((idx, c))
            });
            let cas = match bound {
                Some((idx, c)) => {
                    used[idx] = true;
                    Some(c)
                }
                None => self.without_figure(o, last_victims),
            };
            if let Some(c) = cas {
                last_victims = Some(c.victims).filter(|_| c.outcome != Outcome::Destroyed).or(last_victims);
                out.push(c);
            }
        }
        out.sort_by_key(|c| c.span.start);
        out
    }

    /// Step 1: "tuant 3 civils", "a tué 20 civils", "killing at least 5".
    fn forward(&self, o: &Out, used: &[bool]) -> Option<(usize, Option<Count>, Vec<Noun>, bool)> {
        // "were wounded and two others": after an auxiliary the verb is passive.
        let passive = matches!(self.role_ending[o.start], Some(Role::Aux(_)));
        if !o.fwd || passive {
            return None;
        }
        let (idx, f) = self.figs.iter().enumerate().find(|(k, f)| {
            !used[*k]
                && !f.in_brackets
                && (f.start == o.end || (f.start == o.end + 1 && !self.ws[o.end].punct && self.role(o.end).is_none()))
        })?;
        // The object stops where the next outcome starts ("killing 3 and wounding 5").
        let next_out = self.outs.iter().map(|x| x.start).find(|&s| s > o.start).unwrap_or(self.ws.len());
        let (nouns, stands_in) = self.nouns_of(f, next_out);
        // The object of "killed", "blessant" is people even unnamed ("killed 7 members of one
        // family"); what is captured or destroyed must be named.
        let named = !nouns.is_empty() || stands_in;
        let people_verb = matches!(o.out, Outcome::Killed | Outcome::Wounded) && !o.or_destroyed;
        (named || people_verb).then_some((idx, f.count, nouns, false))
    }

    /// Step 2: the nearest figure before, with its noun phrase.
    fn backward(&self, o: &Out, used: &[bool]) -> Option<(usize, Option<Count>, Vec<Noun>, bool)> {
        let candidates = self.figs.iter().enumerate().filter(|(k, f)| {
            !used[*k]
                && !f.in_brackets
                && !f.subset
                && f.end <= o.start
                && o.start - f.end <= BACK_WINDOW
                && !self.stop_between(f.end, o.start)
                && !self.outs.iter().any(|x| x.start >= f.end && x.start < o.start)
        });
        for (idx, f) in candidates.collect::<Vec<_>>().into_iter().rev() {
            let (nouns, stands_in) = self.nouns_of(f, o.start);
            let adjacent = o.start == f.end;
            if nouns.is_empty() && !stands_in && !adjacent {
                continue;
            }
            // "14 civils (20 selon un dernier bilan) ont été tués": the bracketed figure is the latest.
            let update =
                self.figs.iter().find(|g| g.in_brackets && g.start > f.end && g.end <= o.start && g.count.is_some());
            let count = update.map_or(f.count, |g| g.count);
            return Some((idx, count, nouns, false));
        }
        None
    }

    /// Step 3: "le nombre de soldats morts s'élève à plus de 600", "the death toll rose to 25".
    fn toll(&self, o: &Out, used: &[bool]) -> Option<(usize, Option<Count>, Vec<Noun>, bool)> {
        let limit = (o.end + 6).min(self.ws.len());
        let toll_end = (o.end..limit).find_map(|k| match self.role(k) {
            Some((e, Role::Toll)) => Some(e),
            _ => None,
        })?;
        let (idx, f) = self
            .figs
            .iter()
            .enumerate()
            .find(|(k, f)| !used[*k] && f.start >= toll_end && f.start <= toll_end + 2 && !f.in_brackets)?;
        if self.stop_between(o.end, f.start) {
            return None;
        }
        let (mut nouns, _) = self.nouns_of(f, self.ws.len());
        if nouns.is_empty() {
            nouns = self.nouns_in(o.start.saturating_sub(3), o.start);
        }
        Some((idx, f.count, nouns, true))
    }

    /// A running total: a total cue or a "since" date around the figure.
    fn cumulative(&self, f: &Fig, o: &Out) -> bool {
        let clause_stop = |w: &Word| is_hard_stop(w) || (w.punct && w.folded == ",");
        let mut lo = f.start;
        while lo > 0 && f.start - lo < 6 && !clause_stop(&self.ws[lo - 1]) {
            lo -= 1;
        }
        let start = f.start.min(o.start);
        let mut hi = f.end.max(o.end);
        let far = hi + 6;
        while hi < self.ws.len() && hi < far && !clause_stop(&self.ws[hi]) {
            hi += 1;
        }
        (lo..hi)
            .any(|k| matches!(self.role(k), Some((_, Role::Toll | Role::Cumulative))) || (self.since[k] && k >= start))
    }

    /// Step 4: an outcome with no figure.
    fn without_figure(&self, o: &Out, carried: Option<Victims>) -> Option<Casualty> {
        let before = self
            .nouns_in(o.start.saturating_sub(6), o.start)
            .into_iter()
            .rfind(|n| n.end <= o.start && !self.stop_between(n.end, o.start));
        let nouns = match before {
            Some(n) => self.chain(n.start, n.start + 1, o.start),
            None => {
                let first = self.nouns_in(o.end, o.end + 10).into_iter().find(|n| !self.stop_between(o.end, n.start));
                first.map(|n| self.chain(n.start, n.start + 1, self.ws.len())).unwrap_or_default()
            }
        };
        let singular = match nouns.last().map(|n| n.gram) {
            _ if o.gram == Gram::Pl => false,
            Some(Gram::Pl) => false,
            Some(Gram::Sg) => true,
            _ => {
                let aux_sg = (o.start.saturating_sub(3)..o.start)
                    .any(|k| matches!(self.role(k), Some((e, Role::Aux(Gram::Sg))) if e <= o.start));
                aux_sg || (o.gram == Gram::Sg && o.fwd)
            }
        };
        let count = singular.then_some(Count::Exact(1));
        let mut cas = self.build(o, None, count, &nouns, if nouns.is_empty() { carried } else { None })?;
        if nouns.is_empty() && matches!(cas.outcome, Outcome::Captured | Outcome::Missing) {
            return None;
        }
        cas.cumulative = false;
        Some(cas)
    }

    /// The casualty of outcome `o` with figure `f`, its nouns and the victims
    /// carried over; `None` when they do not fit (a destroyed civilian).
    fn build(
        &self,
        o: &Out,
        f: Option<&Fig>,
        count: Option<Count>,
        nouns: &[Noun],
        carried: Option<Victims>,
    ) -> Option<Casualty> {
        let equipment = nouns.iter().any(|n| n.victims.is_none());
        let people = nouns.iter().filter_map(|n| n.victims).reduce(Victims::merge);
        let outcome = if o.or_destroyed && equipment && people.is_none() { Outcome::Destroyed } else { o.out };
        match outcome {
            Outcome::Destroyed if !equipment || people.is_some() => return None,
            Outcome::Destroyed => {}
            _ if equipment && people.is_none() => return None,
            Outcome::Captured if people.is_none() && carried.is_none() => return None,
            _ => {}
        }
        let victims = if outcome == Outcome::Destroyed {
            Victims::Unknown
        } else {
            people.or(if nouns.is_empty() { carried } else { None }).unwrap_or(Victims::Unknown)
        };
        let mut start = o.start;
        let mut end = o.end;
        // "deux autres", "plusieurs d'entre eux": the stand-in belongs to the figure.
        let stand_in = f.and_then(|f| match self.role(f.end) {
            Some((e, Role::Pronoun | Role::Other)) => Some((f.end, e)),
            _ => None,
        });
        let parts = f.iter().map(|f| (f.start, f.end)).chain(stand_in).chain(nouns.iter().map(|n| (n.start, n.end)));
        for (a, b) in parts {
            start = start.min(a);
            end = end.max(b);
        }
        let span = Span::new(self.ws[start].span.start, self.ws[end - 1].span.end);
        Some(Casualty { span, count, outcome, victims, cumulative: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cas(text: &str, lang: &str) -> Vec<(Option<Count>, Outcome, Victims, bool)> {
        find_casualties(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|c| (c.count, c.outcome, c.victims, c.cumulative))
            .collect()
    }

    const K: Outcome = Outcome::Killed;
    const W: Outcome = Outcome::Wounded;
    const CIV: Victims = Victims::Civilians;
    const MIL: Victims = Victims::Military;
    const UNK: Victims = Victims::Unknown;

    fn n(v: u32) -> Option<Count> {
        Some(Count::Exact(v))
    }

    #[test]
    fn killed_then_wounded_carry_the_victims() {
        assert_eq!(
            cas("Douze civils ont été tués et plus de 30 blessés, selon le gouverneur.", "fr"),
            [(n(12), K, CIV, false), (n(30), W, CIV, false)]
        );
    }

    #[test]
    fn bracketed_update_replaces_the_figure() {
        assert_eq!(
            cas(
                "\"Neuf civils innocents (11 selon un nouveau bilan) ont été tués et plus de 25 blessés\", a dit le procureur.",
                "fr"
            ),
            [(n(11), K, CIV, false), (n(25), W, CIV, false)]
        );
    }

    #[test]
    fn active_verbs_take_the_figure_after() {
        assert_eq!(
            cas("Ils ont pilonné le bourg de Martakert, tuant un civil et en blessant trois autres.", "fr"),
            [(n(1), K, CIV, false), (n(3), W, CIV, false)]
        );
        assert_eq!(cas("Kyiv accuse Moscou d'avoir tué 17 civils dans une frappe.", "fr"), [(n(17), K, CIV, false)]);
        assert_eq!(
            cas("The strike hit a market, killing at least 8 civilians and wounding 30 others.", "en"),
            [(n(8), K, CIV, false), (n(30), W, CIV, false)]
        );
    }

    #[test]
    fn nouns_of_the_dead_and_wounded() {
        assert_eq!(
            cas("Nouvelle frappe sur Kramatorsk : cinq morts et 21 blessés.", "fr"),
            [(n(5), K, UNK, false), (n(21), W, UNK, false)]
        );
        assert_eq!(
            cas("Trente-deux soldats ukrainiens ont été tués lors des combats.", "fr"),
            [(n(32), K, MIL, false)]
        );
        assert_eq!(
            cas("Le ministère a fait état de 17 militaires tués en une journée.", "fr"),
            [(n(17), K, MIL, false)]
        );
        assert_eq!(cas("Onze personnes ont été tuées à Khartoum.", "fr"), [(n(11), K, UNK, false)]);
    }

    #[test]
    fn a_people_after_a_figure_are_victims() {
        assert_eq!(cas("Au moins 25 Soudanais ont été tués près d'El-Obeid.", "fr"), [(n(25), K, UNK, false)]);
        assert_eq!(cas("At least 14 Ukrainians were killed in the attack.", "en"), [(n(14), K, UNK, false)]);
        // Lower case is not a people; a date's figure is not a count.
        assert!(cas("Le 12 Mars, rien n'a été détruit.", "fr").is_empty());
    }

    #[test]
    fn vague_figures_keep_the_outcome() {
        assert_eq!(
            cas("au moins quatre soldats ont été tués et plusieurs autres blessés lors d'accrochages", "fr"),
            [(n(4), K, MIL, false), (None, W, MIL, false)]
        );
        assert_eq!(
            cas("At least 9 people were killed and dozens injured in the shelling.", "en"),
            [(n(9), K, UNK, false), (None, W, UNK, false)]
        );
    }

    #[test]
    fn running_totals_are_cumulative() {
        assert_eq!(
            cas("Selon la liste publiée le 3 mars, le nombre de soldats morts s'élève à plus de 300.", "fr"),
            [(n(300), K, MIL, true)]
        );
        assert_eq!(
            cas(
                "18 militaires ont été tués au cours des dernières 24 heures, ce qui porte à 350 soldats tués depuis le 12 juin.",
                "fr"
            ),
            [(n(18), K, MIL, false), (n(350), K, MIL, true)]
        );
        assert_eq!(cas("The death toll rose to 45 on Monday.", "en"), [(n(45), K, UNK, true)]);
        assert_eq!(cas("ce qui porte à 200 le nombre de civils tués", "fr"), [(n(200), K, CIV, true)]);
    }

    #[test]
    fn equipment_is_destroyed() {
        let d = Outcome::Destroyed;
        assert_eq!(cas("environ 40 de ces drones auraient été détruits en deux mois", "fr"), [(n(40), d, UNK, false)]);
        assert_eq!(cas("Un drone russe abattu par la défense antiaérienne", "fr"), [(n(1), d, UNK, false)]);
        assert_eq!(cas("Two helicopters were shot down.", "en"), [(n(2), d, UNK, false)]);
        // A town is not equipment: nothing.
        assert!(cas("La ville a été détruite.", "fr").is_empty());
    }

    #[test]
    fn singular_without_a_figure_is_one() {
        assert_eq!(cas("Un civil a été tué dans la nuit.", "fr"), [(n(1), K, CIV, false)]);
        assert_eq!(cas("A soldier was killed near the border.", "en"), [(n(1), K, MIL, false)]);
        assert_eq!(cas("Le commandant Petrov a été tué vendredi.", "fr"), [(n(1), K, UNK, false)]);
        assert_eq!(cas("Colonel Ivanov was killed on Friday.", "en"), [(n(1), K, UNK, false)]);
        assert_eq!(cas("Des civils ont été blessés.", "fr"), [(None, W, CIV, false)]);
    }

    #[test]
    fn mixed_victims_and_captures() {
        assert_eq!(cas("la mort de civils et de policiers dans l'explosion", "fr"), [(None, K, Victims::Mixed, false)]);
        assert_eq!(
            cas("des combattants étrangers capturés par l'armée", "fr"),
            [(None, Outcome::Captured, MIL, false)]
        );
        assert_eq!(cas("12 soldiers were taken prisoner", "en"), [(n(12), Outcome::Captured, MIL, false)]);
        assert_eq!(cas("trois soldats portés disparus", "fr"), [(n(3), Outcome::Missing, MIL, false)]);
        // Villages are not people.
        assert!(cas("les forces ont capturé 9 villages", "fr").is_empty());
    }

    #[test]
    fn non_counts_are_not_casualties() {
        assert!(cas("Le 7 octobre, 40 km plus loin, à 12h05, en 2020", "fr").is_empty());
        assert_eq!(cas("Le 7 octobre, deux civils ont été tués.", "fr"), [(n(2), K, CIV, false)]);
        assert_eq!(
            cas("entre 10 et 15 civils ont été tués", "fr"),
            [(Some(Count::Range { min: 10, max: 15 }), K, CIV, false)]
        );
        assert_eq!(cas("32 personnes, dont 6 enfants, ont été tuées", "fr"), [(n(32), K, UNK, false)]);
    }

    #[test]
    fn spans_cover_figure_and_outcome() {
        let spans = |text: &'static str| -> Vec<&'static str> {
            find_casualties(text, Span::new(0, text.len()), "fr").iter().map(|c| c.span.slice(text)).collect()
        };
        assert_eq!(spans("Hier, 7 morts et 33 blessés."), ["7 morts", "33 blessés"]);
        assert_eq!(spans("d'avoir tué 9 civils dans des tirs de roquettes"), ["tué 9 civils"]);
        assert_eq!(spans("tuant un soldat et en blessant deux autres"), ["tuant un soldat", "blessant deux autres"]);
    }

    #[test]
    fn passive_verbs_do_not_take_the_next_figure() {
        assert_eq!(
            cas("Four soldiers were wounded and two others went missing after the blast.", "en"),
            [(n(4), W, MIL, false), (n(2), Outcome::Missing, MIL, false)]
        );
        assert_eq!(cas("A strike killed 6 members of one family.", "en"), [(n(6), K, UNK, false)]);
        assert_eq!(
            cas("The ministry said the death toll since 7 May had risen to 2,310.", "en"),
            [(n(2310), K, UNK, true)]
        );
    }

    #[test]
    fn agents_are_not_objects() {
        let d = Outcome::Destroyed;
        assert_eq!(cas("Un drone abattu par un missile sol-air", "fr"), [(n(1), d, UNK, false)]);
        assert!(cas("le cessez-le-feu a disparu", "fr").is_empty(), "missing needs people");
        assert_eq!(cas("l'échange des corps des morts", "fr"), [(None, K, UNK, false)]);
    }

    #[test]
    fn seed_pages_yield_figures() {
        for (_, path) in warlog_testkit::seeds() {
            let text = std::fs::read_to_string(path).expect("seed readable");
            // Line by line: a stand-in for sentences, enough to read every line without panicking.
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                let span = Span::new(at, at + line.len());
                for c in find_casualties(&text, span, "fr") {
                    assert!(span.contains(c.span));
                }
                at += line.len();
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_fit(s in "\\PC{0,80}", lang in "(fr|en|xx)") {
            for c in find_casualties(&s, Span::new(0, s.len()), &lang) {
                proptest::prop_assert!(c.span.end <= s.len() && c.span.start < c.span.end);
                proptest::prop_assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
            }
        }

        #[test]
        fn casualty_soup_never_panics(s in "([0-9]{1,4}|tués|morts|blessés|civils|soldats|un|une|et|plus de|\\(|\\)|,|\\.|dont|autres|s'élève à|drones|détruits|a été|ont été| ){0,25}") {
            for c in find_casualties(&s, Span::new(0, s.len()), "fr") {
                proptest::prop_assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
            }
        }
    }
}
