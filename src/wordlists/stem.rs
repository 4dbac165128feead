//! English (Snowball) stems, remembered per thread for the run.
//!
//! Several stages stem the same words again and again (a story repeats its words in
//! every source, and each count, quote and name reads its sentence's words): the
//! Snowball algorithm costs far more than a map look-up, so each thread keeps the stems
//! it has made. The memo only saves work: [`stem`] answers exactly what the stemmer
//! answers. It is cleared when it holds [`MAX_WORDS`] words, so that an archive of many
//! stories does not grow it without bound.

use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::hash::HashMap;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Most words one thread remembers (a story's vocabulary is far smaller).
const MAX_WORDS: usize = 1 << 17;

thread_local! {
    static MEMO: RefCell<HashMap<Box<str>, Box<str>>> = RefCell::new(HashMap::default());
}

/// The English Snowball stem of `word`, as written (callers fold case first).
pub fn stem(word: &str) -> String {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(s) = memo.get(word) {
            // Copied as bytes (`to_string` on the box goes through its `Display`).
            return String::from(&**s);
        }
        let s = STEMMER.stem(word).into_owned();
        if memo.len() >= MAX_WORDS {
            memo.clear();
        }
        memo.insert(word.into(), s.as_str().into());
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_stems_are_the_stemmers_stems() {
        let words = [
            "runners",
            "running",
            "ran",
            "Running",
            "",
            "généreux",
            "tests",
        ];
        for round in 0..2 {
            for w in words {
                assert_eq!(stem(w), STEMMER.stem(w), "{w} (round {round})");
            }
        }
        assert_eq!(stem("suspending"), "suspend");
    }

    #[test]
    fn a_full_memo_starts_again_and_still_answers() {
        for k in 0..MAX_WORDS + 10 {
            let w = format!("zorb{k}ings");
            assert_eq!(stem(&w), STEMMER.stem(&w));
        }
        MEMO.with(|m| assert!(m.borrow().len() <= MAX_WORDS));
        assert_eq!(stem("zorb3ings"), STEMMER.stem("zorb3ings"));
    }
}
