//! Places a person is from or lives in, through the hierarchy of
//! `rules/words/regions.yaml` (country → state or province → the ways it is written).
//! A place is compared at the state level: "Springfield, Ill." and "Illinois" agree,
//! two towns in different states do not. A town without a state says nothing that can
//! be compared, so it is not read.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::text::{fold, Word};

/// A state or province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The region's name.
    pub name: String,
    /// The country it belongs to.
    pub country: String,
}

/// The regions (states, provinces) by full name, dotted abbreviation and postal code.
pub struct Regions {
    /// Folded full name or dotted abbreviation → region.
    names: BTreeMap<String, Region>,
    /// Folded postal code ("ia") → region: read only after a town and a comma.
    codes: BTreeMap<String, Region>,
    /// Longest full name, in words.
    longest: usize,
}

/// The shipped place hierarchy, read once.
pub static REGIONS: LazyLock<Regions> = LazyLock::new(|| {
    let raw: BTreeMap<String, BTreeMap<String, Vec<String>>> =
        crate::wordlists::shipped("regions.yaml");
    Regions::new(raw)
});

fn key(s: &str) -> String {
    s.split_whitespace().map(fold).collect::<Vec<_>>().join(" ")
}

impl Regions {
    fn new(raw: BTreeMap<String, BTreeMap<String, Vec<String>>>) -> Regions {
        let mut names = BTreeMap::new();
        let mut codes = BTreeMap::new();
        let mut longest = 1;
        for (country, regions) in raw {
            for (name, forms) in regions {
                let region = Region {
                    name: name.clone(),
                    country: country.clone(),
                };
                longest = longest.max(name.split_whitespace().count());
                names.insert(key(&name), region.clone());
                for f in forms {
                    // Two capital letters and nothing else: a postal code.
                    let code = f.len() == 2 && f.chars().all(|c| c.is_ascii_uppercase());
                    let slot = if code { &mut codes } else { &mut names };
                    slot.insert(key(&f), region.clone());
                }
            }
        }
        Regions {
            names,
            codes,
            longest,
        }
    }

    /// The region named by words `ws[i..]`, and how many words it takes.
    fn at(&self, ws: &[Word], i: usize, after_comma: bool) -> Option<(usize, &Region)> {
        let max = self.longest.min(ws.len() - i);
        (1..=max).rev().find_map(|n| {
            if !ws[i..i + n].iter().all(|w| w.is_cap())
                || ws[i + 1..i + n].iter().any(|w| !w.gap_ok)
            {
                return None;
            }
            let k = ws[i..i + n]
                .iter()
                .map(Word::folded)
                .collect::<Vec<_>>()
                .join(" ");
            let hit = self.names.get(&k).or_else(|| {
                (after_comma && n == 1 && ws[i].text.len() == 2)
                    .then(|| self.codes.get(&k))
                    .flatten()
            });
            hit.map(|r| (n, r))
        })
    }
}

/// A place read at `ws[i..]`: a region alone ("Iowa") or a town and its region
/// ("Upper Falls, Iowa"). Returns the words it covers and the region.
pub fn place_at<'r>(ws: &[Word], i: usize) -> Option<((usize, usize), &'r Region)> {
    let regions: &'r Regions = &REGIONS;
    if !ws.get(i)?.is_cap() {
        return None;
    }
    if let Some((n, r)) = regions.at(ws, i, false) {
        return Some(((i, i + n), r));
    }
    // A town: capitalised words, then a comma and a region.
    let mut j = i;
    while j < ws.len() && ws[j].is_cap() && (j == i || ws[j].gap_ok) && j - i < 4 {
        j += 1;
    }
    if j == i || j >= ws.len() || ws[j].gap_ok {
        return None;
    }
    let (n, r) = regions.at(ws, j, true)?;
    Some(((i, j + n), r))
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;

    fn region(s: &str) -> Option<(String, String)> {
        let ws = words(s, 0);
        place_at(&ws, 0)
            .map(|((a, b), r)| (s[ws[a].start..ws[b - 1].end].to_string(), r.name.clone()))
    }

    #[test]
    fn towns_resolve_to_their_state() {
        assert_eq!(region("Iowa"), Some(("Iowa".into(), "Iowa".into())));
        assert_eq!(
            region("Upper Falls, Neb., for a cruise"),
            Some(("Upper Falls, Neb.".into(), "Nebraska".into()))
        );
        assert_eq!(
            region("Upper Falls, IA"),
            Some(("Upper Falls, IA".into(), "Iowa".into()))
        );
        assert_eq!(
            region("New York"),
            Some(("New York".into(), "New York".into()))
        );
    }

    #[test]
    fn a_town_alone_or_a_code_alone_is_no_place() {
        assert_eq!(region("Upper Falls"), None);
        assert_eq!(region("IN the end"), None);
        assert_eq!(region("the Zembla office"), None);
    }

    #[test]
    fn the_hierarchy_parses() {
        assert!(REGIONS.names.len() > 50 && !REGIONS.codes.is_empty());
    }
}
