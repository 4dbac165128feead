//! Who said a quotation. The usual news patterns, most certain first:
//!
//! - after the quote: `"…," X said`, `"…," said X, a spokesman for Y`,
//!   `"…," X, a spokesman for Y, said`, `"…," he said`;
//! - before it: `X said, "…"`, `X told Z: "…"`, `X said that "…"`;
//! - `according to X` in the quote's sentence;
//! - a transcript label ("Name:") over the turn the quote is in;
//! - the speaker of an earlier quote in the same paragraph ("…," X said. "…");
//! - for a partial quote, the one person named before it in its sentence.
//!
//! Names are mentions, so the speaker is the mention's resolved entity.

use super::{sentence_at, How, Quote};
use crate::mentions::{EntityKind, Mention};
use crate::resolve::Entity;
use crate::segment::Sentence;
use crate::span::Span;

/// Verbs of saying that attribute a quotation (`rules/words/speech.yaml`).
pub fn speech(w: &str) -> bool {
    crate::claims::attribution::saying(w)
}

/// The document a quotation is attributed in.
pub struct Context<'a> {
    /// The document's analysis text.
    pub text: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// The document's mentions that belong to an entity, in text order.
    pub mentions: &'a [(&'a Mention, usize)],
    /// The run's entities, for resolving speakers.
    pub entities: &'a [Entity],
    /// Whether `mentions` stand in order of their start (as mention detection gives
    /// them): then the mentions of a stretch are found by halving, not by a look at
    /// every mention of the document for every quotation.
    pub mentions_in_order: bool,
    /// The document's paragraphs ([`super::extract::paragraphs`]).
    pub paragraphs: &'a [Span],
}

/// Lower-case words with their byte spans.
fn words(text: &str, from: usize, to: usize) -> Vec<(String, Span)> {
    let s = text.get(from..to).unwrap_or("");
    let mut out = Vec::new();
    let mut start = None;
    for (k, c) in s.char_indices().chain([(s.len(), ' ')]) {
        let w = c.is_alphanumeric() || c == '\'';
        match (w, start) {
            (true, None) => start = Some(k),
            (false, Some(b)) => {
                out.push((s[b..k].to_lowercase(), Span::new(from + b, from + k)));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

impl Context<'_> {
    fn speaker_kind(&self, e: usize) -> bool {
        matches!(
            self.entities.get(e).map(|x| x.kind),
            Some(EntityKind::Person | EntityKind::Org | EntityKind::Other)
        )
    }

    /// Mentions that start inside `[from, to)`, in order.
    fn mentions_in(&self, from: usize, to: usize) -> impl Iterator<Item = &(&Mention, usize)> {
        // In order, those that start in the stretch stand together.
        let near = if self.mentions_in_order {
            let lo = self.mentions.partition_point(|(m, _)| m.span.start < from);
            let hi = lo + self.mentions[lo..].partition_point(|(m, _)| m.span.start < to);
            &self.mentions[lo..hi]
        } else {
            self.mentions
        };
        near.iter().filter(move |(m, e)| {
            m.span.start >= from && m.span.start < to && self.speaker_kind(*e)
        })
    }

    /// The end of the attribution window after a quote: the end of the sentence the
    /// quote closes in, or of the next one when the quote ends its own sentence.
    fn after_window(&self, end: usize) -> usize {
        let s = sentence_at(self.sentences, end.saturating_sub(1));
        let mut to = self.sentences.get(s).map_or(end, |x| x.span.end);
        if to <= end + 1 {
            to = self.sentences.get(s + 1).map_or(to, |x| x.span.end);
        }
        // The sentence found may end before the quote does (the quote's own sentence
        // can be an echo left out of `sentences`): the window is then empty, never
        // reversed.
        let mut to = to.max(end).min(end + 160).min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        // never run into the next quotation
        let cut = self
            .text
            .get(end..to)
            .and_then(|w| w.find('"'))
            .map_or(to, |k| end + k);
        let mut cut = cut.min(self.text.len());
        while !self.text.is_char_boundary(cut) {
            cut -= 1;
        }
        cut
    }

    /// `"…," X said` / `"…," said X, a spokesman` / `"…," X, a spokesman, said` /
    /// `"…," he said`. Returns the entity, or `Err(())` for a pronoun.
    fn after(&self, end: usize) -> Option<Result<usize, ()>> {
        // A quote that closes its sentence with a period ("….") or ends its paragraph
        // takes no attribution from what follows: that is a new sentence.
        // Everything before the closing mark (which may be any char, so step back a
        // whole char, not a byte).
        let mut before = self.text.get(..end).unwrap_or("").chars();
        before.next_back();
        let inner_last = before
            .as_str()
            .trim_end_matches(['"', '\''])
            .chars()
            .next_back();
        let rest = &self.text[end..];
        let line_end = rest
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r']);
        if inner_last == Some('.') || line_end || rest.trim().is_empty() {
            return None;
        }
        let to = self.after_window(end);
        let gap = self.text[end..to].trim_start();
        // The attribution follows at once ("," or straight on), not a new statement.
        let ws = words(self.text, end, to);
        if ws.is_empty() {
            return None;
        }
        // A possessive name is not the speaker ("an aunt of Doe's, Jane Roe").
        let first = self
            .mentions_in(end, to)
            .find(|(m, _)| !self.text[m.span.end..].starts_with(['\'', '’']));
        // said X (with up to four title words between: "said police Chief X")
        if speech(&ws[0].0) {
            if let Some(&(m, e)) = first {
                let between = ws.iter().filter(|(_, s)| s.start < m.span.start).count();
                if between <= 5 {
                    return Some(Ok(e));
                }
            }
            return None;
        }
        if pronoun(&ws[0].0) && ws.get(1).is_some_and(|w| speech(&w.0)) {
            return Some(Err(()));
        }
        // X said / X, a spokesman for Y, said
        if let Some(&(m, e)) = first {
            let lead = ws.iter().filter(|(_, s)| s.end <= m.span.start).count();
            let after_m: Vec<&(String, Span)> =
                ws.iter().filter(|(_, s)| s.start >= m.span.end).collect();
            let near = after_m.first().is_some_and(|w| speech(&w.0))
                || (self.text[m.span.end..].trim_start().starts_with(',')
                    && after_m.iter().take(10).any(|w| speech(&w.0)));
            // "the FBI's Roe said": a few words may come before the name
            if lead <= 4 && near && !gap.starts_with(['.', '?', '!']) {
                return Some(Ok(e));
            }
        }
        None
    }

    /// `X said, "…"` / `X told Z: "…"` / `X said that "…"`.
    fn before(&self, start: usize, sentence: Span) -> Option<Result<usize, ()>> {
        let from = sentence.start.min(start);
        let head = self.text[from..start].trim_end();
        let ws = words(self.text, from, start);
        let n = ws.len();
        let verb = (0..n).rev().take(8).find(|&k| speech(&ws[k].0))?;
        // The quote follows the verb's clause: a colon, comma or "that" before it,
        // or the verb's object ("told reporters", "said of the plan").
        let lead_in = head.ends_with([':', ',']) || ws.last().is_some_and(|w| w.0 == "that");
        if !lead_in && n - verb > 3 {
            return None;
        }
        let vstart = ws[verb].1.start;
        // The subject: the last name before the verb (its own clause), else a pronoun.
        if let Some(&(_, e)) = self.mentions_in(from, vstart).last() {
            return Some(Ok(e));
        }
        if verb > 0 && pronoun(&ws[verb - 1].0) {
            return Some(Err(()));
        }
        // "said X:" (the name after the verb)
        self.mentions_in(ws[verb].1.end, start)
            .next()
            .map(|&(_, e)| Ok(e))
    }

    /// `according to X` in the sentence.
    fn according(&self, sentence: Span) -> Option<usize> {
        // A word that lower-cases to "according" is those nine ASCII letters in some
        // case (no other character lower-cases to one of them alone): a sentence
        // without them, as most are, is not cut into words.
        let holds = self
            .text
            .get(sentence.start..sentence.end)
            .unwrap_or("")
            .as_bytes()
            .windows(9)
            .any(|w| w.eq_ignore_ascii_case(b"according"));
        if !holds {
            return None;
        }
        let ws = words(self.text, sentence.start, sentence.end);
        let k = ws
            .windows(2)
            .position(|w| w[0].0 == "according" && w[1].0 == "to")?;
        let at = ws[k + 1].1.end;
        self.mentions_in(at, (at + 60).min(sentence.end))
            .next()
            .map(|&(_, e)| e)
    }

    /// The person a "he"/"she" before `at` refers to: the last named speaker within
    /// three paragraphs' worth of text, else the last person named.
    fn resolve_pronoun(&self, at: usize, earlier: &[Quote]) -> Option<usize> {
        // Whichever comes last: a named speaker or a person named in the text.
        let speaker = earlier
            .iter()
            .rev()
            .find(|q| q.speaker.is_some() && q.how.is_some_and(How::explicit) && !q.turn)
            .map(|q| (q.span.end, q.speaker));
        let person = self
            .mentions
            .iter()
            .rev()
            .find(|(m, e)| {
                m.span.end <= at
                    && self.entities.get(*e).map(|x| x.kind) == Some(EntityKind::Person)
            })
            .map(|&(m, e)| (m.span.end, Some(e)));
        let (pos, e) = match (speaker, person) {
            (Some(s), Some(p)) => s.max(p),
            (s, p) => s.or(p)?,
        };
        (at.saturating_sub(pos) < 1500).then_some(e).flatten()
    }

    /// Transcript speakers per sentence: only in a document with at least two labels,
    /// and only labels that name a person (not a caption such as "Raw:").
    pub fn transcript(&self) -> Vec<Option<usize>> {
        let labels = self.sentences.iter().filter(|s| s.label).count();
        if labels < 2 {
            // No transcript: no speaker anywhere, and the labels are not read.
            return vec![None; self.sentences.len()];
        }
        let mut v = crate::claims::attribution::labels(self.text, self.sentences, self.mentions);
        for e in &mut v {
            let person =
                e.is_some_and(|x| self.entities.get(x).map(|x| x.kind) == Some(EntityKind::Person));
            if labels < 2 || !person {
                *e = None;
            }
        }
        v
    }
}

/// Transcript answers: every run of sentences after a "Name:" label, as one quote of
/// that speaker (questions are left out). `speakers` is [`Context::transcript`].
pub fn turns(ctx: &Context, doc: usize, speakers: &[Option<usize>]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < speakers.len() {
        let Some(e) = speakers[k] else {
            k += 1;
            continue;
        };
        let start = k;
        while k < speakers.len() && speakers[k] == Some(e) && !ctx.sentences[k].label {
            k += 1;
        }
        let pieces: Vec<Span> = ctx.sentences[start..k].iter().map(|s| s.span).collect();
        let text = pieces
            .iter()
            .map(|p| p.of(ctx.text).trim())
            .collect::<Vec<_>>()
            .join(" ");
        if super::extract::word_count(&text) >= 3 {
            out.push(Quote {
                doc,
                span: Span::new(pieces[0].start, pieces[pieces.len() - 1].end),
                pieces,
                text,
                sentence: start,
                form: super::QuoteForm::Full,
                speaker: Some(e),
                speaker_name: ctx.entities.get(e).map(|x| x.canonical.clone()),
                how: Some(How::Label),
                turn: true,
            });
        }
        k = k.max(start + 1);
    }
    out
}

/// Attributes the quotes of one document (in text order). `speakers` is
/// [`Context::transcript`], made once for [`turns`] and this.
pub fn attribute(ctx: &Context, speakers: &[Option<usize>], quotes: &mut [Quote]) {
    let para_of = |at: usize| ctx.paragraphs.partition_point(|p| p.start <= at);
    let in_order = quotes.is_sorted_by_key(|q| q.span.start);
    for i in 0..quotes.len() {
        if quotes[i].turn || quotes[i].how.is_some() {
            if quotes[i].how == Some(How::Handle) && quotes[i].speaker.is_none() {
                // An account name that is also a name in the text.
                let name = quotes[i].speaker_name.clone().unwrap_or_default();
                quotes[i].speaker = ctx
                    .mentions
                    .iter()
                    .find(|(m, _)| m.text == name)
                    .map(|&(_, e)| e);
            }
            continue;
        }
        let q = &quotes[i];
        let sentence = ctx.sentences.get(q.sentence).map_or(q.span, |s| s.span);
        let end_sentence = ctx
            .sentences
            .get(sentence_at(ctx.sentences, q.span.end.saturating_sub(1)))
            .map_or(sentence, |s| s.span);
        let found = ctx
            .after(q.span.end)
            .map(|r| (r, How::Named))
            .or_else(|| ctx.before(q.span.start, sentence).map(|r| (r, How::Named)))
            .or_else(|| {
                ctx.according(sentence)
                    .or_else(|| ctx.according(end_sentence))
                    .map(|e| (Ok(e), How::Named))
            })
            .or_else(|| {
                speakers
                    .get(q.sentence)
                    .copied()
                    .flatten()
                    .map(|e| (Ok(e), How::Label))
            });
        let (speaker, how) = match found {
            Some((Ok(e), how)) => (Some(e), Some(how)),
            Some((Err(()), _)) => {
                let e = ctx.resolve_pronoun(q.span.start, &quotes[..i]);
                (e, e.map(|_| How::Pronoun))
            }
            None => {
                // "…," X said. "…" — a later quote in the same paragraph.
                let p = para_of(q.span.start);
                // In text order, the quotes of the paragraph are the last ones before
                // this: the walk back stops at the paragraph's start instead of
                // running through every earlier quote of the document.
                let prev = quotes[..i]
                    .iter()
                    .rev()
                    .take_while(|o| !in_order || para_of(o.span.start) >= p)
                    .find(|o| !o.turn && para_of(o.span.start) == p && o.speaker.is_some());
                match prev {
                    Some(o) if q.form != super::QuoteForm::Partial => {
                        (o.speaker, Some(How::Inherited))
                    }
                    _ if q.form == super::QuoteForm::Partial
                        && words(ctx.text, sentence.start, q.span.start)
                            .first()
                            .is_some_and(|w| pronoun(&w.0)) =>
                    {
                        // "He also urged them to "…"": the sentence's subject.
                        let e = ctx.resolve_pronoun(q.span.start, &quotes[..i]);
                        (e, e.map(|_| How::Pronoun))
                    }
                    _ if q.form == super::QuoteForm::Partial => {
                        let persons: Vec<usize> = ctx
                            .mentions_in(sentence.start, q.span.start)
                            .filter(|(_, e)| {
                                ctx.entities.get(*e).map(|x| x.kind) == Some(EntityKind::Person)
                            })
                            .map(|&(_, e)| e)
                            .collect();
                        if !persons.is_empty() && persons.iter().all(|&p| p == persons[0]) {
                            (Some(persons[0]), Some(How::Context))
                        } else {
                            (None, None)
                        }
                    }
                    _ => (None, None),
                }
            }
        };
        let q = &mut quotes[i];
        q.speaker = speaker;
        q.how = how;
        q.speaker_name = speaker.and_then(|e| ctx.entities.get(e).map(|x| x.canonical.clone()));
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Format};
    use crate::rules::RuleSet;

    fn doc(id: &str, text: &str) -> Document {
        Document::new(id, &format!("{id}.txt"), text.to_string(), Format::Text).0
    }

    #[test]
    fn mentions_in_a_stretch_found_by_halving_are_those_found_by_a_look_at_each() {
        use crate::mentions::{EntityKind, Mention};
        use crate::resolve::Entity;
        use crate::span::Span;
        // Invented mentions in text order (some starting together, some overlapping),
        // of entities of every kind.
        let kinds = [
            EntityKind::Person,
            EntityKind::Org,
            EntityKind::Other,
            EntityKind::Place,
        ];
        let entities: Vec<Entity> = kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| Entity {
                id: format!("e{i}"),
                canonical: "Ann Roe".into(),
                kind,
                mentions: Vec::new(),
            })
            .collect();
        let mut seed: u64 = 5;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut ms = Vec::new();
        let mut at = 0;
        for _ in 0..60 {
            at += next(3) as usize * 4;
            let len = 1 + next(9) as usize;
            ms.push(Mention {
                doc: 0,
                sentence: 0,
                span: Span::new(at, at + len),
                text: "Ann Roe".into(),
                kind: EntityKind::Person,
                title: None,
            });
        }
        let with: Vec<(&Mention, usize)> = ms.iter().map(|m| (m, next(4) as usize)).collect();
        let text = "x".repeat(at + 20);
        let ctx = |in_order| super::Context {
            text: &text,
            sentences: &[],
            mentions: &with,
            entities: &entities,
            mentions_in_order: in_order,
            paragraphs: &[],
        };
        let (halving, looking) = (ctx(true), ctx(false));
        let mut found = 0;
        for from in 0..at + 10 {
            for to in [from, from + 1, from + 7, from + 40, from.saturating_sub(3)] {
                let got: Vec<_> = halving.mentions_in(from, to).collect();
                let want: Vec<_> = looking.mentions_in(from, to).collect();
                found += want.len();
                assert_eq!(got, want, "{from}..{to}");
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn a_quote_whose_sentence_is_an_echo_is_read_without_a_panic() {
        // The document repeats its own text, so the second half is an echo and left
        // out of the sentences: the sentence found before the second quote's end
        // ends before it (a reversed window panicked here).
        let text =
            "Mayor Tam Velm of Orlo's \"Orlo\" \"\u{1C40}!Mayor Tam Velm of Orlo's \"Orlo\" ";
        let a = crate::analyze(
            vec![doc("a", text), doc("b", "Mayor Tam Velm of Orlo said.\n")],
            &RuleSet::builtin(),
        );
        assert_eq!(a.docs.len(), 2);
        assert!(a.quotes.iter().all(|q| q.doc < 2));
    }
}
