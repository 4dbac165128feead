//! The pipeline after loading: one function that runs every stage on the documents of
//! one story, and the record of what they found.

use crate::load::Document;
use crate::rules::{IgnoreIndex, RuleSet};
use crate::{claims, compare, mentions, quotes, resolve, segment};

/// One story of a run: its name and its documents' range in [`Analysis::docs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// `None` for the run's default story (sources that name none).
    pub name: Option<String>,
    /// The run's documents this story is made of.
    pub docs: std::ops::Range<usize>,
}

/// Everything the pipeline learned about one story: the input of every printer.
#[derive(Debug)]
pub struct Analysis {
    /// The sources, in run order.
    pub docs: Vec<Document>,
    /// Each document's sentences.
    pub sentences: Vec<Vec<segment::Sentence>>,
    /// Every name found, in document and text order.
    pub mentions: Vec<mentions::Mention>,
    /// The names grouped into entities.
    pub entities: Vec<resolve::Entity>,
    /// Every number read, with its qualifier, unit and subject (none once
    /// [`Keep::Findings`] has dropped them).
    pub claims: Vec<claims::Claim>,
    /// How many numbers were read: `claims.len()`, and still after [`Keep::Findings`]
    /// has dropped the claims (the report's summary counts them).
    pub claim_count: usize,
    /// Facts about people and the event (titles, places, legal status…), in document
    /// and text order.
    pub attributes: Vec<claims::attribute::Attribute>,
    /// Every quotation, with its speaker, in document and text order.
    pub quotes: Vec<quotes::Quote>,
    /// The disagreements, in report order.
    pub findings: Vec<compare::Finding>,
    /// Findings dropped by `ignore` rules and source suppressions.
    pub suppressed: usize,
    /// Findings dropped because a baseline lists them.
    pub baselined: usize,
    /// The stories of the run, in order, each a range of `docs` (one unnamed story
    /// unless the sources were grouped, see [`crate::story::analyze`]).
    pub stories: Vec<Story>,
}

/// What a run keeps of each story once the story's findings are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// Every stage's output, for the readers of more than the findings: the listings
    /// (`claims`, `quotes`, `names`) and the HTML page.
    #[default]
    All,
    /// What a report of findings reads: the sources, mentions, entities and findings.
    /// Each story's sentences, claims, facts and quotations are dropped as soon as its
    /// findings are made (the claims still counted): on an archive they are about 80 MB
    /// of a 210 MB peak, and the next story reuses their memory instead of touching new
    /// pages. A story of one source, which has no numbers or quotations to compare, has
    /// its numbers counted instead of read, its quotations are not looked for, and of
    /// its attributes only an event's place and legal statuses, which it may contradict
    /// itself on, are read (README, "Benchmarks").
    Findings,
}

impl Analysis {
    /// Drops what `keep` leaves out.
    fn keep(&mut self, keep: Keep) {
        if keep == Keep::Findings {
            self.sentences = Vec::new();
            self.claims = Vec::new();
            self.attributes = Vec::new();
            self.quotes = Vec::new();
        }
    }
}

/// What every story of a run reads besides its documents, prepared from the rules once:
/// a run of many stories builds it once and shares it, so its cost does not grow with
/// the number of stories.
pub struct Prepared<'r> {
    /// The rules in force.
    pub rules: &'r RuleSet,
    /// The enabled ignore rules, indexed for look-up.
    pub ignores: IgnoreIndex<'r>,
    /// The rules' vocabulary as entity resolution and the spelling check read it.
    pub lexicon: resolve::Lexicon,
}

impl<'r> Prepared<'r> {
    /// Prepares `rules` for a run.
    pub fn new(rules: &'r RuleSet) -> Self {
        Prepared {
            rules,
            ignores: rules.ignore_index(),
            lexicon: resolve::Lexicon::new(rules),
        }
    }
}

/// Runs every stage after loading on a set of documents that form one story.
pub fn analyze(docs: Vec<Document>, rules: &RuleSet) -> Analysis {
    analyze_with(docs, &Prepared::new(rules), Keep::All)
}

/// [`analyze`] with the rules already prepared (once for a run of many stories),
/// keeping what `keep` says.
pub fn analyze_with(mut docs: Vec<Document>, prepared: &Prepared, keep: Keep) -> Analysis {
    use rayon::prelude::*;
    let rules = prepared.rules;
    // Sentences that only repeat the document's own text (pull quotes, captions, repeated
    // paragraphs) are left out here, so no later stage reads them twice.
    let sentences: Vec<Vec<segment::Sentence>> = docs
        .par_iter_mut()
        .map(|d| {
            let (kept, echoes) = segment::without_echoes(d, segment::sentences(&d.text));
            d.echoes = echoes;
            kept
        })
        .collect();
    let mentions = mentions::detect_all(&docs, &sentences, &rules.words);
    let entities = resolve::cluster_with(&mentions, rules, &prepared.lexicon);
    // A story of one source has no numbers or quotations to compare (see
    // `compare::compares_sources`): when only its findings are kept, its numbers are
    // counted, not read, and its quotations not looked for. Of its facts, only those it
    // can contradict itself on are read (opposite places or statuses from two
    // speakers), with each sentence's attribution read there, not taken from the claims.
    let counted = keep == Keep::Findings && !compare::compares_sources(docs.len());
    let (claims, claim_count, said, slots) = if counted {
        let n = claims::count_all(&docs, &sentences);
        let none = claims::attribution::Answers::new();
        (
            Vec::new(),
            n,
            none,
            claims::attribute::Slots::WithinOneSource,
        )
    } else {
        let read_for = match keep {
            Keep::All => claims::ReadFor::Listing,
            Keep::Findings => claims::ReadFor::Findings,
        };
        let (claims, said) =
            claims::extract_all_said(&docs, &sentences, &mentions, &entities, read_for);
        let n = claims.len();
        (claims, n, said, claims::attribute::Slots::All)
    };
    let attributes = claims::attribute::extract_all(
        &docs,
        &sentences,
        &mentions,
        &entities,
        &rules.custom_slots(),
        &said,
        slots,
    );
    let quotes = if counted {
        Vec::new()
    } else {
        quotes::extract_all(&docs, &sentences, &mentions, &entities)
    };
    // Read for the comparison of numbers and dropped after it (see `features_all`); a
    // story that is not compared for numbers reads none.
    let features = if compare::compares_sources(docs.len()) {
        claims::quantity::features_all(&docs, &sentences, &claims)
    } else {
        vec![None; claims.len()]
    };
    let mut findings = compare::compare(
        &docs,
        &sentences,
        &mentions,
        &entities,
        &claims,
        &features,
        &attributes,
        &quotes,
        rules,
        &prepared.lexicon,
    );
    let suppressed = compare::apply_ignores(&mut findings, &docs, &prepared.ignores);
    let stories = vec![Story {
        name: None,
        docs: 0..docs.len(),
    }];
    let mut a = Analysis {
        docs,
        sentences,
        mentions,
        entities,
        claims,
        claim_count,
        attributes,
        quotes,
        findings,
        suppressed,
        baselined: 0,
        stories,
    };
    a.keep(keep);
    a
}
