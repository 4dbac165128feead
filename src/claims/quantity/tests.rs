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
