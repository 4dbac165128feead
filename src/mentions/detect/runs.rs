//! Runs: the capitalised words of a sentence, joined with the particles,
//! connectors and organisation tails between them.

use super::class;
use super::{Ctx, RunBufs};

impl Ctx<'_> {
    /// The runs of capitalised words (with particles and organisation connectors),
    /// written into `b.words` and `b.ends`.
    pub(super) fn runs(&self, b: &mut RunBufs) {
        self.raw_runs(b);
        b.words.clear();
        b.ends.clear();
        let (mut w0, mut k0) = (0, 0);
        for &(w1, k1) in &b.raw_ends {
            let r = &b.raw_words[w0..w1];
            let weak = &b.raw_weak[k0..k1];
            (w0, k0) = (w1, k1);
            // Numbers and spaced dashes join only the words of an organisation name.
            if weak.is_empty() || r.iter().any(|&t| self.is_head(t)) {
                b.words.extend_from_slice(r);
                b.ends.push(b.words.len());
                continue;
            }
            // Where the piece being gathered starts in `b.words`.
            let mut cur = b.words.len();
            for &t in r {
                if weak.contains(&t) {
                    if b.words.len() > cur {
                        b.ends.push(b.words.len());
                        cur = b.words.len();
                    }
                    if self.is_number(t) {
                        continue;
                    }
                }
                b.words.push(t);
            }
            if b.words.len() > cur {
                b.ends.push(b.words.len());
            }
        }
    }

    /// Runs before the organisation check, with the tokens that joined them only as
    /// part of an organisation name (numbers; the word after a spaced dash), written
    /// into `b.raw_words`, `b.raw_weak` and `b.raw_ends`.
    pub(super) fn raw_runs(&self, b: &mut RunBufs) {
        let n = self.toks.len();
        let RunBufs {
            names,
            run: r,
            weak,
            raw_words,
            raw_weak,
            raw_ends,
            ..
        } = b;
        names.clear();
        names.extend((0..n).map(|i| self.is_name(i)));
        raw_words.clear();
        raw_weak.clear();
        raw_ends.clear();
        let names: &[bool] = names;
        let month = |i: usize| crate::wordlists::calendar::month_name(self.key(i));
        // A weekday after a name is when, not part of it ("X Airport Friday").
        let weekday = |i: usize| crate::wordlists::calendar::weekday(self.key(i));
        let mut i = 0;
        while i < n {
            // The next word's being a name (known) asked first: few words are.
            let ordinal_start =
                i + 1 < n && names[i + 1] && self.is_ordinal(i) && self.adjacent(i, i + 1);
            if !names[i] && !ordinal_start {
                i += 1;
                continue;
            }
            r.clear();
            r.push(i);
            weak.clear();
            if ordinal_start {
                weak.push(i);
            }
            let mut j = i;
            loop {
                if self.toks[j].possessive {
                    // "Lord's Tarwen Army", "Surveyor General's Office": an
                    // ordinary word's or a title's possessive before an organisation's
                    // head belongs to its name (a place's or a person's does not:
                    // "Iran's Navy", "Putin's Party").
                    // The name may go on after it ("Velm's Club and Dining Center").
                    if let Some(last) = self.possessive_org(j, names) {
                        r.extend(j + 1..=last);
                        j = last;
                        continue;
                    }
                    break;
                }
                let nx = j + 1;
                if nx < n && self.adjacent(j, nx) && names[nx] && !weekday(nx) {
                    r.push(nx);
                    j = nx;
                    continue;
                }
                if let Some(last) = self.legal_tail(j, names) {
                    r.extend(nx..=last);
                    j = last;
                    break;
                }
                // "Zavod 70 Letiya Pobedy": a number between two words of a name.
                if nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && self.is_number(nx)
                    && names[nx + 1]
                    && !month(j)
                {
                    r.extend([nx, nx + 1]);
                    weak.push(nx);
                    j = nx + 1;
                    continue;
                }
                // "Bureau 17", "Tarwen Works Number 4": a number ending the name an
                // organisation head begins.
                if let Some(last) = self.number_after_head(j) {
                    r.extend(nx..=last);
                    weak.extend(nx..=last);
                    j = last;
                    break;
                }
                // "Acme (PVT) LTD.", "Acme Shipping (Asia) Limited", "Acme SAL (Offshore)":
                // a bracketed word inside or closing a company name.
                if let Some((close, go_on)) = self.bracketed(j, names) {
                    r.extend(nx..=close);
                    weak.extend(nx..=close);
                    j = close;
                    if go_on {
                        r.push(close + 1);
                        j = close + 1;
                        continue;
                    }
                    break;
                }
                // "JSC Reductor - PM": a spaced hyphen inside a company name.
                if nx < n
                    && names[nx]
                    && self.text[self.toks[j].full_end..self.toks[nx].start] == *" - "
                {
                    r.push(nx);
                    weak.push(nx);
                    j = nx;
                    continue;
                }
                let bridge = nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && names[nx + 1];
                if bridge && self.is_particle(nx) {
                    r.extend([nx, nx + 1]);
                    j = nx + 1;
                    continue;
                }
                // A ruler's or saint's byname after a given name: "Peter the Great",
                // "Anne of Cleves".
                if r.len() == 1
                    && self.listed(j, class::FIRST_NAME)
                    && nx + 1 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && names[nx + 1]
                    && (self.word(nx) == "the" && self.listed(nx + 1, class::EPITHET)
                        || self.word(nx) == "of"
                            && !(nx + 2 < n && self.adjacent(nx + 1, nx + 2) && names[nx + 2]))
                {
                    r.extend([nx, nx + 1]);
                    j = nx + 1;
                    break;
                }
                // "Center for the Study of X": a connector, "the", then a name.
                if !bridge
                    && nx + 2 < n
                    && self.adjacent(j, nx)
                    && self.adjacent(nx, nx + 1)
                    && self.adjacent(nx + 1, nx + 2)
                    && matches!(self.key(nx), "of" | "for" | "on")
                    && self.word(nx + 1) == "the"
                    && names[nx + 2]
                    && r.iter().any(|&t| self.is_head(t))
                {
                    r.extend([nx, nx + 1, nx + 2]);
                    j = nx + 2;
                    continue;
                }
                if bridge && self.is_connector(nx) && self.connector_joins(r, j, names) {
                    r.extend([nx, nx + 1]);
                    j = nx + 1;
                    continue;
                }
                break;
            }
            // "Velmton police (department)": a place's police written as a description,
            // in lower case, is that body's name all the same.
            let end = j;
            let mut m = j + 1;
            while m < n
                && self.adjacent(m - 1, m)
                && !self.toks[m - 1].possessive
                && self.starts_upper(r[0])
                && (self.word(m) == "police" && m == end + 1
                    || self.word(m) == "department" && m == end + 2)
            {
                r.push(m);
                j = m;
                m += 1;
            }
            raw_words.extend_from_slice(r);
            raw_weak.extend_from_slice(weak);
            raw_ends.push((raw_words.len(), raw_weak.len()));
            i = j + 1;
        }
    }

    /// Does the connector after word `j` ("and", "&", "of", "for", "the", "on") join
    /// the run `r` to the name after it? Inside an organisation's name, or between
    /// what a business does, yes; between two people or places, no.
    fn connector_joins(&self, r: &[usize], j: usize, names: &[bool]) -> bool {
        let n = self.toks.len();
        let nx = j + 1;
        let head_before = r.iter().any(|&t| self.is_head(t));
        let titles_before = self.key(nx) == "of" && r.iter().all(|&t| self.is_title(t));
        let mut head_after = false;
        let mut m = nx + 1;
        let mut last_after = nx + 1;
        while m < n && names[m] && (m == nx + 1 || self.adjacent(m - 1, m)) {
            head_after |= self.is_head(m);
            last_after = m;
            if self.toks[m].possessive {
                break;
            }
            m += 1;
        }
        // "Zembla Customs and Border Protection": the words after "and" close with what
        // a body does, and the word before is not a person's or a place's.
        let activity_after = last_after > nx + 1
            && self.is_activity(last_after)
            && !self.listed(j, class::PLACE | class::FIRST_NAME);
        let k = self.key(nx);
        // "Company for Industry and Trade": "and" inside a "for" phrase.
        let for_before =
            r.iter().any(|&t| self.key(t) == "for") && !self.listed(nx + 1, class::PLACE);
        // "X Shipping and Management", "X for Contracting": what a business
        // does continues its name.
        let business = |t: usize| self.is_head(t) || self.is_activity(t);
        let letters = self.word(j).chars().count() == 1 && self.word(nx + 1).chars().count() == 1;
        match k {
            "the" | "on" => head_before,
            "and" => {
                head_after
                    || activity_after
                    || head_before && for_before
                    || business(j) && business(nx + 1)
                    || letters
            }
            "&" => {
                head_before
                    || head_after
                    || business(j)
                    || business(nx + 1)
                    || self.word(j).chars().count() == 1
                    || self.word(nx + 1).chars().count() == 1
            }
            "for" => head_before || head_after || business(nx + 1),
            _ => head_before || head_after || titles_before,
        }
    }
}
