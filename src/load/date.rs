//! A source's published date, as a calendar day.

use serde::Serialize;
use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The date at the start of an ISO 8601 value (`2024-02-29`, `2024-02-29T08:00Z`,
    /// `20240229`), as metadata writes it. Anything else is `None`: a date a page writes
    /// in words is not guessed at.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (y, m, d, len) = if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
            (digits(0..4)?, digits(5..7)?, digits(8..10)?, 10)
        } else {
            (digits(0..4)?, digits(4..6)?, digits(6..8)?, 8)
        };
        // Whatever follows must be a time, not more digits of something else.
        if b.get(len).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days earlier.
    pub fn days_before(self, n: u32) -> Date {
        let mut d = self;
        for _ in 0..n {
            d = if d.day > 1 {
                Date {
                    day: d.day - 1,
                    ..d
                }
            } else if d.month > 1 {
                let month = d.month - 1;
                let day = (28..=31)
                    .rev()
                    .find(|&x| Date::new(d.year, month, x).is_some())
                    .unwrap_or(28);
                Date {
                    year: d.year,
                    month,
                    day,
                }
            } else {
                Date {
                    year: d.year - 1,
                    month: 12,
                    day: 31,
                }
            };
        }
        d
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_refuses_others() {
        assert_eq!(Date::parse("2024-02-29T08:00:00Z"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("20240229"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse(" 2023-12-01 "), Date::new(2023, 12, 1));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("March 3, 2022"), None);
        assert_eq!(Date::parse("202402291"), None);
        assert_eq!(Date::parse("2024-0２-01"), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), 3);
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday(), 3);
        assert_eq!(Date::new(2000, 1, 1).unwrap().weekday(), 5);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
