//! `spelling` findings: one entity written in more than one way.
//!
//! A short form of a fuller name ("Kowalska" for "Anna Kowalska", "E. Arnold" for
//! "Ed Arnold") is not a variant, nor are case, possessive or quote-style differences.
//! Each entity with two or more *full* spellings that do not contain one another gets one
//! finding, citing the first place each source uses each spelling.

use std::collections::BTreeMap;

use super::{stable_id, Evidence, Finding, FindingKind};
use crate::load::Document;
use crate::mentions::{EntityKind, Mention};
use crate::normalize::{compare_tokens, style_variant, Entity};
use crate::rules::RuleSet;
use crate::segment::Sentence;
use crate::vocab::Subject;

/// Is `short` a short form of `long`: its words, in order, among `long`'s (an initial
/// stands for a word it begins)?
fn shortens(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| {
        it.by_ref().any(|l| {
            l == s
                || (s.chars().count() == 1 && l.starts_with(s.as_str()))
                || (l.chars().count() == 1 && s.starts_with(l.as_str()))
        })
    })
}

/// The words of a form as the check compares them: no dots ("F.B.I." is "FBI"), "&" read
/// as "and", a demonym read as its place ("Honduran" is "Honduras"), and for names that
/// are not people, the last word's number and "-atic" adjective ("Democrats",
/// "Democratic", "Democrat") left out. Only the last word: an English plural or adjective
/// ending falls on the head, while "Pueblos Sin Fronteras" is another spelling.
fn style_free(words: &crate::mentions::Words, kind: EntityKind, toks: &[String]) -> Vec<String> {
    let mut t: Vec<String> = toks
        .iter()
        .map(|w| {
            let w: String = w.chars().filter(|c| *c != '.').collect();
            if w == "&" {
                "and".to_string()
            } else {
                w
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(place) = words.demonyms.get(&t.join(" ")) {
        return place.split_whitespace().map(str::to_lowercase).collect();
    }
    if kind != EntityKind::Person {
        if let Some(last) = t.last_mut() {
            let n = last.chars().count();
            if n >= 5 && last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") {
                last.pop();
            }
            if last.ends_with("atic") {
                last.truncate(last.len() - 2);
            }
        }
    }
    t
}

/// The spelling findings of a run, in entity order, one per entity and enabled spelling
/// rule (the shipped one and any of the user's): none when every spelling rule is
/// disabled. Severity and message come from the rule (`style_severity` when a form is
/// one the style book rejects).
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    rules: &RuleSet,
) -> Vec<Finding> {
    let spelling_rules: Vec<_> = rules.spelling().collect();
    if spelling_rules.is_empty() {
        return Vec::new();
    }
    let words = &rules.words;
    let mut out = Vec::new();
    for e in entities {
        // Folded spelling → (first mention per source, a display text).
        let mut forms: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        let mut order: Vec<Vec<String>> = Vec::new();
        for &m in &e.mentions {
            let k: Vec<String> = compare_tokens(words, &mentions[m].text)
                .into_iter()
                .map(|t| t.to_lowercase())
                .collect();
            if k.is_empty() {
                continue;
            }
            let exact: Vec<String> = mentions[m]
                .text
                .replace('’', "'")
                .to_lowercase()
                .split(|c: char| c.is_whitespace() || c == '-')
                .map(|t| {
                    // An apostrophe at a word's edge is a quote mark or an elision, not
                    // a spelling ("'Lil" / "Lil").
                    t.trim_end_matches("'s")
                        .trim_matches(['\'', '‘'])
                        .to_string()
                })
                .collect();
            // Accent differences are spellings too: key on the unfolded words.
            let key = if exact.len() == k.len() { exact } else { k };
            let key = style_free(words, e.kind, &key);
            let v = forms.entry(key.clone()).or_default();
            if v.is_empty() {
                order.push(key);
            }
            if !v.iter().any(|&x| mentions[x].doc == mentions[m].doc) {
                v.push(m);
            }
        }
        if order.len() < 2 {
            continue;
        }
        let folded = |k: &Vec<String>| -> Vec<String> {
            style_free(words, e.kind, &compare_tokens(words, &k.join(" ")))
        };
        let full: Vec<&Vec<String>> = order
            .iter()
            .filter(|k| {
                let fk = folded(k);
                !order
                    .iter()
                    .any(|o| o != *k && o.len() > k.len() && shortens(&fk, &folded(o)))
            })
            .collect();
        // Two full spellings that differ, or a short form that shortens none of them.
        let variant = full.len() >= 2
            || order.iter().any(|k| {
                let fk = folded(k);
                !full.iter().any(|f| shortens(&fk, &folded(f)))
            });
        if !variant {
            continue;
        }
        let mut evidence = Vec::new();
        let mut listed = Vec::new();
        let mut error = false;
        for k in &order {
            for &m in &forms[k] {
                let mt = &mentions[m];
                let sentence = sentences[mt.doc][mt.sentence].span;
                evidence.push(Evidence {
                    doc: mt.doc,
                    span: mt.span,
                    sentence,
                    value: None,
                });
                error |= style_variant(rules, &mt.text);
            }
            // The message names each spelling once with the sources that use it; a
            // plain short form of a full spelling ("Kowalska") is evidence, not news.
            let fk = folded(k);
            let short = !full.contains(&k) && full.iter().any(|f| shortens(&fk, &folded(f)));
            if let (false, Some(&first)) = (short, forms[k].first()) {
                let text = mentions[first]
                    .text
                    .trim_end_matches("'s")
                    .trim_end_matches("’s");
                let mut ids: Vec<String> = forms[k]
                    .iter()
                    .map(|&m| super::numeric::short_id(&docs[mentions[m].doc].source.id))
                    .collect();
                ids.dedup();
                listed.push(format!("\"{}\" ({})", text, ids.join(", ")));
            }
        }
        let mut content: Vec<String> = order.iter().map(|k| k.join(" ")).collect();
        content.push(format!("entity\u{1f}{}", e.canonical));
        for (rule, spelling) in &spelling_rules {
            out.push(Finding {
                id: stable_id(&rule.id, &content),
                rule: rule.id.clone(),
                kind: FindingKind::Spelling,
                severity: if error {
                    spelling.style_severity
                } else {
                    rule.severity
                },
                subject: Subject::whole(e.canonical.clone()),
                message: rule.render(&e.canonical, &e.canonical, &listed.join(", ")),
                evidence: evidence.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;
    use crate::vocab::Severity;

    fn run(texts: &[&str]) -> Vec<Finding> {
        run_with(&RuleSet::builtin(), texts)
    }

    #[test]
    fn an_apostrophe_at_a_words_edge_is_not_a_spelling() {
        let f = run(&[
            "Representatives of 'Brisk Tarwen and Nino could not be reached.",
            "Representatives of Brisk Tarwen could not be reached.",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn surname_only_is_not_a_variant() {
        assert!(run(&["Kacper Rekawek spoke. Rekawek's view was clear."]).is_empty());
        assert!(run(&["Ed Arnold spoke. Later E. Arnold left."]).is_empty());
    }

    #[test]
    fn case_possessive_and_quotes_are_not_variants() {
        assert!(run(&["KACPER REKAWEK spoke.", "Kacper Rekawek's view was clear."]).is_empty());
    }

    #[test]
    fn a_misspelt_name_is_a_variant_with_evidence_per_form() {
        let f = run(&[
            "Kacper Rekawek said so.",
            "Kachper Rekauek said so. Rekauek left.",
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].kind, FindingKind::Spelling);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].evidence.len(), 3);
        assert!(
            f[0].message.contains("\"Kachper Rekauek\" (d1)"),
            "{}",
            f[0].message
        );
        // The id does not depend on positions.
        let g = run(&[
            "Intro. Kacper Rekawek said so.",
            "Kachper Rekauek said so. Rekauek left.",
        ]);
        assert_eq!(f[0].id, g[0].id);
    }

    #[test]
    fn a_surname_misspelt_within_a_source_is_a_variant() {
        let f = run(&["Liz Truss spoke. Trus left."]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, "Liz Truss");
    }

    fn run_with(rules: &RuleSet, texts: &[&str]) -> Vec<Finding> {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(&format!("d{i}"), "x.txt", t.to_string(), Format::Text).0)
            .collect();
        let s: Vec<_> = docs
            .iter()
            .map(|d| crate::segment::sentences(&d.text))
            .collect();
        let ms = crate::mentions::detect_all(&docs, &s, &rules.words);
        let es = crate::normalize::cluster(&ms, rules);
        findings(&docs, &s, &ms, &es, rules)
    }

    fn spelling_rule(rules: &mut RuleSet) -> &mut crate::rules::Rule {
        rules
            .rules_mut()
            .iter_mut()
            .find(|r| matches!(r.body, crate::rules::RuleBody::Spelling(_)))
            .expect("a spelling rule ships")
    }

    const PAIR: [&str; 2] = [
        "Talks with Marek Wozniacki went on.",
        "Talks with Marek Wozniaki went on.",
    ];

    #[test]
    fn severity_comes_from_the_rule() {
        let mut rules = RuleSet::builtin();
        spelling_rule(&mut rules).severity = Severity::Info;
        let f = run_with(&rules, &PAIR);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn style_book_severity_comes_from_the_rule() {
        let mut rules = RuleSet::builtin();
        if let crate::rules::RuleBody::Spelling(s) = &mut spelling_rule(&mut rules).body {
            s.style_severity = Severity::Warning;
        }
        let f = run_with(
            &rules,
            &["Talks in Kyiv went on.", "Talks in Kiev went on."],
        );
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn message_is_the_rules_template() {
        let mut rules = RuleSet::builtin();
        spelling_rule(&mut rules).message = "{subject}|{entity}|{values}".into();
        let f = run_with(&rules, &PAIR);
        assert_eq!(
            f[0].message,
            "Marek Wozniacki|Marek Wozniacki|\"Marek Wozniacki\" (d0), \"Marek Wozniaki\" (d1)"
        );
    }

    #[test]
    fn a_disabled_rule_gives_no_findings() {
        let mut rules = RuleSet::builtin();
        spelling_rule(&mut rules).enabled = false;
        assert!(run_with(&rules, &PAIR).is_empty());
    }

    #[test]
    fn id_is_the_rules_stable_id() {
        let mut rules = RuleSet::builtin();
        let a = run_with(&rules, &PAIR);
        assert!(a[0].id.starts_with("spelling-variant-"), "{}", a[0].id);
        assert_eq!(a[0].rule, "spelling-variant");
        spelling_rule(&mut rules).id = "house-spelling".into();
        let b = run_with(&rules, &PAIR);
        assert!(b[0].id.starts_with("house-spelling-"), "{}", b[0].id);
        assert_eq!(b[0].rule, "house-spelling");
    }

    #[test]
    fn style_differences_are_not_variants() {
        // Dots in an acronym, "&" for "and", a place and its demonym.
        assert!(run(&["The Q.R.T. met.", "The QRT met."]).is_empty());
        assert!(run(&["The Hill & Dale Club met.", "The Hill and Dale Club met."]).is_empty());
        assert!(run(&[
            "They flew from Moldova.",
            "The Moldovan envoy flew to Moldova."
        ])
        .is_empty());
        // A group's singular, plural and adjective.
        assert!(run(&["The Whigs met.", "One Whig spoke."]).is_empty());
    }

    #[test]
    fn a_letter_inside_a_name_is_still_a_variant() {
        let f = run(&[
            "Members of Caminos Sin Muros marched.",
            "Members of Camino Sin Muros marched.",
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = run(&[
            "Talks with Omar Williams went on.",
            "Talks with Omar William went on.",
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn style_book_variant_is_an_error() {
        let f = run(&["Talks in Kyiv went on.", "Talks in Kiev went on."]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].subject, "Kyiv");
    }

    #[test]
    fn a_users_own_spelling_rule_runs_beside_the_shipped_one() {
        let mut rules = RuleSet::builtin();
        let own = crate::rules::schema::parse_file(
            "- id: house-spelling\n  kind: spelling\n  severity: info\n  style_severity: info\n",
            &crate::vocab::Origin::File("house.yaml".into()),
        )
        .unwrap();
        rules.rules_mut().extend(own);
        let f = run_with(
            &rules,
            &["Talks in Kyiv went on.", "Talks in Kiev went on."],
        );
        let ids: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(ids, ["spelling-variant", "house-spelling"], "{f:#?}");
        assert_eq!(f[1].severity, Severity::Info);
    }
}
