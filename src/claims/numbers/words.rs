//! Word tables of the number reader: cardinals, ordinals, scales, qualifiers, units.
//! General English, nothing specific to any article.

use super::Qualifier;

/// How a cardinal word combines with the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Unit,
    Teen,
    Tens,
}

pub fn cardinal(w: &str) -> Option<(f64, Class)> {
    use Class::*;
    Some(match w {
        "zero" | "nought" | "naught" | "nil" => (0.0, Unit),
        "one" => (1.0, Unit),
        "two" => (2.0, Unit),
        "three" => (3.0, Unit),
        "four" => (4.0, Unit),
        "five" => (5.0, Unit),
        "six" => (6.0, Unit),
        "seven" => (7.0, Unit),
        "eight" => (8.0, Unit),
        "nine" => (9.0, Unit),
        "ten" => (10.0, Teen),
        "eleven" => (11.0, Teen),
        "twelve" => (12.0, Teen),
        "thirteen" => (13.0, Teen),
        "fourteen" => (14.0, Teen),
        "fifteen" => (15.0, Teen),
        "sixteen" => (16.0, Teen),
        "seventeen" => (17.0, Teen),
        "eighteen" => (18.0, Teen),
        "nineteen" => (19.0, Teen),
        "twenty" => (20.0, Tens),
        "thirty" => (30.0, Tens),
        "forty" | "fourty" => (40.0, Tens),
        "fifty" => (50.0, Tens),
        "sixty" => (60.0, Tens),
        "seventy" => (70.0, Tens),
        "eighty" => (80.0, Tens),
        "ninety" => (90.0, Tens),
        _ => return None,
    })
}

/// Scale words above a hundred, with their plural ("thousands").
pub fn scale(w: &str) -> Option<(f64, bool)> {
    let (base, plural) = match w.strip_suffix('s') {
        Some(b) if scale_word(b).is_some() => (b, true),
        _ => (w, false),
    };
    scale_word(base).map(|v| (v, plural))
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "lakh" | "lac" => 1e5,
        "million" | "mln" | "mn" => 1e6,
        "crore" => 1e7,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "tln" | "trn" => 1e12,
        _ => return None,
    })
}

pub fn is_hundred(w: &str) -> Option<bool> {
    match w {
        "hundred" => Some(false),
        "hundreds" => Some(true),
        _ => None,
    }
}

pub fn is_dozen(w: &str) -> Option<bool> {
    match w {
        "dozen" | "doz" | "dz" => Some(false),
        "dozens" | "dozs" | "dzs" => Some(true),
        _ => None,
    }
}

/// Ordinal words: value and whether plural ("thirds").
pub fn ordinal(w: &str) -> Option<(f64, bool)> {
    let (base, plural) = match w.strip_suffix('s') {
        Some(b) if ordinal_word(b).is_some() => (b, true),
        _ => (w, false),
    };
    ordinal_word(base).map(|v| (v, plural))
}

fn ordinal_word(w: &str) -> Option<f64> {
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => return None,
    })
}

/// A word that can stand under a fraction bar: "thirds", "a quarter", "halves".
/// "first" and "second" are left out ("a first class seat", "a second").
pub fn denominator(w: &str) -> Option<(f64, bool)> {
    match w {
        "half" => return Some((2.0, false)),
        "halves" => return Some((2.0, true)),
        "quarter" => return Some((4.0, false)),
        "quarters" => return Some((4.0, true)),
        _ => {}
    }
    let (v, plural) = ordinal(w)?;
    (v >= 3.0).then_some((v, plural))
}

/// Prefix qualifiers as lowercase token sequences (symbols as themselves).
pub fn qualifier_phrases() -> &'static [(Vec<&'static str>, Qualifier)] {
    use std::sync::LazyLock;
    static TABLE: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
        use Qualifier::*;
        let mut t: Vec<(Vec<&'static str>, Qualifier)> = Vec::new();
        let mut add = |s: &'static str, q: Qualifier| {
            let toks: Vec<&'static str> = s.split(' ').collect();
            t.push((toks, q));
        };
        for up in ["more", "greater", "bigger", "larger", "higher"] {
            let phrases: [(String, Qualifier); 6] = [
                (format!("{up} than or equal to"), AtLeast),
                (format!("{up} or equal than"), AtLeast),
                (format!("{up} or equal to"), AtLeast),
                (format!("equal to or {up} than"), AtLeast),
                (format!("equal or {up} than"), AtLeast),
                (format!("{up} than"), MoreThan),
            ];
            for (p, q) in phrases {
                add(Box::leak(p.into_boxed_str()), q);
            }
        }
        for down in ["less", "fewer", "smaller", "lower"] {
            let phrases: [(String, Qualifier); 6] = [
                (format!("{down} than or equal to"), AtMost),
                (format!("{down} or equal than"), AtMost),
                (format!("{down} or equal to"), AtMost),
                (format!("equal to or {down} than"), AtMost),
                (format!("equal or {down} than"), AtMost),
                (format!("{down} than"), LessThan),
            ];
            for (p, q) in phrases {
                add(Box::leak(p.into_boxed_str()), q);
            }
        }
        for s in [
            "at least or equal to",
            "at least",
            "no fewer than",
            "no less than",
            "not fewer than",
            "not less than",
            "upwards of",
            "upward of",
            "a minimum of",
            "> =",
            ">=",
            "≥",
        ] {
            add(s, AtLeast);
        }
        for s in [
            "well over",
            "just over",
            "slightly over",
            "over",
            "well above",
            "just above",
            "above",
            "in excess of",
            "exceeding",
            "exceeds",
            "exceeded",
            "exceed",
            "surpassing",
            "surpassed",
            "surpasses",
            "surpass",
            "north of",
            ">",
        ] {
            add(s, MoreThan);
        }
        for s in [
            "up to",
            "as many as",
            "as much as",
            "at most",
            "at the most",
            "no more than",
            "not more than",
            "a maximum of",
            "< =",
            "<=",
            "≤",
        ] {
            add(s, AtMost);
        }
        for s in [
            "just under",
            "well under",
            "under",
            "just below",
            "well below",
            "below",
            "<",
        ] {
            add(s, LessThan);
        }
        for s in [
            "about",
            "around",
            "roughly",
            "some",
            "an estimated",
            "estimated",
            "approximately",
            "approx .",
            "approx",
            "circa",
            "c .",
            "an approximate",
            "or so",
        ] {
            add(s, Approximately);
        }
        for s in [
            "nearly",
            "almost",
            "close to",
            "just shy of",
            "approaching",
            "not quite",
        ] {
            add(s, Nearly);
        }
        for s in ["exactly", "precisely", "just", "only"] {
            add(s, Exact);
        }
        // Longest first, so that "more than or equal to" wins over "more than".
        t.sort_by_key(|(toks, _)| std::cmp::Reverse(toks.len()));
        t
    });
    &TABLE
}

/// Words that follow a number and bound it: "or more", "or fewer".
pub fn postfix_phrases() -> &'static [(&'static [&'static str], Qualifier)] {
    use Qualifier::*;
    &[
        (&["or", "more", "than"], AtLeast),
        (&["or", "greater", "than"], AtLeast),
        (&["or", "more"], AtLeast),
        (&["and", "more"], AtLeast),
        (&["or", "greater"], AtLeast),
        (&["or", "higher"], AtLeast),
        (&["or", "above"], AtLeast),
        (&["or", "over"], AtLeast),
        (&["and", "above"], AtLeast),
        (&["and", "over"], AtLeast),
        (&["or", "less", "than"], AtMost),
        (&["or", "fewer", "than"], AtMost),
        (&["or", "less"], AtMost),
        (&["or", "fewer"], AtMost),
        (&["or", "lower"], AtMost),
        (&["or", "below"], AtMost),
        (&["or", "under"], AtMost),
        (&["and", "less"], AtMost),
        (&["and", "below"], AtMost),
        (&["and", "under"], AtMost),
        (&["or", "so"], Approximately),
        (&["give", "or", "take"], Approximately),
        (&["-", "odd"], Approximately),
        (&["odd"], Approximately),
        (&["-", "plus"], AtLeast),
    ]
}

/// Currency symbols written before an amount.
pub fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₴" => "UAH",
        _ => return None,
    })
}

/// Currency codes and words (before or after an amount).
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" | "dollars" | "dollar" => "USD",
        "eur" | "euros" | "euro" => "EUR",
        "gbp" | "sterling" => "GBP",
        "rub" | "rubles" | "roubles" | "ruble" | "rouble" => "RUB",
        "uah" | "hryvnias" | "hryvnia" | "hryvnas" => "UAH",
        "cny" | "yuan" | "renminbi" => "CNY",
        "jpy" | "yen" => "JPY",
        "inr" | "rupees" | "rupee" => "INR",
        "chf" => "CHF",
        _ => return None,
    })
}

/// Measurement units after an amount, with the name they are reported under.
pub fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" => "km",
        "miles" | "mile" | "mi" => "miles",
        "m" | "metres" | "meters" | "metre" | "meter" => "m",
        "cm" | "centimetres" | "centimeters" => "cm",
        "mm" | "millimetres" | "millimeters" => "mm",
        "ft" | "feet" | "foot" => "feet",
        "kg" | "kilograms" | "kilos" | "kilogram" => "kg",
        "g" | "grams" | "gram" => "g",
        "lb" | "lbs" | "pounds" => "pounds",
        "tonnes" | "tons" | "tonne" | "ton" => "tonnes",
        "ml" | "millilitres" | "milliliters" => "ml",
        "l" | "litres" | "liters" | "litre" | "liter" => "litres",
        "ha" | "hectares" | "hectare" => "hectares",
        "acres" | "acre" => "acres",
        "mph" => "mph",
        "kmh" | "kph" => "km/h",
        "degrees" | "degree" => "degrees",
        "mw" | "megawatts" => "MW",
        "gw" | "gigawatts" => "GW",
        "kw" | "kilowatts" => "kW",
        "seconds" | "second" | "secs" => "seconds",
        "minutes" | "minute" | "mins" => "minutes",
        "hours" | "hour" | "hrs" => "hours",
        "days" | "day" => "days",
        "weeks" | "week" => "weeks",
        "months" | "month" => "months",
        "years" | "year" => "years",
        "decades" | "decade" => "decades",
        "centuries" | "century" => "centuries",
        _ => return None,
    })
}

/// Capitalised words that make the number after them a name ("Flight 17", "Article 5").
pub fn identifier_head(w: &str) -> bool {
    matches!(
        w,
        "no" | "nr"
            | "nrs"
            | "nos"
            | "number"
            | "article"
            | "articles"
            | "chapter"
            | "section"
            | "clause"
            | "paragraph"
            | "flight"
            | "route"
            | "highway"
            | "interstate"
            | "room"
            | "resolution"
            | "boeing"
            | "airbus"
            | "page"
            | "unit"
            | "platform"
            | "gate"
            | "terminal"
            | "apartment"
            | "suite"
            | "building"
            | "bus"
            | "line"
            | "channel"
            | "level"
            | "brigade"
            | "battalion"
            | "regiment"
            | "division"
            | "corps"
            | "squad"
            | "district"
            | "zone"
            | "block"
            | "sector"
            | "plot"
            | "lot"
            | "bill"
            | "act"
            | "law"
            | "decree"
            | "protocol"
            | "windows"
            | "version"
            | "model"
            | "type"
            | "class"
            | "grade"
            | "apollo"
            | "formula"
            | "cop"
            | "g"
            | "vol"
            | "volume"
            | "episode"
            | "season"
            | "series"
            | "phase"
            | "stage"
            | "round"
            | "tower"
            | "pier"
            | "hall"
            | "box"
            | "tel"
            | "phone"
            | "fax"
            | "code"
            | "id"
            | "ref"
    )
}

/// Street words that make "10 Downing Street" an address.
pub fn street_word(w: &str) -> bool {
    matches!(
        w,
        "street"
            | "st"
            | "road"
            | "rd"
            | "avenue"
            | "ave"
            | "boulevard"
            | "blvd"
            | "lane"
            | "ln"
            | "drive"
            | "dr"
            | "square"
            | "place"
            | "way"
            | "court"
            | "terrace"
            | "crescent"
            | "close"
            | "plaza"
            | "parkway"
            | "highway"
            | "prospekt"
            | "prospect"
            | "ulitsa"
            | "embankment"
    )
}

/// Prepositions that bind a year more strongly than a following noun ("in 2014 protesters").
pub fn strong_year_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since" | "until" | "till" | "during" | "by" | "before" | "after" | "circa" | "mid"
    )
}

/// Words before "one" that make it a pronoun ("the one", "which one").
pub fn pronoun_one_before(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "this"
            | "that"
            | "which"
            | "no"
            | "each"
            | "every"
            | "any"
            | "some"
            | "only"
            | "little"
            | "big"
            | "new"
            | "old"
            | "last"
            | "first"
            | "next"
            | "other"
            | "right"
            | "wrong"
            | "same"
            | "good"
            | "bad"
            | "loved"
            | "another"
            | "such"
            | "younger"
            | "older"
            | "eldest"
            | "youngest"
            | "someone"
            | "anyone"
    )
}
