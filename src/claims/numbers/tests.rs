//! Unit tests of the number reader: one test per family of phrases.

use super::*;
use proptest::prelude::*;

fn all(text: &str) -> Vec<NumberPhrase> {
    read(text)
}

/// The only phrase of `kind` in `text`.
fn only(text: &str, kind: NumberKind) -> NumberPhrase {
    let v: Vec<_> = read(text).into_iter().filter(|p| p.kind == kind).collect();
    assert_eq!(v.len(), 1, "{text:?}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn q(text: &str) -> NumberPhrase {
    only(text, NumberKind::Quantity)
}

fn span_text<'a>(text: &'a str, p: &NumberPhrase) -> &'a str {
    &text[p.span.start..p.span.end]
}

fn exact(text: &str, v: f64) {
    let p = q(text);
    assert_eq!(p.value, Value::exact(v), "{text:?}: {p:?}");
}

#[test]
fn digits_with_separators_and_decimals() {
    exact("They counted 1,234,567 votes.", 1_234_567.0);
    exact("About 40 000 people.", 40_000.0);
    exact("It rose 9.25 points.", 9.25);
    exact("A drop of .5 points", 0.5);
    exact("The reading was -4.5 today.", -4.5);
}

#[test]
fn scales_and_currencies() {
    exact("1.5 million residents", 1_500_000.0);
    let p = q("a deal worth 2.3bn");
    assert_eq!(p.value, Value::exact(2.3e9));
    let p = q("it cost £5m last year");
    assert_eq!(p.value, Value::exact(5e6));
    assert_eq!(p.unit.as_deref(), Some("GBP"));
    let p = q("from just $3 a month");
    assert_eq!(p.value, Value::exact(3.0));
    assert_eq!(p.unit.as_deref(), Some("USD"));
    let p = q("a €1.2 billion package");
    assert_eq!(p.value, Value::exact(1.2e9));
    assert_eq!(p.unit.as_deref(), Some("EUR"));
    exact("some 10k followers", 10_000.0);
}

#[test]
fn number_words() {
    exact("three people", 3.0);
    exact("twenty-one soldiers", 21.0);
    exact("two hundred and fifty homes", 250.0);
    exact("thirty-five thousand troops", 35_000.0);
    exact("one million two hundred thousand voters", 1_200_000.0);
    exact("a dozen eggs", 12.0);
    exact("three dozen men", 36.0);
    exact("a couple dozen Canadians", 24.0);
    exact("half a million refugees", 500_000.0);
    exact("five and a half million", 5_500_000.0);
    exact("one point five", 1.5);
}

#[test]
fn fractions() {
    exact("half of them", 0.5);
    exact("a third of the town", 1.0 / 3.0);
    exact("3/4 of voters", 0.75);
    exact("two thirds of members", 2.0 / 3.0);
    exact("one and a half days", 1.5);
    assert_eq!(q("a third of the town").unit.as_deref(), Some("fraction"));
}

#[test]
fn percentages() {
    for (t, v) in [
        ("unemployment hit 9.1 percent", 9.1),
        ("63% of voters", 63.0),
        ("90 per cent of homes", 90.0),
    ] {
        let p = q(t);
        assert_eq!(p.value, Value::exact(v), "{t}");
        assert_eq!(p.unit.as_deref(), Some("percent"), "{t}");
        assert!(span_text(t, &p).contains(&format!("{v}")), "{t}");
    }
}

#[test]
fn ranges() {
    for (t, lo, hi) in [
        ("between 30 and 40 people", 30.0, 40.0),
        ("from 200 to 300 homes", 200.0, 300.0),
        ("about 20~100 cases", 20.0, 100.0),
        ("30 to 40 buses", 30.0, 40.0),
        ("18-45 points", 18.0, 45.0),
        ("18–45 points", 18.0, 45.0),
        ("$5-10 million", 5e6, 1e7),
    ] {
        let p = q(t);
        assert_eq!(p.value.low, Some(lo), "{t}");
        assert_eq!(p.value.high, Some(hi), "{t}");
        assert_eq!(p.qualifier, Qualifier::Range, "{t}");
    }
    // a backwards pair is not a range
    assert_eq!(
        all("a 3-2 win")
            .iter()
            .filter(|p| p.qualifier == Qualifier::Range)
            .count(),
        0
    );
}

#[test]
fn qualifiers() {
    use Qualifier::*;
    let cases: &[(&str, Qualifier, Option<f64>, Option<f64>)] = &[
        (
            "about 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        (
            "around 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        (
            "roughly 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        (
            "some 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        (
            "an estimated 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        (
            "approximately 1,400 fighters",
            Approximately,
            Some(1400.0),
            Some(1400.0),
        ),
        ("nearly 1,400 fighters", Nearly, Some(1400.0), Some(1400.0)),
        ("almost 1,400 fighters", Nearly, Some(1400.0), Some(1400.0)),
        ("at least 9 people", AtLeast, Some(9.0), None),
        ("no fewer than 9 people", AtLeast, Some(9.0), None),
        ("upwards of 9 people", AtLeast, Some(9.0), None),
        ("more than 300 people", MoreThan, Some(300.0), None),
        ("over 300 people", MoreThan, Some(300.0), None),
        ("above 300 people", MoreThan, Some(300.0), None),
        ("up to 700 workers", AtMost, None, Some(700.0)),
        ("as many as 700 workers", AtMost, None, Some(700.0)),
        ("at most 700 workers", AtMost, None, Some(700.0)),
        ("no more than 700 workers", AtMost, None, Some(700.0)),
        (
            "fewer than 1,400 were from abroad",
            LessThan,
            None,
            Some(1400.0),
        ),
        ("less than 1,400 left", LessThan, None, Some(1400.0)),
        ("under 1,400 left", LessThan, None, Some(1400.0)),
        ("below 1,400 left", LessThan, None, Some(1400.0)),
        ("500 or more volunteers", AtLeast, Some(500.0), None),
        ("500 or fewer volunteers", AtMost, None, Some(500.0)),
        (
            "greater than 30 and less than or equal to 40",
            Range,
            Some(30.0),
            Some(40.0),
        ),
    ];
    for (t, qual, lo, hi) in cases {
        let p = q(t);
        assert_eq!(p.qualifier, *qual, "{t}");
        assert_eq!((p.value.low, p.value.high), (*lo, *hi), "{t}");
    }
    let t = "He has more than 300 people";
    assert_eq!(span_text(t, &q(t)), "more than 300");
}

#[test]
fn vague_amounts() {
    for t in [
        "hundreds of people",
        "tens of thousands of people",
        "several people",
        "dozens of people",
        "thousands fled",
    ] {
        let p = q(t);
        assert!(p.vague, "{t}");
        assert_eq!(p.value, Value::default(), "{t}");
    }
    assert_eq!(
        span_text(
            "tens of thousands of people",
            &q("tens of thousands of people")
        ),
        "tens of thousands"
    );
}

#[test]
fn years_are_not_counts() {
    for t in [
        "in 2011",
        "since 2011",
        "by 1999, the war",
        "the 2011 election",
        "around 2012, they said",
    ] {
        let p = only(t, NumberKind::Year);
        assert!(p.value.low.is_some(), "{t}");
        assert!(all(t).iter().all(|p| p.kind != NumberKind::Quantity), "{t}");
    }
    let p = only("between 1951 and 1953", NumberKind::Year);
    assert_eq!((p.value.low, p.value.high), (Some(1951.0), Some(1953.0)));
    // but a counted noun makes it a count
    assert_eq!(q("more than 2000 people").value.low, Some(2000.0));
    assert_eq!(q("2,011 people").value.low, Some(2011.0));
}

#[test]
fn dates_times_ages_ordinals_identifiers() {
    for t in [
        "on March 3 they",
        "3 March 2022",
        "2022-03-07",
        "on 5/17/2018",
        "on Jan. 5",
    ] {
        only(t, NumberKind::Date);
        assert!(all(t).iter().all(|p| p.kind != NumberKind::Quantity), "{t}");
    }
    for t in ["at 10:30", "at 5 p.m.", "by 5pm"] {
        only(t, NumberKind::Time);
    }
    let p = only("men aged 20-40 who", NumberKind::Age);
    assert_eq!((p.value.low, p.value.high), (Some(20.0), Some(40.0)));
    for t in ["a 23-year-old man", "he is 23 years old", "aged 23"] {
        assert_eq!(only(t, NumberKind::Age).value.low, Some(23.0), "{t}");
    }
    assert_eq!(
        only("the tenth day", NumberKind::Ordinal).value.low,
        Some(10.0)
    );
    assert_eq!(
        only("the 21st century", NumberKind::Ordinal).value.low,
        Some(21.0)
    );
    for t in [
        "Flight MH17 crashed",
        "at 10 Downing Street",
        "call +1-222-2222",
        "call (203) 576-8477",
        "call 576-8477",
        "a COVID-19 case",
        "Article 5 says",
    ] {
        assert!(
            all(t).iter().any(|p| p.kind == NumberKind::Identifier),
            "{t}"
        );
        assert!(all(t).iter().all(|p| p.kind != NumberKind::Quantity), "{t}");
    }
}

#[test]
fn durations_keep_their_unit() {
    let p = q("created six days ago");
    assert_eq!(p.value, Value::exact(6.0));
    assert_eq!(p.unit.as_deref(), Some("days"));
}

#[test]
fn pronoun_one_is_not_a_number() {
    assert!(all("the one you mentioned").is_empty());
    assert!(all("which one do you prefer").is_empty());
    assert!(all("a first class seat").is_empty());
}

#[test]
fn speeds_are_not_distances() {
    let unit = |t: &str| all(t)[0].unit.clone();
    assert_eq!(
        unit("travelling at 130 km/h on the ring road"),
        Some("km/h".into())
    );
    assert_eq!(unit("at 60 miles per hour"), Some("mph".into()));
    assert_eq!(unit("gusts of 80 kilometres an hour"), Some("km/h".into()));
    assert_eq!(unit("a 130 km drive"), Some("km".into()));
    assert_eq!(unit("60 miles from the coast"), Some("miles".into()));
}

#[test]
fn values_beyond_f64_are_left_out_never_nan_or_infinite() {
    // 0 × 10^1993 × a million would be 0 × ∞ = NaN; 10^400 alone is ∞.
    for text in ["0e1993 mn were counted", "1e400 people", "9e308 bn dollars"] {
        for p in all(text) {
            for v in [p.value.low, p.value.high].into_iter().flatten() {
                assert!(v.is_finite(), "{text:?} read as {v}");
            }
        }
    }
    // Ordinary scientific notation still reads.
    exact("a budget of 1.5e6 dollars", 1.5e6);
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(s in "\\PC{0,200}") {
        for p in read(&s) {
            prop_assert!(p.span.start <= p.span.end && p.span.end <= s.len());
            prop_assert!(s.is_char_boundary(p.span.start) && s.is_char_boundary(p.span.end));
        }
    }

    #[test]
    fn never_panics_on_number_soup(s in "([0-9]{1,5}|[,./:^~%$£+-]|one|two|hundred|and|a|half|thirds|million|point|between|to|more than|or| ){0,40}") {
        for p in read(&s) {
            prop_assert!(p.span.end <= s.len());
            prop_assert!(s.is_char_boundary(p.span.start) && s.is_char_boundary(p.span.end));
        }
    }
}

/// Every word of the shipped word lists and of the number tables (the tables' own
/// words written out), lower case, once each: the words a sentence is made of.
fn vocabulary() -> Vec<String> {
    let tables = "zero nought naught nil one two three four five six seven eight nine ten \
        eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty \
        thirty forty fourty fifty sixty seventy eighty ninety hundred hundreds thousand \
        thousands lakh lakhs lac lacs million millions mln mn billion billions bn bln \
        trillion trillions tn tln trn crore crores dozen dozens doz dz dozs dzs first second \
        third thirds fourth fourths fifth fifths sixth seventh eighth ninth tenth eleventh \
        twelfth thirteenth twentieth thirtieth hundredth thousandth millionth billionth \
        trillionth half halves quarter quarters couple several handful few many tens scores \
        a an and point between from to the of more than less about nearly over under up \
        negative minus us u.s per cent percent";
    let mut out: Vec<String> = tables.split_whitespace().map(String::from).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/words");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        out.extend(
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_number_prefilter_never_skips_a_phrase() {
    // The definition the prefilter keeps: every sentence lexed and parsed.
    let unfiltered = |t: &str| super::parse::read(t);
    let vocab = vocabulary();
    assert!(vocab.len() > 1000, "{}", vocab.len());
    let mut found = 0;
    let mut skipped = 0;
    for w in &vocab {
        let cap = w
            .chars()
            .next()
            .map(|c| {
                c.to_uppercase()
                    .chain(w.chars().skip(1))
                    .collect::<String>()
            })
            .unwrap_or_default();
        for t in [
            w.clone(),
            cap.clone(),
            w.to_uppercase(),
            format!("about {w} people"),
            format!("The {cap} of them"),
            format!("a {w} and a half"),
            format!("{w}-{w} were hurt"),
            format!("a few {w}"),
            format!("between {w} and {w}"),
            format!("{w}'s and {w}’s {w}.{w}"),
            format!("tens of {w}, several {w}, the {w}th"),
        ] {
            let want = unfiltered(&t);
            found += want.len();
            if !may_hold_number(&t) {
                skipped += 1;
                assert!(want.is_empty(), "{t}: {want:?}");
            }
            assert_eq!(read(&t), want, "{t}");
        }
    }
    // The words do hold numbers, and the prefilter does skip sentences.
    assert!(found > 1000 && skipped > 1000, "{found} {skipped}");
    // Digits, vulgar fractions and number words in any case and script around them.
    for t in [
        "Ten",
        "TWENTY-ONE",
        "¾ of them",
        "x½",
        "Ⅻ",
        "İki yüz",
        "ΣΟΦΊΑ δύο",
        "a \u{212a}ilo",
        "",
        "No figure was given.",
    ] {
        assert_eq!(read(t), unfiltered(t), "{t}");
    }
    assert!(!may_hold_number("The council met on Friday, police said."));
}

/// The reader that looks for a phrase only near a token holding a number reads what
/// the reader that looks at every token reads.
fn reads_as_everywhere(t: &str) -> usize {
    let toks = lex::lex(t);
    let got = super::parse::read_tokens(t, &toks);
    assert_eq!(got, super::parse::read_tokens_everywhere(t, &toks), "{t}");
    assert_eq!(super::parse::count_tokens(t, &toks), got.len(), "{t}");
    got.len()
}

#[test]
fn phrases_are_looked_for_only_near_numbers_and_found_as_everywhere() {
    // Every word of the tables and word lists, after a long stretch without a number
    // and in each place of every qualifier: the longest qualifiers are where a phrase
    // starts farthest from its number.
    let lead = "The council said on Friday, after a long and bitter debate over the plan, that";
    let mut found = 0;
    let quals: Vec<String> = words::qualifier_phrases()
        .iter()
        .map(|(toks, _)| toks.join(" "))
        .collect();
    for w in vocabulary() {
        for t in [
            format!("{lead} {w} people came"),
            format!("{lead} US $ {w} and minus a {w} and a few {w}"),
            format!("{lead} the twenty-{w} and the {w}, ( 203 ) {w} + {w}"),
            format!("{lead} between {w} and {w} or from a {w} to {w}"),
        ] {
            found += reads_as_everywhere(&t);
        }
    }
    for q in &quals {
        for amount in [
            "5",
            "a few hundred",
            "US$ 5",
            "minus a hundred",
            "the tenth",
            "several",
        ] {
            found += reads_as_everywhere(&format!("{lead} {q} {amount} were hurt, {q} {amount}."));
        }
    }
    assert!(found > 2000, "{found}");
}

proptest! {
    #[test]
    fn phrases_found_near_numbers_are_phrases_found_everywhere(s in "([a-zA-Z]{1,9}|[0-9]{1,4}|[ ,.'’½$()+-]|one|half|the|a|few|us|minus|than|more|at|least|or|equal|to|between|tens|dozen|third|several|handful){0,40}") {
        let toks = lex::lex(&s);
        prop_assert_eq!(
            super::parse::read_tokens(&s, &toks),
            super::parse::read_tokens_everywhere(&s, &toks)
        );
    }

    /// Counting the phrases is reading them: the count is what the reader reads, over
    /// invented sentences with ranges, bounds, dates, times, phone numbers, dotted
    /// numbers, units and values past f64's range (left out of both).
    #[test]
    fn counting_phrases_is_reading_them(s in "([a-zA-Z]{1,9}|[0-9]{1,4}|[ ,.:/%~'’½$()+#-]|e|x|10|mn|bn|km|percent|per|cent|to|and|between|from|more|than|up|or|so|odd|aged|years|old|March|May|am|pm|0e1993|1e999|US|one|half|a|few|hundred|dozen|third){0,40}") {
        let toks = lex::lex(&s);
        prop_assert_eq!(
            super::parse::count_tokens(&s, &toks),
            super::parse::read_tokens(&s, &toks).len()
        );
    }

    #[test]
    fn the_number_prefilter_agrees_with_the_parser(s in "([a-zA-Z]{1,9}|[0-9]{1,4}|[ ,.'’½-]|one|half|the|a|tens|dozen|third|several|handful|İ|ſ){0,24}") {
        prop_assert_eq!(read(&s), super::parse::read(&s));
    }
}

#[test]
fn the_hashed_number_words_are_every_word_the_tables_start_a_number_from() {
    // The tables are `match`es over string literals, each read alone or with a plural
    // "s": every literal of `words.rs` and of this module, and each with an "s", is a
    // word `starts_number` accepts exactly when the hashed set holds it.
    let mut literals: Vec<String> = Vec::new();
    for source in [include_str!("words.rs"), include_str!("mod.rs")] {
        for (k, piece) in source.split('"').enumerate() {
            if k % 2 == 1 && !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_lowercase()) {
                literals.push(piece.to_string());
                literals.push(format!("{piece}s"));
            }
        }
    }
    assert!(literals.len() > 200, "{}", literals.len());
    let mut accepted = 0;
    for w in literals.iter().chain(&vocabulary()) {
        assert_eq!(is_number_start(w), starts_number(w), "{w}");
        accepted += usize::from(starts_number(w));
    }
    assert!(accepted > 100, "{accepted}");
    for w in NUMBER_STARTS.iter() {
        assert!(starts_number(w), "{w}");
    }
}

#[test]
fn a_token_is_a_number_word_when_its_lower_case_starts_a_number() {
    // The shape test never turns away a number word, nor takes another word for one.
    let mut tokens = vocabulary();
    tokens.extend(
        [
            "",
            "a",
            "x",
            "tw",
            "two's",
            "two-thirds",
            "zwei",
            "ñandú",
            "ünf",
            "e",
            "é",
            "tensile",
            "seventeenths",
            "supercalifragilisticexpialidocious",
            "millions",
            "a.m.",
            "u.s",
        ]
        .map(String::from),
    );
    let mut numbers = 0;
    for w in tokens
        .iter()
        .flat_map(|w| [w.clone(), format!("{w}s"), format!("x{w}")])
    {
        let low = w.to_lowercase();
        let want = super::is_number_start(&low);
        numbers += usize::from(want);
        assert_eq!(super::is_number_word_token(&low), want, "{low}");
    }
    assert!(numbers > 100, "{numbers}");
}

#[test]
fn the_ascii_scan_reads_the_runs_the_char_scan_reads() {
    // Both scans of the prefilter, on ASCII text, say the same.
    for t in [
        "Two",
        "twenty-one",
        "a HUNDRED",
        "the Thirds'",
        "O'Neil's",
        "u.s.",
        "nothing here at all",
        "",
        "supercalifragilisticexpialidocious millions",
        "supercalifragilisticexpialidocious",
        "tensile scoreboard",
        "in 2019",
        "x9",
        "7",
        "at 5, the Thirds",
        "no figure, none at all 0",
    ] {
        let digit = t.bytes().any(|b| b.is_ascii_digit());
        assert_eq!(
            may_hold_number(t),
            digit || super::runs_may_hold_number(t),
            "{t}"
        );
    }
    // Every word of the tables and word lists, in three cases and with an "s": the
    // runs passed by for their shape are no number words.
    let mut numbers = 0;
    for w in vocabulary() {
        for t in [
            w.clone(),
            w.to_uppercase(),
            format!("{w}s"),
            format!("X{w} {w}"),
        ] {
            if t.is_ascii() {
                let want = super::runs_may_hold_number(&t);
                numbers += usize::from(want);
                assert_eq!(may_hold_number(&t), want, "{t}");
            }
        }
    }
    assert!(numbers > 100, "{numbers}");
}

#[test]
fn run_edges_are_found_as_by_a_walk() {
    // Every ASCII byte at every place of an eight-byte word and around its end.
    let all: Vec<u8> = (0u8..0x80).collect();
    let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"ab".to_vec(), b"Two men, 3 WOMEN".to_vec()];
    for &c in &all {
        for at in 0..18 {
            let mut t = vec![b'x'; 20];
            t[at] = c;
            texts.push(t.clone());
            let mut t = vec![b' '; 20];
            t[at] = c;
            texts.push(t);
        }
    }
    for t in &texts {
        for from in 0..=t.len() {
            for letter in [true, false] {
                let want = (from..t.len())
                    .find(|&k| t[k].is_ascii_alphabetic() == letter)
                    .unwrap_or(t.len());
                assert_eq!(
                    super::ascii_run_edge(t, from, letter),
                    want,
                    "{t:?} {from} {letter}"
                );
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn ascii_and_digit_is_its_definition(s in "([a-z0-9 ,.]|\\PC){0,40}") {
        let want = (s.is_ascii(), s.bytes().any(|b| b.is_ascii_digit()));
        proptest::prop_assert_eq!(super::ascii_and_digit(s.as_bytes()), want);
    }
}
