//! SearchText: a regular expression over the project's text assets (`.meta` files
//! and Unity-ignored names skipped, binary files skipped), optionally only paths a
//! glob matches; each matching line once, sorted by path then line. Linear-time
//! matching (the `regex` crate has no backtracking) and a bounded automaton, so no
//! pattern buys unbounded work; the walk stops between files at the deadline.

use super::{lock, AssetDb, Stop};
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
            .map_err(pattern_error)
    }
}

/// One folder's files to search: a folder is opened once and its files read
/// relative to it.
struct Folder {
    /// The folder.
    dir: AssetPath,
    /// Its files to search, in name order.
    names: Vec<String>,
}

/// Work for a search thread.
enum Task {
    /// List a folder: its files become a [`Task::Search`], its subfolders `List`s.
    List(AssetPath),
    /// Search a folder's files.
    Search(Folder),
}

/// What the threads of one search share.
struct Shared {
    /// Tasks not yet taken (a stack: depth first keeps it short).
    tasks: Vec<Task>,
    /// Tasks being worked on now: the search is over when none is left or running.
    running: usize,
    /// Matches kept: at most the `limit + 1` smallest by (path, line) after a prune.
    found: Vec<TextMatch>,
    /// Once `found` was pruned: its largest (path, line); a file whose path sorts
    /// after it cannot change the answer and is not read.
    cutoff: Option<(String, u32)>,
    /// The first error (a deadline, a cancel): every thread stops.
    failed: Option<OpError>,
}

impl AssetDb {
    /// Threads one SearchText reads and matches with (`[engine] search_threads`).
    pub fn with_search_threads(mut self, threads: usize) -> AssetDb {
        self.search_threads = threads.max(1);
        self
    }

    /// SearchText. Returns the matches (sorted) and whether more matched.
    ///
    /// Listing and reading overlap: `search_threads` threads take folders to list
    /// and folders to search from one stack. Matches are kept bounded: when more than
    /// twice `limit + 1` are held, only the `limit + 1` smallest by (path, line) stay,
    /// and files sorting after the largest of them are skipped. The answer is the
    /// sequential one: the first `limit` in path order, and whether more matched.
    pub fn search_text_within(&self, q: &SearchQuery, stop: &Stop) -> Result<(Vec<TextMatch>, bool), OpError> {
        let re = q.compile()?;
        let prefilter = prefilter(q)?;
        let glob = q.path_glob.as_deref().map(crate::index::Glob::new);
        let limit = match q.limit {
            0 => DEFAULT_SEARCH_LIMIT,
            n => n.min(MAX_SEARCH_LIMIT),
        } as usize;
        let keep = limit + 1;
        let tasks = self.roots()?.into_iter().map(Task::List).collect();
        let shared = std::sync::Mutex::new(Shared { tasks, running: 0, found: Vec::new(), cutoff: None, failed: None });
        let wake = std::sync::Condvar::new();
        let check = stop.shared_check();
        let work = || {
            let stop = Stop::from_check(check);
            loop {
                let (task, cutoff) = {
                    let mut s = lock(&shared);
                    loop {
                        if s.failed.is_some() {
                            return;
                        }
                        if let Some(t) = s.tasks.pop() {
                            s.running += 1;
                            break (t, s.cutoff.clone());
                        }
                        if s.running == 0 {
                            wake.notify_all();
                            return;
                        }
                        s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
                    }
                };
                let mut more_tasks = Vec::new();
                let mut matches = Vec::new();
                let done = match task {
                    Task::List(dir) => self.list_folder(glob.as_ref(), &dir, &stop).map(|(folder, subdirs)| {
                        more_tasks.extend(folder.map(Task::Search));
                        more_tasks.extend(subdirs.into_iter().map(Task::List));
                    }),
                    Task::Search(folder) => self.search_folder(&re, prefilter.as_ref(), &folder, keep, cutoff.as_ref(), &mut matches, &stop),
                };
                let mut s = lock(&shared);
                s.running -= 1;
                match done {
                    Ok(()) => {
                        s.tasks.extend(more_tasks);
                        s.found.extend(matches);
                        if s.found.len() > 2 * keep {
                            prune(&mut s, keep);
                        }
                    }
                    Err(e) => {
                        s.failed.get_or_insert(e);
                    }
                }
                wake.notify_all();
            }
        };
        let threads = self.search_threads.max(1);
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
        let mut s = shared.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = s.failed.take() {
            return Err(e);
        }
        prune(&mut s, keep);
        let mut out = s.found;
        let more = out.len() > limit;
        out.truncate(limit);
        Ok((out, more))
    }

    /// One folder's files to search (if any) and its subfolders.
    fn list_folder(&self, glob: Option<&crate::index::Glob>, dir: &AssetPath, stop: &Stop) -> Result<(Option<Folder>, Vec<AssetPath>), OpError> {
        let Ok(entries) = self.fs.list_dir(dir.as_str()) else { return Ok((None, Vec::new())) };
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
        // Reversed onto the stack: the first subfolder is taken first.
        subdirs.reverse();
        Ok(((!names.is_empty()).then(|| Folder { dir: dir.clone(), names }), subdirs))
    }

    /// Appends the matching lines of `folder`'s files in (name, line) order, at most
    /// `cap` of them (the smallest: one folder's paths sort by name), skipping files
    /// after `cutoff`.
    fn search_folder(
        &self,
        re: &regex::Regex,
        prefilter: Option<&regex::bytes::Regex>,
        folder: &Folder,
        cap: usize,
        cutoff: Option<&(String, u32)>,
        out: &mut Vec<TextMatch>,
        stop: &Stop,
    ) -> Result<(), OpError> {
        // Only the files up to the cutoff (a copy then); else the folder's own list.
        let kept: Vec<String>;
        let names: &[String] = match cutoff {
            Some((last, _)) => {
                kept = folder.names.iter().filter(|n| format!("{}/{n}", folder.dir).as_str() <= last.as_str()).cloned().collect();
                &kept
            }
            None => &folder.names,
        };
        let mut result = Ok(());
        self.fs.read_files_in(folder.dir.as_str(), names, self.max_text_bytes, &mut |name, bytes| {
            if let Err(e) = stop.tick() {
                result = Err(e);
                return false;
            }
            // Too large, unreadable or not text: not a text asset, nothing to find.
            let Ok(bytes) = bytes else { return true };
            if prefilter.is_some_and(|p| !p.is_match(bytes)) {
                return true;
            }
            let Ok(text) = Text::decode(bytes) else { return true };
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

/// Keeps the `keep` smallest matches by (path, line), sorted; notes the cutoff once
/// some were dropped (or exactly `keep` are held: nothing after them can enter).
fn prune(s: &mut Shared, keep: usize) {
    s.found.sort_by(|a, b| (a.path.as_str(), a.line).cmp(&(b.path.as_str(), b.line)));
    if s.found.len() >= keep {
        s.found.truncate(keep);
        s.cutoff = s.found.last().map(|m| (m.path.as_str().to_string(), m.line));
    }
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
        .map_err(pattern_error)
}

/// Code 3 for a pattern the `regex` crate refuses (syntax, or past the size limit).
fn pattern_error(e: regex::Error) -> OpError {
    OpError::invalid(format!("pattern: not a regular expression this server accepts: {e}"))
}
