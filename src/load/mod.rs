//! Loading sources: files and folders → [`Document`]s with metadata and a way back from
//! any analysis offset to the exact bytes and line:column of the file.

mod article;
mod date;
mod encoding;
mod front_matter;
mod html;
pub mod jsonl;
mod lines;
mod markdown;
mod normal;

pub use date::Date;
pub use lines::LineIndex;
pub use normal::{normalize, OffsetMap};

use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::span::Span;

/// Files larger than this are refused with a warning rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// What a source says about itself (front matter, or later a JSON Lines record).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Meta {
    /// The headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who wrote it (a web page's byline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The published date as written (ISO 8601 days are read as dates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The story the source belongs to (metadata only: it does not group sources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Rule ids whose findings citing this source are suppressed (front matter
    /// `factdiff: {ignore: [...]}` or `<!-- factdiff-ignore RULE -->` comments).
    #[serde(skip)]
    pub ignore: Vec<String>,
}

impl Meta {
    /// Takes what a page says about itself where the source has not said it already
    /// (front matter wins).
    fn fill_from(&mut self, page: article::PageMeta) {
        self.title = self.title.take().or(page.title);
        self.byline = self.byline.take().or(page.byline);
        self.date = self.date.take().or(page.date);
        self.outlet = self.outlet.take().or(page.outlet);
        self.url = self.url.take().or(page.url);
    }
}

/// Rule ids named in `<!-- factdiff-ignore RULE-ID [RULE-ID…] -->` comments.
fn ignore_comments(raw: &str) -> Vec<String> {
    const OPEN: &str = "<!--";
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(k) = rest.find(OPEN) {
        let after = &rest[k + OPEN.len()..];
        let end = after.find("-->").unwrap_or(after.len());
        let body = after[..end].trim();
        if let Some(ids) = body.strip_prefix("factdiff-ignore") {
            out.extend(
                ids.split([' ', ',', '\n', '\t'])
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            );
        }
        rest = &after[end..];
    }
    out
}

/// One article: where it came from and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The file stem, unique within a run.
    pub id: String,
    /// The path as given on the command line (or below a given folder).
    pub path: String,
    /// Title, byline, outlet, date, URL and story.
    #[serde(flatten)]
    pub meta: Meta,
}

/// How a source's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown: markup is blanked, positions kept.
    Markdown,
    /// A web page: the article is found and read.
    Html,
}

impl Format {
    /// The format a file name implies, or `None` when a folder walk should pass it by.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What a marked stretch of a page is: words shown a second time for the eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionKind {
    /// A picture's caption (`<figcaption>`): its own words are news (a name, a place),
    /// but a caption sentence that repeats the body is read once, in the body.
    Caption,
    /// A pull quote: the article's own words set large. Never read as evidence.
    PullQuote,
}

/// A marked stretch of the analysis text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Where it is in the analysis text.
    pub span: Span,
    /// A caption or a pull quote.
    pub kind: RegionKind,
}

/// A loaded source: the file's own text, the analysis text every later stage reads,
/// and the maps between them.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its id, path and metadata.
    pub source: Source,
    /// How it was read.
    pub format: Format,
    /// The file as written (decoded as UTF-8, invalid bytes replaced).
    pub raw: String,
    /// The analysis text: markup blanked, Unicode and quotes normalised.
    pub text: String,
    map: OffsetMap,
    lines: LineIndex,
    /// The story this source belongs to: sources are compared only within their story.
    /// `None` is the run's default story. Set by the loader (a JSON Lines record's story
    /// field, or the folder with `--story-per-dir`), never by front matter.
    pub story: Option<String>,
    /// The folder `story` came from under `--story-per-dir`, until the loader names it.
    story_folder: Option<String>,
    /// The day the source was published (its metadata's `date`, when that begins with
    /// an ISO 8601 date): what relative dates and weekdays in its text resolve against.
    pub published: Option<Date>,
    /// The file as named on the command line or found in a folder (`None` for standard
    /// input and JSON Lines records): compared by path, not by its lossy display.
    pub file: Option<PathBuf>,
    /// Captions and pull quotes of a web page, in text order, never overlapping.
    pub regions: Vec<Region>,
    /// Stretches of the text that only repeat other text of the document (pull quotes,
    /// captions or paragraphs that repeat the body), in order: set by segmentation
    /// (`segment::without_echoes`), and skipped by every stage after it, so that one
    /// statement is never evidence twice.
    pub echoes: Vec<Span>,
}

impl Document {
    /// Builds a document from text already in memory. Returns a warning when front
    /// matter is present but unreadable, or a page could not be read by the article
    /// finder.
    pub fn new(id: &str, path: &str, raw: String, format: Format) -> (Document, Option<String>) {
        Document::build(id, path, raw, format, None)
    }

    /// Builds a plain-text document whose metadata is already known (a JSON Lines
    /// record): no front matter is read from the text.
    pub fn with_meta(id: &str, path: &str, raw: String, meta: Meta) -> Document {
        Document::build(id, path, raw, Format::Text, Some(meta)).0
    }

    fn build(
        id: &str,
        path: &str,
        raw: String,
        format: Format,
        known: Option<Meta>,
    ) -> (Document, Option<String>) {
        let front = known.is_none();
        let mut meta = known.unwrap_or_default();
        let mut warning = None;
        let mut copies = Vec::new();
        // Borrowed where nothing is blanked (plain text without front matter, every
        // JSON Lines record): normalising reads it in place instead of from a copy.
        let blanked: Cow<'_, str> = match format {
            Format::Text | Format::Markdown if !front => Cow::Borrowed(&raw),
            Format::Text | Format::Markdown => match front_matter::read(&raw, path) {
                Some((len, parsed)) => {
                    match parsed {
                        Ok(m) => meta = m,
                        Err(e) => warning = Some(format!("front matter ignored: {e}")),
                    }
                    let mut b = raw.clone().into_bytes();
                    markdown::blank(&mut b, 0, len);
                    // Only ASCII was overwritten, so the bytes are still UTF-8.
                    Cow::Owned(String::from_utf8(b).unwrap_or_default())
                }
                None => Cow::Borrowed(&raw),
            },
            Format::Html => {
                let page = article::read(&raw);
                warning = page.warning;
                meta.fill_from(page.meta);
                copies = html::display_copies(&raw);
                Cow::Owned(page.blanked)
            }
        };
        let blanked = match format {
            Format::Markdown => Cow::Owned(markdown::strip(&blanked)),
            Format::Text | Format::Html => blanked,
        };
        if format != Format::Text {
            meta.ignore.extend(ignore_comments(&raw));
        }
        let published = meta.date.as_deref().and_then(Date::parse);
        // Character references are text in HTML and in CommonMark alike.
        let (text, map) = normal::normalize(&blanked, format != Format::Text);
        drop(blanked);
        let lines = LineIndex::new(&raw);
        let regions = copies
            .into_iter()
            .map(|(r, kind)| Region {
                span: Span::new(
                    map.to_text(r.start),
                    map.to_text(r.end).max(map.to_text(r.start)),
                ),
                kind,
            })
            .filter(|r| r.span.of(&text).chars().any(char::is_alphanumeric))
            .collect();
        let doc = Document {
            source: Source {
                id: id.to_string(),
                path: path.to_string(),
                meta,
            },
            format,
            raw,
            text,
            map,
            lines,
            story: None,
            story_folder: None,
            published,
            file: None,
            regions,
            echoes: Vec::new(),
        };
        (doc, warning)
    }

    /// The kind of the marked region (caption, pull quote) that analysis offset `at`
    /// lies in, if any.
    pub fn region_at(&self, at: usize) -> Option<RegionKind> {
        let k = self.regions.partition_point(|r| r.span.start <= at);
        let r = self.regions.get(k.checked_sub(1)?)?;
        (at < r.span.end).then_some(r.kind)
    }

    /// Does analysis offset `at` lie in text that only repeats other text of the document
    /// (see [`Document::echoes`])?
    pub fn is_echo(&self, at: usize) -> bool {
        let k = self.echoes.partition_point(|e| e.start <= at);
        k.checked_sub(1).is_some_and(|k| at < self.echoes[k].end)
    }

    /// The byte range in [`Document::raw`] that an analysis span came from.
    /// Always on char boundaries of the file, even for a span that starts or ends in
    /// blanked markup (a multi-byte char blanked to spaces).
    pub fn raw_range(&self, span: Span) -> std::ops::Range<usize> {
        let mut s = self.map.to_raw_start(span.start).min(self.raw.len());
        while !self.raw.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = self.map.to_raw_end(span.end).max(s).min(self.raw.len());
        while !self.raw.is_char_boundary(e) {
            e += 1;
        }
        s..e
    }

    /// The exact source text behind an analysis span.
    pub fn raw_text(&self, span: Span) -> &str {
        let r = self.raw_range(span);
        self.raw.get(r).unwrap_or("")
    }

    /// 1-based line and column in the file just after the span ending at `offset`.
    pub fn line_col_end(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.raw, self.map.to_raw_end(offset))
    }

    /// 1-based line and column (in chars) in the file of an analysis offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines
            .line_col(&self.raw, self.map.to_raw_start(offset))
    }
}

/// A problem with one input that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The input's path.
    pub path: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A problem that stops the run (exit code 2).
#[derive(Debug)]
pub enum LoadError {
    /// A path given on the command line does not exist.
    Missing(String),
    /// Nothing readable was found under the given paths (with the warnings that say
    /// why each file found was skipped).
    NoSources(Vec<String>, Vec<Warning>),
    /// Standard input could not be read.
    Stdin(std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing(p) => write!(f, "{p}: no such file or directory"),
            LoadError::NoSources(ps, _) => write!(
                f,
                "no readable sources in {} (looked for .txt, .md, .markdown, .html, .htm, .jsonl files)",
                ps.join(", ")
            ),
            LoadError::Stdin(e) => write!(f, "cannot read standard input: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The documents of a run, in a fixed order, and what was skipped on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The documents, in a fixed order whatever the order of the arguments.
    pub docs: Vec<Document>,
    /// Inputs skipped or read with a caveat.
    pub warnings: Vec<Warning>,
    /// Every file read (or found and skipped), so that no output overwrites one.
    pub files: Vec<PathBuf>,
}

/// Is this a JSON Lines file (`.jsonl`, `.ndjson`), read as one source a line?
pub fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// How sources are grouped into stories.
#[derive(Debug, Clone)]
pub struct Options {
    /// Every folder is a story of its own (`--story-per-dir`).
    pub story_per_dir: bool,
    /// The JSON Lines field that names a record's story (`--story-key`, default `story`).
    pub story_key: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            story_per_dir: false,
            story_key: "story".to_string(),
        }
    }
}

/// Collects the files to read: explicit files as given, folders walked recursively
/// (honouring .gitignore, skipping hidden files), sorted and deduplicated.
fn collect(paths: &[PathBuf], warnings: &mut Vec<Warning>) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(_) if p.symlink_metadata().is_ok() => {
                warnings.push(Warning {
                    path: p.display().to_string(),
                    message: "dangling symbolic link, skipped".into(),
                });
                continue;
            }
            Err(_) => return Err(LoadError::Missing(p.display().to_string())),
        };
        if meta.is_dir() {
            // Symbolic links inside a folder are followed (a link to an article is that
            // article); a link that loops back is reported by the walker as a warning.
            let walker = ignore::WalkBuilder::new(p)
                .require_git(false)
                .follow_links(true)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        if Format::from_path(e.path()).is_some() || is_jsonl(e.path()) {
                            files.push(e.into_path());
                        }
                    }
                    Ok(_) => {}
                    Err(err) => warnings.push(Warning {
                        path: p.display().to_string(),
                        message: format!("cannot walk: {err}"),
                    }),
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    // One file named two ways ("./x.md" and "x.md", an absolute path, or a file both
    // named and found in a folder) is one source, not `x` and `x~2`.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        f.as_os_str() == "-" || seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
    });
    Ok(files)
}

/// Reads one file's bytes, refusing what is not a regular file or is too large.
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        if buf.len() as u64 > MAX_FILE_BYTES {
            return Err(format!("larger than {} MiB, skipped", MAX_FILE_BYTES >> 20));
        }
        return Ok(buf);
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket or device), skipped".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{} MiB is larger than the {} MiB limit, skipped",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// Decodes a file's bytes (see [`encoding::decode`]) and reads lone CR line endings
/// (old Mac files) as LF, byte for byte, so that lines and columns count as an editor
/// shows them.
fn decode(bytes: &[u8], html: bool) -> Result<(String, Vec<String>), String> {
    let (mut text, warnings) = encoding::decode(bytes, html)?;
    if text.contains('\r') {
        let mut b = text.into_bytes();
        for i in 0..b.len() {
            if b[i] == b'\r' && b.get(i + 1) != Some(&b'\n') {
                b[i] = b'\n';
            }
        }
        // One ASCII byte replaced by another: still UTF-8.
        text = String::from_utf8(b).unwrap_or_default();
    }
    Ok((text, warnings))
}

/// Gives every file a unique id: its stem, or `parent/stem` when stems collide,
/// with a numeric suffix as the last resort.
fn assign_ids(files: &[PathBuf]) -> Vec<String> {
    let stem = |p: &Path| {
        if p.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            p.file_stem()
                .map_or("source".into(), |s| s.to_string_lossy().into_owned())
        }
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for f in files {
        *count.entry(stem(f)).or_default() += 1;
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    files
        .iter()
        .map(|f| {
            let s = stem(f);
            let mut id = if count[&s] > 1 {
                match f.parent().and_then(|p| p.file_name()) {
                    Some(parent) => format!("{}/{}", parent.to_string_lossy(), s),
                    None => s,
                }
            } else {
                s
            };
            let n = used.entry(id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                id = format!("{id}~{n}");
            }
            id
        })
        .collect()
}

/// Loads every source under `paths`, as one story.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_with(paths, &Options::default())
}

/// What one file gave: its documents (a JSON Lines file gives many) and warnings.
type FileResult = (Vec<Document>, Vec<Warning>);

/// Reads one file into documents. `id` is the file's own id (its stem, disambiguated).
fn load_file(file: &Path, id: &str, opts: &Options) -> FileResult {
    let shown = if file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let mut warnings = Vec::new();
    let warn = |message: String| Warning {
        path: shown.clone(),
        message,
    };
    let bytes = match read_bytes(file) {
        Ok(b) => b,
        Err(m) => return (Vec::new(), vec![warn(m)]),
    };
    let format = Format::from_path(file).unwrap_or(Format::Text);
    let (raw, decode_warnings) = match decode(&bytes, format == Format::Html) {
        Ok(x) => x,
        Err(m) => return (Vec::new(), vec![warn(m)]),
    };
    drop(bytes);
    warnings.extend(decode_warnings.into_iter().map(&warn));
    if raw.trim().is_empty() {
        warnings.push(warn("empty file, skipped".into()));
        return (Vec::new(), warnings);
    }
    let folder = opts.story_per_dir.then(|| match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ if file.as_os_str() == "-" => "<stdin>".to_string(),
        _ => ".".to_string(),
    });
    if is_jsonl(file) {
        use rayon::prelude::*;
        let (records, ws) = jsonl::read(&raw, &opts.story_key);
        drop(raw);
        warnings.extend(ws.into_iter().map(&warn));
        if records.is_empty() {
            warnings.push(warn("no records with text, skipped".into()));
        }
        let docs = records
            .into_par_iter()
            .map(|r| {
                let rid = r.id.clone().unwrap_or_else(|| format!("{id}:{}", r.line));
                let path = format!("{shown}:{}", r.line);
                let own = r.meta.story.clone();
                let mut doc = Document::with_meta(&rid, &path, r.text, r.meta);
                match own {
                    Some(s) => doc.story = Some(s),
                    None => {
                        doc.story = folder.clone();
                        doc.story_folder = folder.clone();
                    }
                }
                doc
            })
            .collect();
        return (docs, warnings);
    }
    let (mut doc, doc_warning) = Document::new(id, &shown, raw, format);
    if let Some(m) = doc_warning {
        warnings.push(warn(m));
    }
    if file.as_os_str() != "-" {
        doc.file = Some(file.to_path_buf());
    }
    doc.story = folder.clone();
    doc.story_folder = folder;
    (vec![doc], warnings)
}

/// Names folder stories by what tells them apart: the folders' common leading path is
/// dropped ("corpus/a", "corpus/b" → "a", "b"); a lone folder keeps its last name.
fn short_folder_names(docs: &mut [Document], from_folder: &[bool]) {
    let folders: Vec<Vec<String>> = docs
        .iter()
        .zip(from_folder)
        .filter(|(_, f)| **f)
        .filter_map(|(d, _)| d.story.as_deref())
        .map(|s| {
            Path::new(s)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    let Some(first) = folders.first() else {
        return;
    };
    let mut common = first.len();
    for f in &folders {
        common = common.min(f.iter().zip(first).take_while(|(a, b)| a == b).count());
    }
    for (d, _) in docs.iter_mut().zip(from_folder).filter(|(_, f)| **f) {
        let parts: Vec<String> = Path::new(d.story.as_deref().unwrap_or("."))
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = if parts.len() > common {
            parts[common..].join("/")
        } else {
            parts.last().cloned().unwrap_or_else(|| ".".into())
        };
        d.story = Some(name);
        d.story_folder = None;
    }
}

/// Makes every source id unique across the run, in order: a repeated id gets `~2`,
/// `~3`, … (JSON Lines records may repeat ids, or repeat a file's). Linear: each id
/// remembers the next suffix to try, so N records sharing one id take N steps, not N².
fn unique_ids(docs: &mut [Document]) {
    use std::collections::{HashMap, HashSet};
    let mut used: HashSet<String> = HashSet::with_capacity(docs.len());
    let mut next: HashMap<String, usize> = HashMap::new();
    for d in docs.iter_mut() {
        if used.contains(&d.source.id) {
            let n = next.entry(d.source.id.clone()).or_insert(2);
            while used.contains(&format!("{}~{n}", d.source.id)) {
                *n += 1;
            }
            let id = format!("{}~{n}", d.source.id);
            *n += 1;
            d.source.id = id;
        }
        used.insert(d.source.id.clone());
    }
}

/// Loads every source under `paths`, files read in parallel, in a fixed order.
pub fn load_with(paths: &[PathBuf], opts: &Options) -> Result<Loaded, LoadError> {
    use rayon::prelude::*;
    let mut warnings = Vec::new();
    let files = collect(paths, &mut warnings)?;
    let ids = assign_ids(&files);
    let results: Vec<FileResult> = files
        .par_iter()
        .zip(ids.par_iter())
        .map(|(file, id)| load_file(file, id, opts))
        .collect();
    let mut docs = Vec::new();
    // Which documents took their story from their folder (not from a record's field).
    let mut folder_of = Vec::new();
    for (ds, ws) in results {
        for d in ds {
            folder_of.push(d.story_folder.is_some());
            docs.push(d);
        }
        warnings.extend(ws);
    }
    if docs.is_empty() {
        return Err(LoadError::NoSources(
            paths.iter().map(|p| p.display().to_string()).collect(),
            warnings,
        ));
    }
    unique_ids(&mut docs);
    if opts.story_per_dir {
        short_folder_names(&mut docs, &folder_of);
    }
    Ok(Loaded {
        docs,
        warnings,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_maps_spans_back_to_source_text_and_position() {
        let raw = "Title\n“It’s bigger,” said Kachper Rekauek.\n".to_string();
        let (doc, w) = Document::new("a", "a.txt", raw, Format::Text);
        assert!(w.is_none());
        let at = doc.text.find("It's").unwrap();
        let span = Span::new(at, at + "It's bigger".len());
        assert_eq!(doc.raw_text(span), "It’s bigger");
        assert_eq!(doc.line_col(at), (2, 2));
        let k = doc.text.find("Kachper").unwrap();
        assert_eq!(doc.line_col(k), (2, 21));
    }

    #[test]
    fn markdown_front_matter_becomes_meta_and_is_not_text() {
        let raw = "---\noutlet: Daily\n---\n# Head\n\nBody **text**.\n".to_string();
        let (doc, _) = Document::new("a", "a.md", raw, Format::Markdown);
        assert_eq!(doc.source.meta.outlet.as_deref(), Some("Daily"));
        assert!(!doc.text.contains("outlet"));
        let at = doc.text.find("text").unwrap();
        assert_eq!(doc.line_col(at), (6, 8));
    }

    #[test]
    fn ignore_comments_are_read_from_markdown_and_html_only() {
        let raw =
            "Text <!-- factdiff-ignore spelling-variant numeric-mismatch --> more <!-- other -->\n"
                .to_string();
        let (md, _) = Document::new("a", "a.md", raw.clone(), Format::Markdown);
        assert_eq!(
            md.source.meta.ignore,
            ["spelling-variant", "numeric-mismatch"]
        );
        let (txt, _) = Document::new("a", "a.txt", raw, Format::Text);
        assert!(txt.source.meta.ignore.is_empty());
    }

    #[test]
    fn html_entities_map_back() {
        let raw = "<body><p>Kyiv&rsquo;s mayor</p></body>".to_string();
        let (doc, _) = Document::new("a", "a.html", raw, Format::Html);
        let at = doc.text.find("Kyiv's").unwrap();
        assert_eq!(doc.raw_text(Span::new(at, at + 6)), "Kyiv&rsquo;s");
    }

    #[test]
    fn decode_reports_first_bad_byte() {
        let (s, w) = decode(b"\xc3\xa9 ok \xff here", false).unwrap();
        assert_eq!(s, "é ok \u{FFFD} here");
        assert!(w[0].contains("byte 6"), "{w:?}");
        assert!(decode(b"a\0b", false).is_err());
    }

    #[test]
    fn lone_cr_ends_lines() {
        let (s, _) = decode(b"one\rtwo\r\nthree\r", false).unwrap();
        assert_eq!(s, "one\ntwo\r\nthree\n");
        let (doc, _) = Document::new("a", "a.txt", s, Format::Text);
        let at = doc.text.find("three").unwrap();
        assert_eq!(doc.line_col(at), (3, 1));
    }

    #[test]
    fn utf8_bom_does_not_shift_columns() {
        let (s, _) = decode("\u{FEFF}Ola Brandvik".as_bytes(), false).unwrap();
        let (doc, _) = Document::new("a", "a.txt", s, Format::Text);
        let at = doc.text.find("Brandvik").unwrap();
        assert_eq!(doc.line_col(at), (1, 5));
    }

    #[test]
    fn unique_ids_suffix_repeats_in_order() {
        let mut docs: Vec<Document> = ["a", "a", "a~2", "a", "b"]
            .iter()
            .map(|id| Document::new(id, "x.txt", "t".into(), Format::Text).0)
            .collect();
        unique_ids(&mut docs);
        let ids: Vec<&str> = docs.iter().map(|d| d.source.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2", "a~2~2", "a~3", "b"]);
    }

    #[test]
    fn page_metadata_fills_what_the_source_has_not_said() {
        let mut m = Meta {
            title: Some("Own".into()),
            ..Meta::default()
        };
        m.fill_from(article::PageMeta {
            title: Some("Page".into()),
            date: Some("2024-02-29".into()),
            ..Default::default()
        });
        assert_eq!(m.title.as_deref(), Some("Own"));
        assert_eq!(m.date.as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn ids_are_stems_disambiguated_by_parent() {
        let files = vec![
            PathBuf::from("x/a.txt"),
            PathBuf::from("y/a.md"),
            PathBuf::from("y/b.txt"),
        ];
        assert_eq!(assign_ids(&files), ["x/a", "y/a", "b"]);
    }
}
