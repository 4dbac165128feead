use super::features::{measure_noun, years};
use super::Role;
use crate::load::Document;
use crate::segment::Sentence;

fn doc(text: &str) -> (Vec<Document>, Vec<Vec<Sentence>>) {
    let (d, _) = Document::new("a", "a.txt", text.to_string(), crate::load::Format::Text);
    let s = crate::segment::sentences(&d.text);
    (vec![d], vec![s])
}

/// The role of every count the numeric rules look at, by its words.
fn roles_of(text: &str) -> Vec<(String, Role)> {
    let (docs, sents) = doc(text);
    let claims = crate::claims::extract_all(&docs, &sents, &[], &[]);
    claims
        .iter()
        .filter_map(|c| Some((c.span.of(&docs[0].text).to_string(), c.role?)))
        .collect()
}

#[test]
fn parts_additions_and_background_are_not_wholes() {
    let r = roles_of("Last summer, eight people were injured at the mall.");
    assert_eq!(r, [("eight".to_string(), Role::Background)]);
    let r = roles_of("Five people are dead and six more were shot.");
    assert!(r.contains(&("six".to_string(), Role::Additional)), "{r:?}");
    assert!(r.contains(&("Five".to_string(), Role::Whole)), "{r:?}");
    let r = roles_of("Police named two of the three people who died.");
    assert!(r.contains(&("two".to_string(), Role::Part)), "{r:?}");
    let r = roles_of("Officers found 13 people, 11 men and two women, with wounds.");
    assert!(r.contains(&("13".to_string(), Role::Whole)), "{r:?}");
    assert!(r.contains(&("11".to_string(), Role::Part)), "{r:?}");
}

#[test]
fn the_injured_listed_apart_from_the_shot_are_a_category_of_their_own() {
    let r = roles_of("Two people are dead, four more shot, and nearly 30 injured at the fair.");
    assert!(r.contains(&("nearly 30".to_string(), Role::Part)), "{r:?}");
    // A revision's addition is a change over time, not a category.
    let r = roles_of("Police initially said two had been killed, but two more have since died.");
    assert!(r.contains(&("two".to_string(), Role::Whole)), "{r:?}");
}

#[test]
fn only_whole_counts_have_what_alignment_reads() {
    let (docs, sents) =
        doc("Five people are dead and six more were shot. The crash was on Monday.");
    let claims = crate::claims::extract_all(&docs, &sents, &[], &[]);
    let features = super::features_all(&docs, &sents, &claims);
    let of = |number: &str| {
        let i = claims
            .iter()
            .position(|c| c.span.of(&docs[0].text) == number)
            .expect("a count");
        (claims[i].role, features[i].as_ref())
    };
    let (role, five) = of("Five");
    assert_eq!(role, Some(Role::Whole));
    assert_eq!(five.and_then(|f| f.unit.as_deref()), Some("people"));
    let (role, six) = of("six");
    assert_eq!((role, six.is_none()), (Some(Role::Additional), true));
}

#[test]
fn features_read_by_sentence_are_the_features_of_each_count() {
    // Several whole counts in one sentence, in the next, and a sentence without a year.
    let (docs, sents) = doc("In 2019, 12 people died and 40 were hurt in Dellmoor. \
        Later 30 people fled, 20 homes burned and 5 km of road closed. \
        Rescuers saved 7 dogs. The fire spread 3 miles.");
    let claims = crate::claims::extract_all(&docs, &sents, &[], &[]);
    let got = super::features_all(&docs, &sents, &claims);
    let want: Vec<_> = claims
        .iter()
        .map(|c| {
            (c.role == Some(Role::Whole))
                .then(|| super::features::features(c, &docs[0].text, &sents[0]))
        })
        .collect();
    assert!(want.iter().flatten().count() >= 4, "{want:?}");
    assert_eq!(got, want);
}

#[test]
fn a_measure_is_the_noun_before_of() {
    assert_eq!(measure_noun("reached a speed of "), Some("speed".into()));
    assert_eq!(measure_noun("a total of"), None);
    assert_eq!(measure_noun("the speed chief of"), None);
    assert_eq!(measure_noun("the speedof"), None);
}

#[test]
fn years_are_read_but_not_amounts() {
    assert_eq!(
        years("in 2014 and 1,2014 or $2014"),
        [2014].into_iter().collect()
    );
    assert_eq!(
        years("between 1936 and 1938"),
        [1936, 1938].into_iter().collect()
    );
}

#[test]
fn the_hashed_event_class_is_the_first_group_listing_the_verb() {
    let mut verbs: Vec<String> = super::features::EVENTS.iter().flatten().cloned().collect();
    let upper: Vec<String> = verbs.iter().map(|v| v.to_uppercase()).collect();
    verbs.extend(upper);
    verbs.extend(
        [
            "", "walked", "KILLED", "Wounded", "İnjured", "shot's", "dıed",
        ]
        .map(String::from),
    );
    for v in &verbs {
        let want = {
            let low = v.to_lowercase();
            super::features::EVENTS
                .iter()
                .position(|g| g.contains(&low))
                .map(|i| i.to_string())
        };
        // The definition: the place of the first group listing the lower-cased verb.
        let got = super::features::event_class(v).map(|c| c.to_string());
        assert_eq!(got, want, "{v}");
    }
}

/// `stems` as first written: a new lower-cased string per word, the generic words
/// in an ordered set.
fn stems_by_definition(subject: &str) -> std::collections::BTreeSet<String> {
    let generic: std::collections::BTreeSet<&String> = super::features::GENERIC.iter().collect();
    subject
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !generic.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| crate::wordlists::stem::stem(&w))
        .collect()
}

#[test]
fn stems_are_the_stems_by_definition() {
    let generic: Vec<String> = super::features::GENERIC.iter().cloned().collect();
    let mut texts: Vec<String> = vec![
        "Five People were KILLED and 12 wounded in the Dellmoor blast, police said.".into(),
        "İstanbul's ÉCOLE pupils, 2019's 300-strong march; Zoë's co-workers".into(),
        "".into(),
        "--- 42 ---".into(),
        "-Lead- the well-known X-ray, 3-0 win:runs;and(more) DONE.".into(),
        "  Two  \t spaces\nand tabs-  ".into(),
        "a".into(),
    ];
    texts.push(generic.join(" "));
    texts.push(
        generic
            .iter()
            .map(|g| g.to_uppercase())
            .collect::<Vec<_>>()
            .join(", "),
    );
    // Twice over: the second time from what the thread remembers.
    for _ in 0..2 {
        for t in &texts {
            let got: std::collections::BTreeSet<String> = super::features::stems(t)
                .iter()
                .map(|s| s.to_string())
                .collect();
            assert_eq!(got, stems_by_definition(t), "{t}");
        }
    }
}

/// `years` as first written: a look at every byte.
fn years_by_definition(text: &str) -> std::collections::BTreeSet<u32> {
    let b = text.as_bytes();
    let mut out = std::collections::BTreeSet::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let boundary_after = i + 4 == b.len() || !b[i + 4].is_ascii_alphanumeric();
        if boundary_before && boundary_after && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            let y: u32 = text[i..i + 4].parse().unwrap_or(0);
            if (1800..2100).contains(&y) && !(i > 0 && matches!(b[i - 1], b',' | b'.' | b'$')) {
                out.insert(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn years_read_by_runs_are_the_years_by_definition() {
    let mut texts: Vec<String> = [
        "In 2019 and 1999, not 1799 or 2100, nor $2015, 3,2016 or v.2017; (2018)",
        "2020",
        "x2020 2020x 20201 202 1850é1851 “1900” 1900's 1900-1901/1902",
        "",
    ]
    .map(String::from)
    .to_vec();
    // Invented strings over an alphabet of digits, letters, signs and a wide letter.
    let alphabet: Vec<char> = "0128919 a,.$-é20".chars().collect();
    let mut seed: u64 = 7;
    for round in 0..6000 {
        let mut t = String::new();
        // Some longer than the sixteen bytes `years` looks at at once.
        let len = if round < 4000 { seed % 24 } else { seed % 80 };
        for _ in 0..len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        texts.push(t);
    }
    let mut found = 0;
    for t in &texts {
        let want = years_by_definition(t);
        found += want.len();
        assert_eq!(years(t), want, "{t}");
    }
    assert!(found > 50, "{found}");
}

/// `event_of` as first written: the words lower-cased into new strings, the text
/// after the number collected char by char. The oracle of its rewrite (words read as
/// written, the 32 characters after the number cut from the text).
fn event_of_by_definition(c: &crate::claims::Claim, text: &str) -> Option<super::EventClass> {
    use super::features::event_class;
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    c.verb
        .as_deref()
        .and_then(event_class)
        .or_else(|| {
            words(c.subject.as_deref()?)
                .iter()
                .find_map(|w| event_class(w))
        })
        .or_else(|| {
            let after: String = text.get(c.span.end..)?.chars().take(32).collect();
            words(&after).iter().take(2).find_map(|w| event_class(w))
        })
}

#[test]
fn the_event_of_a_count_follows_its_definition() {
    let texts = [
        "Five KILLED and six Injured; 3 dead, 12 wounded Monday, 40 people were evacuated.",
        "Gunmen shot 7 people, and 2 SHOT-DEAD ÉLÈVES; 9 İNJURED, 4 Zoë-wounded.",
        "Police arrested 30 protesters; 15 were hurt and 1,200 fled the fires.",
        "A total of 8 died after 3 were stabbed, 2 hospitalised and 11 missing in the flood",
    ];
    // Verbs and subjects as a claim may carry them: lemmas, inflected and upper-cased
    // words, a wide letter whose lower case is longer, words glued by signs.
    let verbs = [
        None,
        Some("kill"),
        Some("KILLED"),
        Some("İnjure"),
        Some("walk"),
    ];
    let subjects = [
        None,
        Some("people"),
        Some("wounded civilians"),
        Some("ÉLÈVES-Dead"),
        Some("the İNJURED, two"),
        Some(""),
    ];
    let mut claims_seen = 0;
    let mut found = 0;
    for t in texts {
        let (docs, sents) = doc(t);
        let claims = crate::claims::extract_all(&docs, &sents, &[], &[]);
        assert!(!claims.is_empty(), "{t}");
        claims_seen += claims.len();
        let text = &docs[0].text;
        for c in &claims {
            let want = event_of_by_definition(c, text);
            found += usize::from(want.is_some());
            assert_eq!(super::features::event_of(c, text), want, "{c:?}");
            // With every verb and subject, and right after every character of the text.
            let mut moved = c.clone();
            for verb in verbs {
                for subject in subjects {
                    moved.verb = verb.map(String::from);
                    moved.subject = subject.map(String::from);
                    for k in
                        (0..=text.len() + 1).filter(|&k| k > text.len() || text.is_char_boundary(k))
                    {
                        moved.span = crate::span::Span::new(k.min(text.len()), k);
                        let want = event_of_by_definition(&moved, text);
                        found += usize::from(want.is_some());
                        assert_eq!(
                            super::features::event_of(&moved, text),
                            want,
                            "{verb:?} {subject:?} {k}"
                        );
                    }
                }
            }
        }
    }
    assert!(claims_seen >= 12, "{claims_seen}");
    assert!(found >= 1000, "{found}");
}
