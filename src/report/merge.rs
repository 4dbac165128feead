//! `factdiff merge`: the JSON reports of `check --shard K/N` runs joined into the report
//! one run over every input prints, byte for byte.
//!
//! A single run reports its stories in order of first appearance, each story's sources,
//! entities and findings together, entity ids `e1…` counted over the run, and finding
//! ids that depend on their story only. So a shard's report carries, in its `shard`
//! object, where each of its stories stands in the whole run and how many sources,
//! entities and findings of the report are that story's; the merge puts the stories
//! back in order, renumbers the entities and adds up the summary. It refuses reports
//! that are not shards of one run (another version, other inputs or rules, another N),
//! a shard given twice, and a missing shard: each would print a report no run prints.

use serde::{Deserialize, Serialize};

use super::{EntityView, FindingView, Report, SourceView, Summary, JSON_VERSION};
use crate::load::Document;
use crate::rules::RuleSet;
use crate::story::shard::{Selection, Shard};
use crate::Analysis;

/// A shard report's `shard` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShardView {
    /// K, counted from 1.
    pub index: u32,
    /// N.
    pub count: u32,
    /// The version of factdiff that wrote the report.
    pub factdiff: String,
    /// A fingerprint of the whole run (every input's id, path, story and text, the rules
    /// in force and factdiff's version): the shards of one run share it.
    pub run: String,
    /// The stories of the whole run.
    pub stories_total: usize,
    /// Whether the whole run names its stories (then `summary.stories` counts them).
    pub named: bool,
    /// This report's stories, in report order.
    pub stories: Vec<ShardStory>,
}

/// One story of a shard report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ShardStory {
    /// Its place among the whole run's stories, from 0.
    pub order: usize,
    /// How many of the report's sources, entities and findings (in order) are this
    /// story's.
    pub sources: usize,
    /// How many of the report's entities are this story's.
    pub entities: usize,
    /// How many of the report's findings are this story's.
    pub findings: usize,
}

/// FNV-1a over a stream of byte strings, each closed by a 0 byte: the run fingerprint.
struct Fnv(u64);

impl Fnv {
    fn eat(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&[0]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The fingerprint of a run: every loaded source (id, path, story, text) in load order,
/// every rule (id, switch, severity, message) and factdiff's version. It is taken
/// before the shard picks its stories, so every shard of one run has the same.
pub fn fingerprint(docs: &[Document], rules: &RuleSet) -> String {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.eat(env!("CARGO_PKG_VERSION").as_bytes());
    h.eat(&JSON_VERSION.to_le_bytes());
    for d in docs {
        h.eat(d.source.id.as_bytes());
        h.eat(d.source.path.as_bytes());
        h.eat(d.story.as_deref().unwrap_or("").as_bytes());
        h.eat(&[u8::from(d.story.is_some())]);
        h.eat(d.raw.as_bytes());
    }
    for r in rules.rules() {
        h.eat(r.id.as_bytes());
        h.eat(&[u8::from(r.enabled)]);
        h.eat(r.severity.as_str().as_bytes());
        h.eat(r.message.as_bytes());
    }
    format!("{:016x}", h.0)
}

/// The `shard` object of a shard run's report: `a` is the analysis of the documents
/// [`crate::story::shard::select`] kept, after triage.
pub fn shard_view(a: &Analysis, shard: Shard, sel: &Selection, run: String) -> ShardView {
    let order: std::collections::HashMap<&Option<String>, usize> =
        sel.all.iter().enumerate().map(|(k, s)| (s, k)).collect();
    // Stories of the analysis that hold documents (an empty run has one empty story).
    let stories: Vec<usize> = (0..a.stories.len())
        .filter(|&k| !a.stories[k].docs.is_empty())
        .collect();
    let story_index = |doc: usize| {
        stories
            .iter()
            .position(|&k| a.stories[k].docs.contains(&doc))
            .unwrap_or(0)
    };
    let mut out: Vec<ShardStory> = stories
        .iter()
        .map(|&k| ShardStory {
            order: order.get(&a.stories[k].name).copied().unwrap_or(usize::MAX),
            sources: a.stories[k].docs.len(),
            entities: 0,
            findings: 0,
        })
        .collect();
    // Entities and findings come story by story; one without a mention or evidence
    // (none is made today) stays with the story before it.
    let mut at = 0;
    for e in &a.entities {
        if let Some(&m) = e.mentions.first() {
            at = story_index(a.mentions[m].doc);
        }
        if let Some(s) = out.get_mut(at) {
            s.entities += 1;
        }
    }
    at = 0;
    for f in &a.findings {
        if let Some(ev) = f.evidence.first() {
            at = story_index(ev.doc);
        }
        if let Some(s) = out.get_mut(at) {
            s.findings += 1;
        }
    }
    ShardView {
        index: shard.index,
        count: shard.count,
        factdiff: env!("CARGO_PKG_VERSION").to_string(),
        run,
        stories_total: sel.all.len(),
        named: sel.all.len() > 1 || sel.all.iter().any(Option::is_some),
        stories: out,
    }
}

/// What a shard report holds (a `check --format json` report; `claims` and
/// `attributes` are refused, they belong to other commands).
#[derive(Deserialize)]
struct ShardReport {
    version: u32,
    sources: Vec<SourceView>,
    entities: Vec<EntityView>,
    findings: Vec<FindingView>,
    #[serde(default)]
    claims: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    attributes: Option<serde::de::IgnoredAny>,
    summary: Summary,
    #[serde(default)]
    shard: Option<ShardView>,
}

/// Just the version, to explain a report that does not read as this version's.
#[derive(Deserialize)]
struct VersionOnly {
    version: serde_json::Value,
}

fn read(name: &str, text: &str) -> Result<(ShardReport, ShardView), String> {
    let report: ShardReport =
        serde_json::from_str(text).map_err(|e| {
            match serde_json::from_str::<VersionOnly>(text) {
                Ok(v) if v.version != serde_json::json!(JSON_VERSION) => format!(
                "{name}: a report of JSON version {}; this factdiff reads version {JSON_VERSION}",
                v.version
            ),
                _ => format!("{name}: not a factdiff JSON report ({e})"),
            }
        })?;
    if report.version != JSON_VERSION {
        return Err(format!(
            "{name}: a report of JSON version {}; this factdiff reads version {JSON_VERSION}",
            report.version
        ));
    }
    if report.claims.is_some() || report.attributes.is_some() {
        return Err(format!(
            "{name}: a report with claims or attributes; merge joins `check --format json --shard K/N` reports"
        ));
    }
    let Some(shard) = report.shard.clone() else {
        return Err(format!(
            "{name}: not a shard report (it has no `shard` object): make it with `factdiff check --shard K/N --format json`"
        ));
    };
    let sums = shard.stories.iter().fold((0, 0, 0), |(s, e, f), t| {
        (s + t.sources, e + t.entities, f + t.findings)
    });
    let ordered = shard.stories.windows(2).all(|w| w[0].order < w[1].order);
    let in_range = shard.stories.iter().all(|t| t.order < shard.stories_total);
    if sums
        != (
            report.sources.len(),
            report.entities.len(),
            report.findings.len(),
        )
        || !ordered
        || !in_range
        || shard.index == 0
        || shard.index > shard.count
    {
        return Err(format!(
            "{name}: its `shard` object does not describe its sources, entities and findings (was it edited?)"
        ));
    }
    Ok((report, shard))
}

/// Joins shard reports, given as (name for messages, JSON text), in any order, into the
/// report of the whole run.
pub fn merge(inputs: &[(String, String)]) -> Result<Report, String> {
    let mut reports = Vec::with_capacity(inputs.len());
    for (name, text) in inputs {
        reports.push((name.as_str(), read(name, text)?));
    }
    let Some((first_name, (_, first))) = reports.first() else {
        return Err("no reports given: name the shard reports to merge".into());
    };
    let (first_name, first) = (*first_name, first.clone());
    let mut by_index: Vec<Option<&str>> = vec![None; first.count as usize];
    for (name, (_, s)) in &reports {
        if s.factdiff != first.factdiff {
            return Err(format!(
                "{name} was written by factdiff {} and {first_name} by factdiff {}: merge shards of one run",
                s.factdiff, first.factdiff
            ));
        }
        if s.run != first.run
            || s.count != first.count
            || s.stories_total != first.stories_total
            || s.named != first.named
        {
            return Err(format!(
                "{name} and {first_name} are not shards of one run (their inputs, rules or shard count differ)"
            ));
        }
        let slot = &mut by_index[s.index as usize - 1];
        if let Some(other) = slot {
            return Err(format!(
                "{name} and {other} are both shard {}/{}: the shards overlap",
                s.index, s.count
            ));
        }
        *slot = Some(name);
    }
    let missing: Vec<String> = (1..=first.count)
        .filter(|&k| by_index[k as usize - 1].is_none())
        .map(|k| format!("{k}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing {} {}: the merged report would lack {} stories",
            if missing.len() == 1 {
                "shard"
            } else {
                "shards"
            },
            super::few(&missing, 10),
            if missing.len() == 1 { "its" } else { "their" },
        ));
    }

    // Each story's slices, then the stories in the whole run's order.
    struct Chunk {
        order: usize,
        sources: Vec<SourceView>,
        entities: Vec<EntityView>,
        findings: Vec<FindingView>,
    }
    let mut chunks: Vec<Chunk> = Vec::with_capacity(first.stories_total);
    let mut summary = Summary::default();
    for (_, (report, shard)) in reports {
        let ShardReport {
            sources,
            entities,
            findings,
            summary: s,
            ..
        } = report;
        summary.sources += s.sources;
        summary.entities += s.entities;
        summary.claims += s.claims;
        summary.findings += s.findings;
        summary.errors += s.errors;
        summary.warnings += s.warnings;
        summary.infos += s.infos;
        summary.suppressed += s.suppressed;
        summary.baselined += s.baselined;
        let (mut sources, mut entities, mut findings) = (
            sources.into_iter(),
            entities.into_iter(),
            findings.into_iter(),
        );
        for t in shard.stories {
            chunks.push(Chunk {
                order: t.order,
                sources: sources.by_ref().take(t.sources).collect(),
                entities: entities.by_ref().take(t.entities).collect(),
                findings: findings.by_ref().take(t.findings).collect(),
            });
        }
    }
    chunks.sort_by_key(|c| c.order);
    let whole =
        chunks.len() == first.stories_total && chunks.iter().enumerate().all(|(k, c)| c.order == k);
    if !whole {
        return Err(
            "the shards do not hold each story of the run exactly once (were they edited?)".into(),
        );
    }
    summary.stories = if first.named { first.stories_total } else { 0 };
    let mut out = Report {
        version: JSON_VERSION,
        sources: Vec::with_capacity(summary.sources),
        entities: Vec::with_capacity(summary.entities),
        findings: Vec::with_capacity(summary.findings),
        claims: None,
        attributes: None,
        summary,
        shard: None,
    };
    for c in chunks {
        out.sources.extend(c.sources);
        out.entities.extend(c.entities);
        out.findings.extend(c.findings);
    }
    // Entity ids count over the whole run, as a single run numbers them.
    for (k, e) in out.entities.iter_mut().enumerate() {
        e.id = format!("e{}", k + 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;
    use crate::story::shard::select;

    fn doc(id: &str, text: &str, story: &str) -> Document {
        let (mut d, _) = Document::new(id, &format!("{id}.txt"), text.to_string(), Format::Text);
        d.story = Some(story.to_string());
        d
    }

    fn docs() -> Vec<Document> {
        let mut out = Vec::new();
        for (k, town) in ["Eastvale", "Northbrook", "Westmarch", "Southby", "Lakeport"]
            .iter()
            .enumerate()
        {
            for (j, n) in [12, 15].iter().enumerate() {
                out.push(doc(
                    &format!("s{k}-{j}"),
                    &format!("Officials in {town} said {n} people were injured. Chief Ana Morel{} spoke.", if j == 0 { "l" } else { "" }),
                    &format!("story-{k}"),
                ));
            }
        }
        out
    }

    fn shard_json(n: u32, k: u32, rules: &RuleSet) -> (String, String) {
        let all = docs();
        let run = fingerprint(&all, rules);
        let shard = Shard { index: k, count: n };
        let (kept, sel) = select(all, shard);
        let a = crate::story::analyze(kept, rules);
        let mut rep = super::super::view(&a, false);
        rep.shard = Some(shard_view(&a, shard, &sel, run));
        (format!("shard{k}.json"), super::super::json::render(&rep))
    }

    #[test]
    fn merged_shards_are_the_single_run_in_any_order() {
        let rules = RuleSet::builtin();
        let single = super::super::json::render(&super::super::view(
            &crate::story::analyze(docs(), &rules),
            false,
        ));
        for n in [1, 2, 3, 7] {
            let mut parts: Vec<(String, String)> =
                (1..=n).map(|k| shard_json(n, k, &rules)).collect();
            assert_eq!(
                super::super::json::render(&merge(&parts).unwrap()),
                single,
                "{n} shards"
            );
            parts.reverse();
            assert_eq!(super::super::json::render(&merge(&parts).unwrap()), single);
        }
    }

    #[test]
    fn overlapping_missing_and_foreign_shards_are_refused() {
        let rules = RuleSet::builtin();
        let a = shard_json(3, 1, &rules);
        let b = shard_json(3, 2, &rules);
        let c = shard_json(3, 3, &rules);
        let e = merge(&[a.clone(), b.clone(), a.clone(), c.clone()]).unwrap_err();
        assert!(e.contains("overlap"), "{e}");
        let e = merge(&[a.clone(), c.clone()]).unwrap_err();
        assert!(e.contains("missing shard 2/3"), "{e}");
        let other = shard_json(2, 1, &rules);
        let e = merge(&[a.clone(), other]).unwrap_err();
        assert!(e.contains("not shards of one run"), "{e}");
        let plain = (
            "plain.json".to_string(),
            super::super::json::render(&super::super::view(
                &crate::story::analyze(docs(), &rules),
                false,
            )),
        );
        let e = merge(&[plain]).unwrap_err();
        assert!(e.contains("not a shard report"), "{e}");
        let future = (
            "v9.json".to_string(),
            b.1.replacen("\"version\": 1", "\"version\": 9", 1),
        );
        let e = merge(&[future]).unwrap_err();
        assert!(e.contains("JSON version 9"), "{e}");
        let e = merge(&[("x.json".to_string(), "[1, 2]".to_string())]).unwrap_err();
        assert!(e.contains("not a factdiff JSON report"), "{e}");
        assert!(merge(&[]).is_err());
    }
}
