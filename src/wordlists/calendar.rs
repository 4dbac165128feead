//! The names of the months and the days of the week, as mention detection and the
//! claims stage both read them: a month is a date's word, not a name ("Sept."), and a
//! weekday after a name says when, not who.
//!
//! Kept in Rust: a closed class (no story or user adds a month), read for every word,
//! so a `match` rather than a look-up.

/// A month written in full ("march"), lower case.
pub fn month_name(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// A month in full or abbreviated ("mar", "sept"), lower case without the dot.
pub fn month(w: &str) -> bool {
    month_name(w)
        || matches!(
            w,
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        )
}

/// The days of the week, Monday first (the index [`weekday_index`] gives).
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A day of the week ("friday"), lower case.
pub fn weekday(w: &str) -> bool {
    WEEKDAYS.contains(&w)
}

/// The day of the week (0 = Monday) a lower-case weekday name names.
pub fn weekday_index(w: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|d| *d == w).map(|p| p as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_full_and_abbreviated() {
        assert!(month_name("may") && month("may"));
        assert!(month("sept") && !month_name("sept"));
        assert!(!month("mayor") && !month_name("marchers"));
    }

    #[test]
    fn weekdays_are_numbered_from_monday() {
        assert_eq!(weekday_index("monday"), Some(0));
        assert_eq!(weekday_index("sunday"), Some(6));
        assert_eq!(weekday_index("someday"), None);
        assert!(weekday("friday") && !weekday("fri"));
    }
}
