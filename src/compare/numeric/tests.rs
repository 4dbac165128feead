use std::collections::BTreeSet;

use super::counts::{aligned, aligned_compact, compact_key, key, signature, unit_block, Vocab};
use super::groups::Side;
use super::slots::{class_key, class_signature, group_side, same_group, SlotContext};
use super::{gap_ratio, interval, rule_for, Coverage};
use crate::claims::quantity::features::{event_class, stems, Stems};
use crate::claims::quantity::Features;
use crate::claims::{Claim, NumberKind, Qualifier, Revision, Slot, Value};
use crate::compare::{Finding, FindingKind, Severity};
use crate::load::Document;
use crate::rules::{NumericRule, RuleSet};
use crate::span::Span;

fn claim(doc: usize, q: Qualifier, v: f64) -> Claim {
    Claim {
        doc,
        sentence: 0,
        span: Span::new(0, 1),
        kind: NumberKind::Quantity,
        value: match q {
            Qualifier::AtMost | Qualifier::LessThan => Value {
                low: None,
                high: Some(v),
            },
            Qualifier::AtLeast | Qualifier::MoreThan => Value {
                low: Some(v),
                high: None,
            },
            _ => Value::exact(v),
        },
        qualifier: q,
        unit: None,
        vague: false,
        subject: Some("fighters".into()),
        subject_head: Some("fighter".into()),
        verb: None,
        anchors: vec![],
        entities: vec![],
        attributed_to: None,
        fact: crate::claims::Fact::default(),
        role: None,
    }
}

fn rule() -> NumericRule {
    let set = RuleSet::builtin();
    let (_, n) = set
        .numeric()
        .find(|(r, _)| r.id == "numeric-mismatch")
        .unwrap();
    n.clone()
}

fn conflict(a: &Claim, b: &Claim) -> Option<f64> {
    let r = rule();
    gap_ratio(interval(a, &r)?, interval(b, &r)?)
}

#[test]
fn about_1000_and_around_17000_conflict_as_an_error() {
    let g = conflict(
        &claim(0, Qualifier::Approximately, 1000.0),
        &claim(1, Qualifier::Approximately, 17000.0),
    );
    assert!(g.unwrap() >= 2.0);
}

#[test]
fn more_than_100_and_about_100_agree() {
    assert!(conflict(
        &claim(0, Qualifier::MoreThan, 100.0),
        &claim(1, Qualifier::Approximately, 100.0)
    )
    .is_none());
}

#[test]
fn fewer_than_1000_and_about_1000_are_at_most_a_warning() {
    let g = conflict(
        &claim(0, Qualifier::LessThan, 1000.0),
        &claim(1, Qualifier::Approximately, 1000.0),
    );
    assert!(g.is_none_or(|g| g < 2.0));
}

#[test]
fn about_200_and_roughly_400_conflict() {
    assert!(conflict(
        &claim(0, Qualifier::Approximately, 200.0),
        &claim(1, Qualifier::Approximately, 400.0)
    )
    .is_some());
}

#[test]
fn years_and_events_keep_quantities_apart() {
    let f = |event: Option<&str>, subject: &str, ys: &[u32]| Features {
        unit: None,
        measure: None,
        status: None,
        event: event.and_then(event_class),
        stems: stems(subject),
        context: stems(subject),
        head: subject.split(' ').next_back().map(String::from),
        years: ys.iter().copied().collect(),
    };
    assert!(aligned(
        &f(None, "foreign fighters", &[2014]),
        &f(None, "foreigners involved", &[2014])
    ));
    assert!(!aligned(
        &f(None, "foreign fighters", &[2014]),
        &f(None, "foreign fighters", &[2022])
    ));
    assert!(!aligned(
        &f(Some("join"), "people", &[]),
        &f(Some("sign up"), "people", &[])
    ));
    assert!(!aligned(
        &f(Some("kill"), "people", &[]),
        &f(Some("facilitate"), "people", &[])
    ));
    assert!(aligned(
        &f(Some("kill"), "people", &[]),
        &f(Some("die"), "", &[])
    ));
    assert!(!aligned(&f(None, "people", &[]), &f(None, "people", &[])));
}

#[test]
fn subtypes_and_durations_are_not_aligned() {
    let f = |subject: &str, head: &str, unit: Option<&str>| Features {
        unit: unit.map(String::from),
        measure: None,
        status: None,
        event: None,
        stems: stems(subject),
        context: stems(subject),
        head: Some(head.into()),
        years: BTreeSet::new(),
    };
    assert!(!aligned(
        &f("gunshot victims", "victim", None),
        &f("victims", "victim", None)
    ));
    assert!(aligned(
        &f("victims", "victim", None),
        &f("victims", "victim", None)
    ));
    assert!(!aligned(
        &f("closure", "closure", Some("hours")),
        &f("closure", "closure", Some("hours"))
    ));
}

/// The numeric findings for a story of invented sources, one text each.
fn run(texts: &[&str]) -> Vec<Finding> {
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let id = format!("s{}", k + 1);
            Document::new(
                &id,
                &format!("{id}.txt"),
                t.to_string(),
                crate::load::Format::Text,
            )
            .0
        })
        .collect();
    crate::analyze(docs, &RuleSet::builtin())
        .findings
        .into_iter()
        .filter(|f| f.kind == FindingKind::Numeric)
        .collect()
}

#[test]
fn times_of_the_same_moment_are_compared_by_their_hedges() {
    let f = run(&[
        "Witnesses said the fight broke out about 2:13 a.m. at the Quill Lounge.",
        "A fight broke out around 2:15 a.m. at the Quill Lounge, police said.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, "time-of-day");
    // "around 2:30" reaches five minutes either side: 2:27 agrees with it.
    let f = run(&[
        "Residents first heard shots at 2:27 a.m. near the Quill Lounge.",
        "Shots were first heard around 2:30 a.m. near the Quill Lounge.",
    ]);
    assert!(f.is_empty(), "{f:?}");
    // A start and an end are different moments.
    let f = run(&[
        "Neighbours first heard shots at 2:10 a.m. on the quay.",
        "The gunfire stopped at 2:50 a.m. on the quay.",
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn zoned_times_are_compared_in_utc() {
    let f = run(&[
        "The polls first opened at 9 a.m. EDT on Tuesday.",
        "The polls first opened at 13:00 GMT on Tuesday.",
    ]);
    assert!(f.is_empty(), "{f:?}");
    let f = run(&[
        "The polls first opened at 9 a.m. EDT on Tuesday.",
        "The polls first opened at 14:00 GMT on Tuesday.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn a_person_outside_the_age_range_of_their_group_is_a_finding() {
    let f = run(&[
        "The wounded included four women aged 30 to 41.",
        "A 29-year-old woman was taken to Mercy Hospital.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, "age-range");
    let f = run(&[
        "The wounded included four women aged 30 to 41.",
        "A 29-year-old man was taken to Mercy Hospital.",
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_house_number_miswritten_by_one_digit_is_a_finding_two_places_are_not() {
    let f = run(&[
        "Police were called to 24 Quill St. after midnight.",
        "Officers arrived at 25 Quill Street after midnight.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, "address-number");
    // A far number on the same street is another building; a source that gives
    // both numbers names two places.
    let f = run(&[
        "Police were called to 24 Quill St. after midnight.",
        "The shooters hid at 61-63 Quill St. across the road.",
    ]);
    assert!(f.is_empty(), "{f:?}");
    let f = run(&[
        "Police were called to 24 Quill St., next to 25 Quill St.",
        "Officers arrived at 25 Quill Street after midnight.",
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_first_report_against_a_later_figure_is_an_info_update() {
    let f = run(&[
        "Police initially said two people had been killed in the crash.",
        "Three people were killed in the crash on Route 9.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].rule.as_str(), f[0].severity),
        ("numeric-update", Severity::Info)
    );
}

#[test]
fn one_disagreement_among_three_sources_is_one_finding_naming_the_odd_one_out() {
    let f = run(&[
        "Six people were injured in the blast at the depot.",
        "Six people were injured in the blast, officials said.",
        "Eight people were injured in the blast at the depot.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].evidence.len(), 3);
    assert!(
        f[0].message
            .ends_with("most sources give Six, s3 gives another value"),
        "{}",
        f[0].message
    );
    let m = f[0]
        .majority
        .as_ref()
        .expect("a majority among three sources");
    assert_eq!(
        (m.value.as_str(), &m.agree[..], &m.differ[..]),
        ("Six", &[0, 1][..], &[2][..])
    );
}

#[test]
fn an_amount_is_tied_to_the_measure_it_is_of() {
    // 130 km/h is 81 mph: not 60 mph.
    let f = run(&[
        "The driver reached a speed of 130 km/h on the ring road.",
        "The driver reached a speed of 60 mph on the ring road.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    // Distances share only their unit: two places, no finding.
    assert!(run(&[
        "The depot is a distance of 30 km from Dellmoor.",
        "The depot is a distance of 50 km from Quillby.",
    ])
    .is_empty());
}

#[test]
fn no_majority_when_no_value_leads_or_only_two_sources_speak() {
    let tie = run(&[
        "Six people were injured in the blast at the depot.",
        "Seven people were injured in the blast, officials said.",
        "Eight people were injured in the blast at the depot.",
    ]);
    assert_eq!(tie.len(), 1, "{tie:?}");
    assert_eq!(tie[0].majority, None);
    assert!(
        !tie[0].message.contains("most sources"),
        "{}",
        tie[0].message
    );
    let two = run(&[
        "Six people were injured in the blast at the depot.",
        "Eight people were injured in the blast at the depot.",
    ]);
    assert_eq!(two.len(), 1, "{two:?}");
    assert_eq!(two[0].majority, None);
}

#[test]
fn amounts_in_different_units_are_compared_converted() {
    let f = run(&[
        "The tanker spilled 1,000 gallons of fuel into the bay.",
        "The tanker spilled 3,785 litres of fuel into the bay.",
    ]);
    assert!(f.is_empty(), "{f:?}");
    let f = run(&[
        "The tanker spilled 1,000 gallons of fuel into the bay.",
        "The tanker spilled 1,000 litres of fuel into the bay.",
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn how_often_is_not_how_many() {
    let f = run(&[
        "Six men were wounded; one woman was shot seven times.",
        "Six men were wounded in the attack.",
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_users_rule_is_tried_before_the_shipped_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("rules.yaml"),
        "- id: loose-times\n  kind: numeric\n  message: \"{subject}: {values}\"\n  severity: info\n  match: { slots: [time_of_day] }\n  tolerance: { absolute: 30 }\n",
    )
    .expect("rule file");
    let rules = RuleSet::load(&[dir.path().to_path_buf()]).expect("rules load");
    let docs: Vec<Document> = [
        "The fight broke out about 2:13 a.m. at the Quill Lounge.",
        "A fight broke out around 2:15 a.m. at the Quill Lounge.",
    ]
    .iter()
    .enumerate()
    .map(|(k, t)| {
        Document::new(
            &format!("s{k}"),
            "s.txt",
            t.to_string(),
            crate::load::Format::Text,
        )
        .0
    })
    .collect();
    let f = crate::analyze(docs, &rules).findings;
    assert!(f.iter().all(|f| f.kind != FindingKind::Numeric), "{f:?}");
}

use crate::tests::dice;

/// Counts drawn from a small vocabulary, so that units, heads, stems and years often
/// meet: [`aligned_compact`] answers as [`aligned`] for every pair, and two aligned
/// counts are in the same unit block.
#[test]
fn compact_alignment_is_alignment() {
    let mut next = dice(0x51f1_5eed_0bad_cafe);
    let words = [
        "pilot", "crew", "wing", "glider", "valley", "people", "hours",
    ];
    let pick = |next: &mut dyn FnMut(usize) -> usize, n: usize| -> Stems {
        (0..next(n))
            .map(|_| words[next(words.len())].into())
            .collect()
    };
    let units = [None, Some("people"), Some("hours"), Some("kilometres")];
    let feats: Vec<Features> = (0..160)
        .map(|_| Features {
            unit: units[next(units.len())].map(String::from),
            measure: None,
            status: [None, Some("missing"), Some("critical")][next(3)].map(String::from),
            event: [None, event_class("kill"), event_class("injure")][next(3)],
            stems: pick(&mut next, 3),
            context: pick(&mut next, 5),
            head: [None, Some("pilot"), Some("crew")][next(3)].map(String::from),
            years: (0..next(3)).map(|_| 2040 + next(3) as u32).collect(),
        })
        .collect();
    let mut vocab = Vocab::default();
    let compact: Vec<_> = feats.iter().map(|f| vocab.compact(f)).collect();
    let mut seen = [0, 0];
    for (i, a) in feats.iter().enumerate() {
        for (j, b) in feats.iter().enumerate() {
            let want = aligned(a, b);
            assert_eq!(
                aligned_compact(&compact[i], &compact[j]),
                want,
                "{a:?} {b:?}"
            );
            if want {
                assert_eq!(unit_block(a), unit_block(b), "{a:?} {b:?}");
            }
            seen[usize::from(want)] += 1;
        }
    }
    // Both answers are common enough for the comparison to mean something.
    assert!(seen[0] > 1000 && seen[1] > 1000, "{seen:?}");
}

/// Coverage read once per claim picks the rule [`rule_for`] picks, for claims of
/// every slot, verb, unit and subject the rules look at, with a user's rule that
/// matches subjects by pattern tried first.
#[test]
fn coverage_picks_the_rule_of_each_pair() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("rules.yaml"),
        "- id: glider-counts\n  kind: numeric\n  message: \"{subject}: {values}\"\n  severity: info\n  match: { subjects: [\"glid\"] }\n",
    )
    .expect("rule file");
    let set = RuleSet::load(&[dir.path().to_path_buf()]).expect("rules load");
    let mut rules: Vec<_> = set.numeric().collect();
    rules.sort_by_key(|(r, _)| r.origin.is_builtin());
    assert!(rules.len() >= 3);
    let mut next = dice(0x0dd_ba11_f00d);
    let claims: Vec<Claim> = (0..120)
        .map(|k| {
            let mut c = claim(k % 4, Qualifier::Exact, next(50) as f64);
            c.subject = [None, Some("gliders"), Some("pilots"), Some("hang glider")][next(4)]
                .map(String::from);
            c.verb = [None, Some("kill"), Some("rescue"), Some("cost")][next(4)].map(String::from);
            c.unit =
                [None, Some("people"), Some("dollars"), Some("minutes")][next(4)].map(String::from);
            c.fact.slot = [
                Slot::Count,
                Slot::Amount,
                Slot::Price,
                Slot::Age,
                Slot::TimeOfDay,
            ][next(5)];
            // Days alike and different, with a time or without, too short for a day,
            // and first reports: what makes a pair an update.
            c.fact.as_of.source_date = [
                None,
                Some("2041-03-02"),
                Some("2041-03-02T08:15"),
                Some("2041-03-05"),
                Some("2041"),
                Some("2041-03-0é"),
            ][next(6)]
            .map(String::from);
            c.fact.as_of.revision =
                [None, None, Some(Revision::Initial), Some(Revision::Current)][next(4)];
            c
        })
        .collect();
    let coverage = Coverage::new(&rules, claims.iter());
    let mut found = 0;
    for (i, a) in claims.iter().enumerate() {
        for (j, b) in claims.iter().enumerate() {
            let want = rule_for(&rules, a, b).map(|(r, _)| r);
            assert_eq!(
                coverage.rule_for(&rules, (i, a), (j, b)).map(|(r, _)| r),
                want
            );
            found += usize::from(want.is_some());
        }
    }
    assert!(found > 100, "{found}");
}

#[test]
fn ages_of_a_group_and_of_one_person_are_on_two_sides() {
    let person = |group: bool| {
        let mut c = claim(0, Qualifier::Exact, 30.0);
        c.fact.group = group;
        c
    };
    let cx = SlotContext::default();
    for a in [false, true] {
        for b in [false, true] {
            let (x, y) = (group_side(&person(a)), group_side(&person(b)));
            // The blocks keep apart only pairs `same_group` refuses.
            if x.key != y.key || (x.side != Side::Any && x.side == y.side) {
                assert!(!same_group(&person(a), &person(b), &cx));
            }
            assert_eq!(same_group(&person(a), &person(b), &cx), a != b);
        }
    }
}

/// Claims are classed by their borrowed fields ([`key`]) exactly as by their written
/// signature: two claims have equal keys when, and only when, their signatures are
/// equal, over counts drawn from a small vocabulary so that most fields often agree.
#[test]
fn claim_keys_class_claims_as_their_signatures_do() {
    let mut next = dice(0x0c1a_55e5_5eed_7777);
    let words = [
        "rower", "crew", "boat", "lake", "people", "hours", "a|b", "\"x\"",
    ];
    let some = |next: &mut dyn FnMut(usize) -> usize| -> Option<String> {
        (next(3) > 0).then(|| words[next(words.len())].to_string())
    };
    let set = |next: &mut dyn FnMut(usize) -> usize| -> Stems {
        (0..next(3))
            .map(|_| words[next(words.len())].into())
            .collect()
    };
    let qualifiers = [
        Qualifier::Exact,
        Qualifier::Approximately,
        Qualifier::AtLeast,
    ];
    let values = [1.0, 2.0, -0.0, 0.0, f64::INFINITY];
    let bases: Vec<(Features, Claim)> = (0..30)
        .map(|_| {
            let f = Features {
                unit: some(&mut next),
                measure: None,
                status: None,
                event: [None, event_class("kill"), event_class("injure")][next(3)],
                stems: set(&mut next),
                context: set(&mut next),
                head: some(&mut next),
                years: (0..next(2)).map(|_| 2040 + next(2) as u32).collect(),
            };
            let mut c = claim(next(3), qualifiers[next(3)], values[next(values.len())]);
            c.verb = some(&mut next);
            c.unit = some(&mut next);
            c.subject = some(&mut next);
            (f, c)
        })
        .collect();
    // Copies of a few claims, each with at most one field drawn again.
    let items: Vec<(Features, Claim)> = (0..300)
        .map(|_| {
            let (mut f, mut c) = bases[next(bases.len())].clone();
            match next(16) {
                0 => f.unit = some(&mut next),
                1 => f.event = [None, event_class("kill")][next(2)],
                2 => f.stems = set(&mut next),
                3 => f.context = set(&mut next),
                4 => f.head = some(&mut next),
                5 => f.years = (0..next(2)).map(|_| 2040 + next(2) as u32).collect(),
                6 => c.verb = some(&mut next),
                7 => c.unit = some(&mut next),
                8 => c.subject = some(&mut next),
                9 => c.qualifier = qualifiers[next(3)],
                10 => c.value.low = Some(values[next(values.len())]),
                11 => c.value.high = Some(values[next(values.len())]),
                12 => c.doc = next(5),
                _ => {}
            }
            (f, c)
        })
        .collect();
    let mut vocab = Vocab::default();
    let compact: Vec<_> = items.iter().map(|(f, _)| vocab.compact(f)).collect();
    let mut equal = 0;
    for ((fa, ca), xa) in items.iter().zip(&compact) {
        for ((fb, cb), xb) in items.iter().zip(&compact) {
            let same = signature(fa, ca) == signature(fb, cb);
            assert_eq!(
                key(fa, ca) == key(fb, cb),
                same,
                "{fa:?} {ca:?} / {fb:?} {cb:?}"
            );
            assert_eq!(
                compact_key(xa, ca) == compact_key(xb, cb),
                same,
                "{fa:?} {ca:?} / {fb:?} {cb:?}"
            );
            equal += usize::from(same);
        }
    }
    // Equal keys of different claims occur (not only each claim with itself).
    assert!(equal > items.len(), "{equal}");
}

/// A finding's value lines, written once per distinct value, are what writing every
/// claim's line, sorting and keeping each once gives: claims drawn from a few values
/// (both zeros, open sides, an infinity) and subjects (none and an empty one write
/// alike), many repeated.
#[test]
fn value_lines_written_once_are_every_claims_lines() {
    let mut next = dice(0x7a1e_5eed_0b5e_1111);
    let values = [
        (None, Some(1.0)),
        (Some(2.5), Some(2.5)),
        (Some(-0.0), Some(0.0)),
        (Some(0.0), Some(-0.0)),
        (Some(f64::INFINITY), None),
    ];
    let subjects = [None, Some("rowers"), Some("crew"), Some("")];
    let mut repeated = 0;
    for n in [0, 1, 2, 5, 40, 300] {
        let value = |next: &mut dyn FnMut(usize) -> usize| {
            let (low, high) = values[next(values.len())];
            Value { low, high }
        };
        let claims: Vec<Claim> = (0..n)
            .map(|_| {
                let mut c = claim(next(3), Qualifier::Exact, 1.0);
                c.value = value(&mut next);
                c.fact.value = value(&mut next);
                c.subject = subjects[next(subjects.len())].map(String::from);
                c
            })
            .collect();
        let cs: Vec<&Claim> = claims.iter().collect();
        let mut want: Vec<String> = cs
            .iter()
            .map(|c| {
                format!(
                    "{:?}|{:?}|{}",
                    c.value,
                    c.fact.value,
                    c.subject.as_deref().unwrap_or("")
                )
            })
            .collect();
        want.sort();
        want.dedup();
        repeated += n - want.len();
        assert_eq!(super::value_lines(&cs), want, "{n}");
    }
    assert!(repeated > 100, "{repeated}");
}

/// Slot claims are classed by their borrowed fields ([`class_key`]) exactly as by
/// their written signature, over fields drawn from a few values each (signed zeros,
/// NaNs of two payloads) so that most claims agree with some other in all of them.
#[test]
fn slot_class_keys_class_claims_as_their_signatures_do() {
    let mut next = dice(0x5107_c1a5_5e5e_0001);
    let keys = ["start", "end", "male", "oak st", "a|b"];
    let dates = [None, Some("2040-03-01"), Some("Sunday | \"x\"")];
    let nan2 = f64::from_bits(f64::NAN.to_bits() | 1);
    let values = [1.0, 2.0, -0.0, 0.0, f64::INFINITY, f64::NAN, nan2];
    let revisions = [None, Some(Revision::Initial), Some(Revision::Current)];
    let mut draw = |field: usize, key: &mut &str, c: &mut Claim| match field {
        0 => *key = keys[next(keys.len())],
        1 => c.fact.value.low = [None, Some(values[next(values.len())])][next(2)],
        2 => c.fact.value.high = [None, Some(values[next(values.len())])][next(2)],
        3 => c.fact.as_of.source_date = dates[next(dates.len())].map(str::to_string),
        4 => c.fact.as_of.weekday = [None, Some(0), Some(6)][next(3)],
        5 => c.fact.as_of.revision = revisions[next(revisions.len())],
        6 => c.fact.utc_offset = [None, Some(-4.0), Some(-0.0), Some(0.0)][next(4)],
        7 => c.fact.group = next(2) == 1,
        8 => c.doc = next(3),
        _ => {}
    };
    let bases: Vec<(&str, Claim)> = (0..20)
        .map(|_| {
            let (mut key, mut c) = ("start", claim(0, Qualifier::Exact, 1.0));
            for field in 0..9 {
                draw(field, &mut key, &mut c);
            }
            (key, c)
        })
        .collect();
    // Copies of a few claims, each with at most one field drawn again.
    let mut pick = dice(0x5107_c1a5_5e5e_0002);
    let items: Vec<(&str, Claim)> = (0..250)
        .map(|_| {
            let (mut key, mut c) = bases[pick(bases.len())].clone();
            draw(pick(12), &mut key, &mut c);
            (key, c)
        })
        .collect();
    let mut equal = 0;
    for (ka, ca) in &items {
        for (kb, cb) in &items {
            let same = class_signature(ka, ca) == class_signature(kb, cb);
            assert_eq!(
                class_key(ka, ca) == class_key(kb, cb),
                same,
                "{ka} {:?} / {kb} {:?}",
                ca.fact,
                cb.fact
            );
            equal += usize::from(same);
        }
    }
    // Equal keys of different claims occur (not only each claim with itself).
    assert!(equal > items.len(), "{equal}");
}
