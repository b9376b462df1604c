//! SearchText: a regular expression over the project's text assets (`.meta` files
//! and Unity-ignored names skipped, binary files skipped), optionally only paths a
//! glob matches; each matching line once, sorted by path then line. Linear-time
//! matching (the `regex` crate has no backtracking) and a bounded automaton, so no
//! pattern buys unbounded work; the walk stops between files at the deadline.

use super::{AssetDb, Stop};
use crate::error::OpError;
use crate::fs::EntryKind;
use crate::path::{is_ignored_name, AssetPath};
use crate::text::Text;

/// Default and largest number of matches answered.
pub const DEFAULT_SEARCH_LIMIT: u32 = 200;
/// Largest `limit`.
pub const MAX_SEARCH_LIMIT: u32 = 10_000;
/// Longest pattern accepted, in bytes.
pub const MAX_PATTERN_BYTES: usize = 1_000;
/// Bound on the compiled pattern's size (the regex crate's `size_limit`): a pattern
/// like `a{1000}{1000}` is refused rather than compiled into gigabytes.
const PATTERN_SIZE_LIMIT_BYTES: usize = 1 << 20;
/// Characters of a matching line answered (the rest is cut).
pub const MAX_LINE_CHARS: usize = 500;

/// What to search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// The regular expression (the `regex` crate's syntax).
    pub pattern: String,
    /// Only paths this glob matches (as FindAssets).
    pub path_glob: Option<String>,
    /// Most matches answered.
    pub limit: u32,
    /// Letters match in either case.
    pub case_insensitive: bool,
}

/// One matching line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextMatch {
    /// The file.
    pub path: AssetPath,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters) where the first match on the line starts.
    pub column: u32,
    /// The line, cut at [`MAX_LINE_CHARS`] characters.
    pub line_text: String,
}

impl SearchQuery {
    /// The compiled pattern, or why it is not one (code 3).
    pub fn compile(&self) -> Result<regex::Regex, OpError> {
        if self.pattern.is_empty() {
            return Err(OpError::invalid("pattern: is empty"));
        }
        if self.pattern.len() > MAX_PATTERN_BYTES {
            return Err(OpError::invalid(format!("pattern: {} bytes; the limit is {MAX_PATTERN_BYTES}", self.pattern.len())));
        }
        regex::RegexBuilder::new(&self.pattern)
            .case_insensitive(self.case_insensitive)
            .size_limit(PATTERN_SIZE_LIMIT_BYTES)
            .build()
            .map_err(|e| OpError::invalid(format!("pattern: not a regular expression this server accepts: {e}")))
    }
}

impl AssetDb {
    /// SearchText. Returns the matches (sorted) and whether more matched.
    pub fn search_text_within(&self, q: &SearchQuery, stop: &Stop) -> Result<(Vec<TextMatch>, bool), OpError> {
        let re = q.compile()?;
        let glob = q.path_glob.as_deref().map(crate::index::Glob::new);
        let limit = match q.limit {
            0 => DEFAULT_SEARCH_LIMIT,
            n => n.min(MAX_SEARCH_LIMIT),
        } as usize;
        let mut out = Vec::new();
        let mut more = false;
        for root in self.roots()? {
            if self.search_dir(&re, glob.as_ref(), &root, limit, &mut out, stop)? {
                more = true;
                break;
            }
        }
        // The walk goes in name order; a name sorting before its folder's contents
        // (`A b` before `A/x`) is put in path order here.
        out.sort_by(|a, b| (a.path.as_str(), a.line).cmp(&(b.path.as_str(), b.line)));
        Ok((out, more))
    }

    /// Searches `dir` depth-first in name order; true once more than `limit` matched.
    fn search_dir(&self, re: &regex::Regex, glob: Option<&crate::index::Glob>, dir: &AssetPath, limit: usize, out: &mut Vec<TextMatch>, stop: &Stop) -> Result<bool, OpError> {
        let Ok(entries) = self.fs.list_dir(dir.as_str()) else { return Ok(false) };
        for (name, kind) in entries {
            stop.tick()?;
            if is_ignored_name(&name) || name.ends_with(".meta") {
                continue;
            }
            let child = dir.join(&name);
            let more = match kind {
                EntryKind::Dir => self.search_dir(re, glob, &child, limit, out, stop)?,
                EntryKind::File if glob.is_none_or(|g| g.matches(child.as_str())) => !self.search_file(re, &child, limit, out),
                _ => false,
            };
            if more {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Appends the file's matching lines; false once more than `limit` matched.
    fn search_file(&self, re: &regex::Regex, path: &AssetPath, limit: usize, out: &mut Vec<TextMatch>) -> bool {
        // Too large, unreadable or not text: not a text asset, nothing to find.
        let Ok(bytes) = self.fs.read(path.as_str(), self.max_text_bytes) else { return true };
        let Ok(text) = Text::decode(&bytes) else { return true };
        for (i, line) in text.lines().enumerate() {
            let Some(m) = re.find(line) else { continue };
            if out.len() == limit {
                return false;
            }
            out.push(TextMatch {
                path: path.clone(),
                line: (i + 1).min(u32::MAX as usize) as u32,
                column: (line[..m.start()].chars().count() + 1).min(u32::MAX as usize) as u32,
                line_text: line.chars().take(MAX_LINE_CHARS).collect(),
            });
        }
        true
    }
}
