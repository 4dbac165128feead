//! Optional YAML front matter (`---` … `---` at the top of a text or Markdown file).

use serde::Deserialize;

use super::Meta;
use crate::yaml;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Directives {
    ignore: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<String>,
    byline: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    url: Option<String>,
    story: Option<String>,
    /// `factdiff: {ignore: [rule-id, ...]}`: findings of these rules that cite this
    /// source are suppressed.
    factdiff: Option<Directives>,
    /// Any other keys belong to the newsroom, not to us: accepted and ignored.
    #[serde(flatten)]
    _other: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The byte length of a front-matter block at the start of `raw`, if there is one.
pub fn block_len(raw: &str) -> Option<usize> {
    let body = raw.strip_prefix("---")?;
    let first_nl = body.find('\n')?;
    if !body[..first_nl].trim().is_empty() {
        return None;
    }
    let mut pos = 3 + first_nl + 1;
    for line in raw[pos..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some(pos + line.len());
        }
        pos += line.len();
    }
    None
}

/// Reads the front matter at the start of `raw` into source metadata. Returns the
/// block's length (to be blanked from the analysis text) and the metadata, or a
/// warning when the block is not valid YAML (the block is still blanked).
pub fn read(raw: &str, origin: &str) -> Option<(usize, Result<Meta, String>)> {
    let len = block_len(raw)?;
    let inner = raw[..len]
        .trim_start_matches("---")
        .trim_end()
        .trim_end_matches("---")
        .trim_end_matches("...");
    let parsed = yaml::parse::<FrontMatter>(inner, &format!("front matter of {origin}"))
        .map(|fm| Meta {
            title: fm.title,
            byline: fm.byline,
            outlet: fm.outlet,
            date: fm.date,
            url: fm.url,
            story: fm.story,
            ignore: fm.factdiff.map(|d| d.ignore).unwrap_or_default(),
        })
        .map_err(|e| e.to_string());
    Some((len, parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_outlet_date_url() {
        let raw = "---\ntitle: A story\noutlet: The Paper\ndate: 2022-03-07\nurl: https://x.example/a\n---\nBody text.\n";
        let (len, meta) = read(raw, "a.md").unwrap();
        assert_eq!(&raw[len..], "Body text.\n");
        let meta = meta.unwrap();
        assert_eq!(meta.title.as_deref(), Some("A story"));
        assert_eq!(meta.outlet.as_deref(), Some("The Paper"));
        assert_eq!(meta.date.as_deref(), Some("2022-03-07"));
        assert_eq!(meta.url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn factdiff_ignore_list_is_read() {
        let raw = "---\nfactdiff:\n  ignore: [spelling-variant, numeric-mismatch]\n---\nBody\n";
        let (_, meta) = read(raw, "a.md").unwrap();
        assert_eq!(
            meta.unwrap().ignore,
            ["spelling-variant", "numeric-mismatch"]
        );
    }

    #[test]
    fn no_front_matter_without_opening_fence() {
        assert!(read("Body\n---\nmore\n", "a.md").is_none());
        assert!(read("--- not a fence\nx\n---\n", "a.md").is_none());
    }

    #[test]
    fn unclosed_block_is_not_front_matter() {
        assert!(read("---\ntitle: x\nBody\n", "a.md").is_none());
    }

    #[test]
    fn broken_yaml_is_a_warning_with_position() {
        let (_, meta) = read("---\ntitle: [unclosed\n---\nBody\n", "a.md").unwrap();
        let err = meta.unwrap_err();
        assert!(err.contains("front matter of a.md"), "{err}");
    }
}
