use super::*;
use crate::load::{Document, Format};

fn run(texts: &[&str]) -> (Vec<Mention>, Vec<Entity>) {
    let rules = RuleSet::builtin();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::new(
                &format!("d{i}"),
                &format!("d{i}.txt"),
                t.to_string(),
                Format::Text,
            )
            .0
        })
        .collect();
    let sents: Vec<_> = docs
        .iter()
        .map(|d| crate::segment::sentences(&d.text))
        .collect();
    let ms = crate::mentions::detect_all(&docs, &sents, &rules.words);
    let es = cluster(&ms, &rules);
    (ms, es)
}

/// The entity index holding a mention with this text in doc `d`.
fn ent(ms: &[Mention], es: &[Entity], d: usize, text: &str) -> usize {
    es.iter()
        .position(|e| {
            e.mentions
                .iter()
                .any(|&m| ms[m].doc == d && ms[m].text == text)
        })
        .unwrap_or_else(|| panic!("no mention {text:?} in doc {d}: {ms:#?}"))
}

fn same(texts: &[&str], a: (usize, &str), b: (usize, &str)) -> bool {
    let (ms, es) = run(texts);
    ent(&ms, &es, a.0, a.1) == ent(&ms, &es, b.0, b.1)
}

#[test]
fn surname_links_to_the_full_name_earlier_in_the_source() {
    let t = ["Kacper Rekawek spoke first. Later Rekawek said more."];
    assert!(same(&t, (0, "Kacper Rekawek"), (0, "Rekawek")));
}

#[test]
fn short_organisation_name_links_to_the_full_one() {
    let t = ["He led the Eurasian Union of Youth for years. The Eurasian Union grew."];
    assert!(same(
        &t,
        (0, "Eurasian Union of Youth"),
        (0, "Eurasian Union")
    ));
}

#[test]
fn misspelt_full_names_join_across_sources() {
    let t = ["Kachper Rekauek said hello.", "Kacper Rekawek said hello."];
    assert!(same(&t, (0, "Kachper Rekauek"), (1, "Kacper Rekawek")));
}

#[test]
fn transliterations_join() {
    let t = [
        "Fighting near Kiev and Kharkov and Odessa went on. Dmitri Ivanov said so. Volodymyr Zelensky spoke.",
        "Fighting near Kyiv and Kharkiv and Odesa went on. Dmitry Ivanov said so. Volodymyr Zelenskyy spoke.",
    ];
    let (ms, es) = run(&t);
    for (a, b) in [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Odessa", "Odesa"),
        ("Dmitri Ivanov", "Dmitry Ivanov"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ] {
        assert_eq!(ent(&ms, &es, 0, a), ent(&ms, &es, 1, b), "{a} / {b}");
    }
    assert_eq!(es[ent(&ms, &es, 0, "Kiev")].canonical, "Kyiv");
}

#[test]
fn never_merge_examples_stay_apart() {
    let t = [
        "Aaron Zelin said so. Fighters came from Syria. Ed Miliband spoke. The Georgian Legion fought in Georgia. Kyiv was calm.",
        "Volodymyr Zelensky said so. Fighters came from Serbia. David Miliband spoke. The Georgia National Legion fought. Kharkiv was calm.",
    ];
    let (ms, es) = run(&t);
    assert_ne!(
        ent(&ms, &es, 0, "Aaron Zelin"),
        ent(&ms, &es, 1, "Volodymyr Zelensky")
    );
    assert_ne!(ent(&ms, &es, 0, "Syria"), ent(&ms, &es, 1, "Serbia"));
    assert_ne!(
        ent(&ms, &es, 0, "Ed Miliband"),
        ent(&ms, &es, 1, "David Miliband")
    );
    assert_ne!(
        ent(&ms, &es, 0, "Georgia"),
        ent(&ms, &es, 0, "Georgian Legion")
    );
    assert_ne!(ent(&ms, &es, 0, "Kyiv"), ent(&ms, &es, 1, "Kharkiv"));
    assert_eq!(
        ent(&ms, &es, 0, "Georgian Legion"),
        ent(&ms, &es, 1, "Georgia National Legion")
    );
}

#[test]
fn common_given_names_are_not_enough() {
    let t = [
        "Mohammed Al-Rashid said so. Abu Hamza spoke.",
        "Mohammed Haddad said so. Abu Omar spoke.",
    ];
    let (ms, es) = run(&t);
    assert_ne!(
        ent(&ms, &es, 0, "Mohammed Al-Rashid"),
        ent(&ms, &es, 1, "Mohammed Haddad")
    );
    assert_ne!(ent(&ms, &es, 0, "Abu Hamza"), ent(&ms, &es, 1, "Abu Omar"));
}

#[test]
fn ambiguous_surname_stays_alone() {
    let t = ["Ed Miliband and David Miliband met. Miliband said no."];
    let (ms, es) = run(&t);
    let m = ent(&ms, &es, 0, "Miliband");
    assert_ne!(m, ent(&ms, &es, 0, "Ed Miliband"));
    assert_ne!(m, ent(&ms, &es, 0, "David Miliband"));
}

#[test]
fn ids_follow_first_mention_and_are_deterministic() {
    let t = [
        "Lisa Brown met Tom Green in Oslo. Brown left.",
        "Tom Green stayed in Oslo.",
    ];
    let (_, a) = run(&t);
    let (_, b) = run(&t);
    assert_eq!(a, b);
    assert_eq!(a[0].canonical, "Lisa Brown");
    assert_eq!(a[0].id, "e1");
    assert_eq!(a[1].canonical, "Tom Green");
}

#[test]
fn user_never_merge_and_style_book_entries_apply() {
    let mut rules = RuleSet::builtin();
    rules.aliases.add(aliases::AliasFile {
        aliases: vec![aliases::Alias {
            prefer: "Myanmar".into(),
            variants: vec!["Burma".into()],
        }],
        never_merge: vec![("Kacper Rekawek".into(), "Kachper Rekauek".into())],
    });
    let docs: Vec<Document> = [
        "Kachper Rekauek said hi in Burma.",
        "Kacper Rekawek said hi in Myanmar.",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| Document::new(&format!("d{i}"), "x.txt", t.to_string(), Format::Text).0)
    .collect();
    let sents: Vec<_> = docs
        .iter()
        .map(|d| crate::segment::sentences(&d.text))
        .collect();
    let ms = crate::mentions::detect_all(&docs, &sents, &rules.words);
    let es = cluster(&ms, &rules);
    assert_ne!(
        ent(&ms, &es, 0, "Kachper Rekauek"),
        ent(&ms, &es, 1, "Kacper Rekawek")
    );
    assert_eq!(ent(&ms, &es, 0, "Burma"), ent(&ms, &es, 1, "Myanmar"));
}

#[test]
fn names_written_as_one_word_join() {
    let t = [
        "Talks with Abdul Wakil Rahmani went on.",
        "Talks with Abd-al-Wakil Rahmani went on.",
        "Talks with Abdulwakil Rahmani went on.",
    ];
    assert!(same(
        &t,
        (0, "Abdul Wakil Rahmani"),
        (1, "Abd-al-Wakil Rahmani")
    ));
    assert!(same(
        &t,
        (0, "Abdul Wakil Rahmani"),
        (2, "Abdulwakil Rahmani")
    ));
    let t = [
        "Talks with Yusuf Benkhaddou went on.",
        "Talks with Yusuf Ben Khaddou went on.",
    ];
    assert!(same(&t, (0, "Yusuf Benkhaddou"), (1, "Yusuf Ben Khaddou")));
}

#[test]
fn a_name_is_not_joined_to_a_different_one_written_as_one_word() {
    let t = [
        "Talks with Yusuf Benkhaddou went on.",
        "Talks with Yusuf Ben Kaddour went on.",
        "Talks with Idris Benkhaddou went on.",
    ];
    assert!(!same(&t, (0, "Yusuf Benkhaddou"), (2, "Idris Benkhaddou")));
    assert!(!same(&t, (1, "Yusuf Ben Kaddour"), (2, "Idris Benkhaddou")));
}

#[test]
fn honorifics_are_left_out_of_comparison() {
    let t = [
        "Talks with Haji Rahimullah Zadran went on.",
        "Talks with Rahimullah Zadran went on.",
        "Talks with Sayed Rahimullah Zadran went on.",
    ];
    assert!(same(
        &t,
        (0, "Haji Rahimullah Zadran"),
        (1, "Rahimullah Zadran")
    ));
    assert!(same(
        &t,
        (2, "Sayed Rahimullah Zadran"),
        (1, "Rahimullah Zadran")
    ));
    // An honorific before a single word does not make it a surname.
    let t = [
        "Talks with Haji Zadran went on.",
        "Talks with Gul Agha Zadran went on.",
    ];
    assert!(!same(&t, (0, "Haji Zadran"), (1, "Gul Agha Zadran")));
}

#[test]
fn given_names_written_as_one_word_match_the_first_words() {
    let t = [
        "Talks with Karim Seedahmed went on.",
        "Talks with Karim Seed Ahmed Osmani went on.",
        "Talks with Karim Seed Ali Osmani went on.",
    ];
    assert!(same(
        &t,
        (0, "Karim Seedahmed"),
        (1, "Karim Seed Ahmed Osmani")
    ));
    assert!(!same(
        &t,
        (1, "Karim Seed Ahmed Osmani"),
        (2, "Karim Seed Ali Osmani")
    ));
}

#[test]
fn organisations_match_across_legal_forms_spacing_and_one_added_word() {
    let t = [
        "A spokesman for Petroplus LTD declined to comment. Members of Foobar Widget Works, OOO met.",
        "The report was published by Petro Plus Limited last week. Funding for Foobar Widget Works Open Joint Stock Company was cut.",
        "Members of Northern Ore Processing Company met. Funding for Arvancloud was cut.",
        "Funding for Northern Ore Processing Company of Zembla was cut. Members of Arvan Cloud met.",
    ];
    assert!(same(&t, (0, "Petroplus LTD"), (1, "Petro Plus Limited")));
    assert!(same(
        &t,
        (0, "Foobar Widget Works, OOO"),
        (1, "Foobar Widget Works Open Joint Stock Company")
    ));
    assert!(same(
        &t,
        (2, "Northern Ore Processing Company"),
        (3, "Northern Ore Processing Company of Zembla")
    ));
    assert!(same(&t, (2, "Arvancloud"), (3, "Arvan Cloud")));
}

#[test]
fn organisations_with_a_different_or_added_naming_word_stay_apart() {
    let t = [
        "Members of Razavi Oil and Gas Development Company met. Funding for Acme Bank was cut.",
        "Members of Razavi Oil and Gas Security Company met. Funding for Acme Bank Zembla was cut.",
    ];
    assert!(!same(
        &t,
        (0, "Razavi Oil and Gas Development Company"),
        (1, "Razavi Oil and Gas Security Company")
    ));
    assert!(!same(&t, (0, "Acme Bank"), (1, "Acme Bank Zembla")));
}

#[test]
fn organisation_heads_of_one_kind_join() {
    let t = [
        "Members of Al-Zubara Society met. Funding for Qarwani Society was cut.",
        "Members of Al-Zubara Association met. Funding for Qarwani Bank was cut.",
        "Members of Al-Zubara Organization met.",
    ];
    assert!(same(
        &t,
        (0, "Al-Zubara Society"),
        (1, "Al-Zubara Association")
    ));
    assert!(same(
        &t,
        (0, "Al-Zubara Society"),
        (2, "Al-Zubara Organization")
    ));
    // A head of another kind keeps the names apart.
    assert!(!same(&t, (0, "Qarwani Society"), (1, "Qarwani Bank")));
}

#[test]
fn organisation_words_in_other_romanisations_join() {
    let t = [
        "Members of Zembrovo Kholding met. Funding for AO Kholmsky Zavod was cut.",
        "Members of Zembrovo Holding JSC met. Funding for Kholmsky Plant JSC was cut.",
        "Members of Kholmsky Bank met.",
    ];
    assert!(same(
        &t,
        (0, "Zembrovo Kholding"),
        (1, "Zembrovo Holding JSC")
    ));
    assert!(same(
        &t,
        (0, "AO Kholmsky Zavod"),
        (1, "Kholmsky Plant JSC")
    ));
    assert!(!same(&t, (0, "AO Kholmsky Zavod"), (2, "Kholmsky Bank")));
}

#[test]
fn organisation_words_with_one_stem_join() {
    let t = [
        "Members of Vantoria Managing Company met. Funding for Brimley Auto Trade was cut.",
        "Members of Vantoria Management Company met. Funding for Brimley Auto Trading was cut.",
        "Members of Brimley Auto Parts met.",
    ];
    assert!(same(
        &t,
        (0, "Vantoria Managing Company"),
        (1, "Vantoria Management Company")
    ));
    assert!(same(
        &t,
        (0, "Brimley Auto Trade"),
        (1, "Brimley Auto Trading")
    ));
    assert!(!same(
        &t,
        (1, "Brimley Auto Trading"),
        (2, "Brimley Auto Parts")
    ));
}

#[test]
fn abbreviations_for_the_kind_of_enterprise_are_left_out() {
    let t = [
        "Members of NPO Zelentor met.",
        "Funding for Zelentor JSC was cut. Members of Zelentor Bank met.",
    ];
    assert!(same(&t, (0, "NPO Zelentor"), (1, "Zelentor JSC")));
    assert!(!same(&t, (0, "NPO Zelentor"), (1, "Zelentor Bank")));
}

#[test]
fn guessed_people_that_name_organisations_join_them() {
    let t = [
        "Members of Liwa Al-Qirwat met. Funding for Bank-E Tavanir was cut. Members of Brantel VK met.",
        "Members of Liwaa Al-Qirwat met. Funding for Tavanir Bank was cut. Members of Brantel VK LLC met.",
    ];
    assert!(same(&t, (0, "Liwa Al-Qirwat"), (1, "Liwaa Al-Qirwat")));
    assert!(same(&t, (0, "Bank-E Tavanir"), (1, "Tavanir Bank")));
    assert!(same(&t, (0, "Brantel VK"), (1, "Brantel VK LLC")));
    // Guessed people are still not paired through the given name alone.
    let t = ["Marlo Kim said so.", "Marlo Jin Kim said so."];
    assert!(!same(&t, (0, "Marlo Kim"), (1, "Marlo Jin Kim")));
}

#[test]
fn a_translated_word_does_not_leave_a_name_without_naming_words() {
    let t = [
        "Members of Daneshgah Shipping Agencies Company met.",
        "Funding for Daneshgah Shipping Agencies CO. was cut. Members of Shipping Agencies Company met.",
    ];
    assert!(same(
        &t,
        (0, "Daneshgah Shipping Agencies Company"),
        (1, "Daneshgah Shipping Agencies CO.")
    ));
    assert!(!same(
        &t,
        (0, "Daneshgah Shipping Agencies Company"),
        (1, "Shipping Agencies Company")
    ));
}

#[test]
fn a_head_written_into_the_name_counts_as_the_head() {
    let t = [
        "Members of Zorvanbank PJSC met. Funding for Zorvan PJSC was cut.",
        "Members of Joint Stock Bank Zorvanbank met.",
    ];
    assert!(same(
        &t,
        (0, "Zorvanbank PJSC"),
        (1, "Joint Stock Bank Zorvanbank")
    ));
    assert!(!same(
        &t,
        (0, "Zorvan PJSC"),
        (1, "Joint Stock Bank Zorvanbank")
    ));
}

#[test]
fn a_place_before_a_name_of_two_naming_words_is_where_it_is_registered() {
    let t = [
        "Members of Shanghai Delvine Optical Technology Co Ltd met. Funding for Iran Kestrow Bank was cut. Members of Chinese Marvoll Optical met.",
        "Members of Delvine Optical Technology Co Ltd met. Funding for Kestrow Bank was cut. Members of Korean Marvoll Optical met.",
    ];
    assert!(same(
        &t,
        (0, "Shanghai Delvine Optical Technology Co Ltd"),
        (1, "Delvine Optical Technology Co Ltd")
    ));
    // One naming word is not enough, and two places differ.
    assert!(!same(&t, (0, "Iran Kestrow Bank"), (1, "Kestrow Bank")));
    assert!(!same(
        &t,
        (0, "Chinese Marvoll Optical"),
        (1, "Korean Marvoll Optical")
    ));
}

#[test]
fn one_word_joins_the_one_organisation_it_spells_closely() {
    let t = [
        "Members of Zemblayyun met.",
        "Members of Zemblayun Brigade met.",
    ];
    assert!(same(&t, (0, "Zemblayyun"), (1, "Zemblayun Brigade")));
    let t = [
        "Members of Zemblayyun met.",
        "Members of Zemblayun Brigade met.",
        "Members of Zemblayun Bank met.",
    ];
    assert!(!same(&t, (0, "Zemblayyun"), (1, "Zemblayun Brigade")));
    assert!(!same(&t, (0, "Zemblayyun"), (2, "Zemblayun Bank")));
}

#[test]
fn open_and_closed_before_a_legal_form_are_part_of_it() {
    let t = [
        "Members of Nortrel Engineering Open Joint Stock Company met.",
        "Funding for Nortrel Engineering JSC was cut. Members of Nortrel Open Engineering met.",
    ];
    assert!(same(
        &t,
        (0, "Nortrel Engineering Open Joint Stock Company"),
        (1, "Nortrel Engineering JSC")
    ));
    // Elsewhere "Open" is a word of the name.
    assert!(!same(
        &t,
        (1, "Nortrel Engineering JSC"),
        (1, "Nortrel Open Engineering")
    ));
}

#[test]
fn a_descriptive_word_added_to_an_organisation_name_is_ordinary() {
    let t = [
        "Members of Al-Varesh Society met. Funding for Zorab Battalions was cut.",
        "Members of Al-Varesh Islamic Society met. Members of Al-Varesh Medical Society met. Funding for Zorab Brigades was cut.",
    ];
    assert!(same(
        &t,
        (0, "Al-Varesh Society"),
        (1, "Al-Varesh Islamic Society")
    ));
    assert!(same(&t, (0, "Zorab Battalions"), (1, "Zorab Brigades")));
    assert!(!same(
        &t,
        (0, "Al-Varesh Society"),
        (1, "Al-Varesh Medical Society")
    ));
}

#[test]
fn money_exchange_is_an_exchange() {
    let t = [
        "Members of Kaltor Exchange met.",
        "Members of Kaltor Money Exchange met. Funding for Kaltor Gold Exchange was cut.",
    ];
    assert!(same(
        &t,
        (0, "Kaltor Exchange"),
        (1, "Kaltor Money Exchange")
    ));
    assert!(!same(
        &t,
        (0, "Kaltor Exchange"),
        (1, "Kaltor Gold Exchange")
    ));
}

#[test]
fn a_place_is_not_the_facility_named_after_it() {
    let t = ["Flights from Zorin Vale stopped and the Zorin Vale Airport was closed."];
    let (ms, es) = run(&t);
    assert_ne!(
        ent(&ms, &es, 0, "Zorin Vale"),
        ent(&ms, &es, 0, "Zorin Vale Airport")
    );
}
