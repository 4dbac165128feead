//! factdiff: read several articles about one story and report where they disagree.
//!
//! The pipeline runs one way through plain types, one module per stage:
//!
//! ```text
//! vocab ─► hash ─► span ─► unionfind ─► yaml ─► wordlists ─► limits ─► config ─► load ─► segment ─► rules ─► mentions
//!   ─► resolve ─► claims ─► quotes ─► compare ─► analyze ─► triage ─► story ─► report ─► fix ─► output
//!   ─► error ─► cli
//! ```
//!
//! - `vocab`, `hash`, `span`, `unionfind`, `yaml` and `wordlists` are shared leaves: the
//!   kinds and severities, the fast hash maps, spans of text, the one union-find, the one
//!   YAML reader, and every shipped word list (`rules/words/`) read through one function
//!   with one failure policy (with `Words`, the general lists every stage reads, and the
//!   `calendar`'s months and weekdays); `limits` holds the size caps on rule, config
//!   and baseline files. `config` reads `factdiff.yaml`.
//! - `load` turns files into documents; `segment` cuts them into sentences.
//! - `rules` reads the rule files and style books (shipped and the user's) that the later
//!   stages apply; it holds what was read, and each stage prepares its own look-ups from
//!   it (entity resolution's `resolve::Lexicon`, once per run).
//! - `mentions` finds names; `resolve` groups them into entities; `claims` reads
//!   numbers (with each count's role in its sentence) and facts next to them;
//!   `quotes` finds quotations and their speakers.
//! - `compare` turns what the sources say into findings; [`analyze`] runs every stage
//!   after loading; `triage` applies baselines and changed-file filters; `story` groups
//!   sources into stories (by key, or by what they say: `story::auto`) and picks a
//!   shard's stories (`story::shard`); `report` prints; `fix` turns the style book's
//!   rewrites into a patch for the user to apply (factdiff writes no source); `output` writes files
//!   (never onto an input); `error` is the one error type a run stops on, with its
//!   exit code; the binary's `cli` wires it together.
//!
//! A module uses only its own stage and those before it (`tests/stage_order.rs` checks
//! every `crate::` path against this order; `scripts/check-stage-order.sh` runs it).
//!
//! ```
//! use factdiff::load::{Document, Format};
//! use factdiff::rules::RuleSet;
//!
//! let (a, _) = Document::new("a", "a.txt", "Police said 12 people were hurt in the crash.".into(), Format::Text);
//! let (b, _) = Document::new("b", "b.txt", "Police said 15 people were hurt in the crash.".into(), Format::Text);
//! let analysis = factdiff::analyze(vec![a, b], &RuleSet::builtin());
//! let finding = &analysis.findings[0];
//! assert_eq!(finding.rule, "casualty-count");
//! assert_eq!(finding.evidence.len(), 2);
//! ```

// Every public item says what it is: the crate is a library too (README, "Using it as
// a library"), and `cargo doc` is its reference.
#![warn(missing_docs)]

pub mod analyze;
pub mod claims;
pub mod compare;
pub mod config;
pub mod error;
pub mod fix;
pub mod hash;
pub mod limits;
pub mod load;
pub mod mentions;
pub mod output;
pub mod quotes;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod span;
pub mod story;
#[cfg(test)]
mod tests;
pub mod triage;
pub mod unionfind;
pub mod vocab;
pub mod wordlists;
pub mod yaml;

pub use analyze::{analyze, Analysis, Keep};
pub use error::Error;

/// The README's Rust examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
