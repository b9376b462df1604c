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

/// Files whose text a search worker takes at a time is one folder's: a folder is
/// opened once and its files read relative to it.
struct Folder {
    /// The folder.
    dir: AssetPath,
    /// Its files to search, in name order.
    names: Vec<String>,
}

/// What the workers share: which folder is next, and how far the completed prefix of
/// folders reaches (its matches alone may already exceed the limit).
struct Progress {
    /// Per folder: its matches once searched (`None`: not yet).
    done: Vec<Option<Vec<TextMatch>>>,
    /// Folders `0..prefix` are all searched.
    prefix: usize,
    /// Matches in folders `0..prefix`.
    prefix_matches: usize,
}

impl AssetDb {
    /// Threads one SearchText reads and matches with (`[engine] search_threads`).
    pub fn with_search_threads(mut self, threads: usize) -> AssetDb {
        self.search_threads = threads.max(1);
        self
    }

    /// SearchText. Returns the matches (sorted) and whether more matched.
    pub fn search_text_within(&self, q: &SearchQuery, stop: &Stop) -> Result<(Vec<TextMatch>, bool), OpError> {
        let re = q.compile()?;
        let prefilter = prefilter(q)?;
        let glob = q.path_glob.as_deref().map(crate::index::Glob::new);
        let limit = match q.limit {
            0 => DEFAULT_SEARCH_LIMIT,
            n => n.min(MAX_SEARCH_LIMIT),
        } as usize;
        let mut listed = Vec::new();
        for root in self.roots()? {
            self.collect_folders(glob.as_ref(), &root, &mut listed, stop)?;
        }
        let folders = in_path_order(listed);
        let progress = std::sync::Mutex::new(Progress { done: vec![None; folders.len()], prefix: 0, prefix_matches: 0 });
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed: std::sync::Mutex<Option<OpError>> = std::sync::Mutex::new(None);
        let threads = self.search_threads.min(folders.len()).max(1);
        let check = stop.shared_check();
        let work = || {
            let stop = Stop::from_check(check);
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(folder) = folders.get(i) else { return };
                {
                    let p = lock(&progress);
                    // Enough matches in the completed prefix: later folders cannot change the answer.
                    if p.prefix_matches > limit || lock(&failed).is_some() {
                        return;
                    }
                }
                let mut found = Vec::new();
                if let Err(e) = self.search_folder(&re, prefilter.as_ref(), folder, limit + 1, &mut found, &stop) {
                    lock(&failed).get_or_insert(e);
                    return;
                }
                let mut p = lock(&progress);
                p.done[i] = Some(found);
                while let Some(Some(m)) = p.done.get(p.prefix) {
                    let n = m.len();
                    p.prefix_matches += n;
                    p.prefix += 1;
                }
            }
        };
        if threads == 1 {
            work();
        } else {
            std::thread::scope(|s| {
                for _ in 1..threads {
                    s.spawn(work);
                }
                work();
            });
        }
        if let Some(e) = lock(&failed).take() {
            return Err(e);
        }
        let p = progress.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<TextMatch> = p.done.into_iter().take(p.prefix).flatten().flatten().collect();
        out.sort_by(|a, b| (a.path.as_str(), a.line).cmp(&(b.path.as_str(), b.line)));
        let more = out.len() > limit;
        out.truncate(limit);
        Ok((out, more))
    }

    /// The folders under `dir` with the files to search in each.
    fn collect_folders(&self, glob: Option<&crate::index::Glob>, dir: &AssetPath, out: &mut Vec<Folder>, stop: &Stop) -> Result<(), OpError> {
        let Ok(entries) = self.fs.list_dir(dir.as_str()) else { return Ok(()) };
        let mut names = Vec::new();
        let mut subdirs = Vec::new();
        for (name, kind) in entries {
            stop.tick()?;
            if is_ignored_name(&name) || name.ends_with(".meta") {
                continue;
            }
            match kind {
                EntryKind::Dir => subdirs.push(dir.join(&name)),
                EntryKind::File if glob.is_none_or(|g| g.matches(dir.join(&name).as_str())) => names.push(name),
                _ => {}
            }
        }
        if !names.is_empty() {
            out.push(Folder { dir: dir.clone(), names });
        }
        for sub in subdirs {
            self.collect_folders(glob, &sub, out, stop)?;
        }
        Ok(())
    }

    /// Appends the matching lines of `folder`'s files, at most `cap` of them.
    fn search_folder(&self, re: &regex::Regex, prefilter: Option<&regex::bytes::Regex>, folder: &Folder, cap: usize, out: &mut Vec<TextMatch>, stop: &Stop) -> Result<(), OpError> {
        let mut result = Ok(());
        self.fs.read_files_in(folder.dir.as_str(), &folder.names, self.max_text_bytes, &mut |name, bytes| {
            if let Err(e) = stop.tick() {
                result = Err(e);
                return false;
            }
            // Too large, unreadable or not text: not a text asset, nothing to find.
            let Ok(bytes) = bytes else { return true };
            if prefilter.is_some_and(|p| !p.is_match(&bytes)) {
                return true;
            }
            let Ok(text) = Text::decode(&bytes) else { return true };
            let path = folder.dir.join(name);
            for (i, line) in text.lines().enumerate() {
                let Some(m) = re.find(line) else { continue };
                if out.len() == cap {
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
        });
        result
    }
}

/// Work units in path order: every file of a unit sorts before every file of the next
/// (a folder's files and its subfolders' interleave: `A/a`, `A/m/x`, `A/z`), so a
/// completed prefix of units is a prefix of the answer.
fn in_path_order(folders: Vec<Folder>) -> Vec<Folder> {
    let mut files: Vec<(String, usize, usize)> = Vec::new();
    for (f, folder) in folders.iter().enumerate() {
        for (n, name) in folder.names.iter().enumerate() {
            files.push((format!("{}/{name}", folder.dir), f, n));
        }
    }
    files.sort_unstable();
    let mut units: Vec<Folder> = Vec::new();
    let mut last = usize::MAX;
    for (_, f, n) in files {
        let name = folders[f].names[n].clone();
        match units.last_mut() {
            Some(u) if last == f => u.names.push(name),
            _ => units.push(Folder { dir: folders[f].dir.clone(), names: vec![name] }),
        }
        last = f;
    }
    units
}

/// A whole-file test that no line can match when it fails, so that most files are
/// passed over in one scan: the pattern in multi-line mode (`^` and `$` at every line,
/// `$` before `\r\n` too). `None` for patterns whose per-line meaning a whole file
/// does not keep (`\A`, `\z`, inline flags), which are matched line by line only.
fn prefilter(q: &SearchQuery) -> Result<Option<regex::bytes::Regex>, OpError> {
    if ["\\A", "\\z", "\\Z", "(?"].iter().any(|t| q.pattern.contains(t)) {
        return Ok(None);
    }
    regex::bytes::RegexBuilder::new(&q.pattern)
        .case_insensitive(q.case_insensitive)
        .multi_line(true)
        .crlf(true)
        .size_limit(PATTERN_SIZE_LIMIT_BYTES)
        .build()
        .map(Some)
        .map_err(|e| OpError::invalid(format!("pattern: not a regular expression this server accepts: {e}")))
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
