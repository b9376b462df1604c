//! The real [`FileSystem`]: a Unity project folder on disk.
//!
//! Symbolic links (and on Windows junctions, any reparse point) are never followed:
//! every ancestor of a path is checked with `lstat`, files are opened without
//! following a link ([`crate::platform`]), folders are removed with `remove_dir_all`
//! (which does not follow links), and renames never replace, so nothing outside the
//! project root can be read, written, moved or deleted through a link. A file another
//! program holds (Windows) is retried briefly, then answered "in use" (code 14).

use std::fs;
use std::io::{self, Read, Write};
use crate::platform;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Largest read buffer a search thread keeps between folders (a bigger file's buffer
/// is freed after its folder).
#[cfg(unix)]
const READ_BUFFER_KEEP_BYTES: usize = 1 << 20;

/// The errno of a symbolic link where none may be (Linux's and macOS's `ELOOP`).
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;
use unity_mcp_engine::fs::{split_parent, symlink_refused, temp_name, EntryKind, FileSystem, Stamp};

/// A project folder on the local disk.
pub struct StdFs {
    /// Absolute, canonical project root.
    root: PathBuf,
    /// Makes temporary names unique within this process.
    next_temp: AtomicU64,
}

impl StdFs {
    /// Opens the project at `root`, which must be an existing folder.
    pub fn open(root: &Path) -> io::Result<StdFs> {
        let root = root.canonicalize()?;
        if !root.is_dir() {
            return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("{} is not a folder", root.display())));
        }
        Ok(StdFs { root, next_temp: AtomicU64::new(0) })
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The absolute path of `rel` after checking that no ancestor is a link. Returns
    /// `None` when an ancestor is missing.
    fn resolve(&self, rel: &str) -> io::Result<Option<PathBuf>> {
        debug_assert!(!rel.split('/').any(|c| c == ".." || c == "."), "engine paths are normalised");
        let mut full = self.root.clone();
        // Where the kernel can, one call checks every ancestor at once.
        if let Some((parent, _)) = rel.rsplit_once('/') {
            let dir = self.root.join(parent);
            match platform::dir_without_links(&dir) {
                Some(Ok(())) => return Ok(Some(self.root.join(rel))),
                Some(Err(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Some(Err(e)) if e.raw_os_error() == Some(ELOOP) => return Err(symlink_refused(rel)),
                Some(Err(e)) if e.kind() == io::ErrorKind::NotADirectory => {
                    return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("an ancestor of '{rel}' is not a folder")))
                }
                // Anything else: the component-by-component check says what it is.
                Some(Err(_)) | None => {}
            }
        }
        let mut parts = rel.split('/').filter(|c| !c.is_empty()).peekable();
        while let Some(part) = parts.next() {
            full.push(part);
            if parts.peek().is_none() {
                break;
            }
            match fs::symlink_metadata(&full) {
                Ok(m) if platform::is_link(&m) => return Err(symlink_refused(rel)),
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("'{part}' in '{rel}' is not a folder"))),
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        Ok(Some(full))
    }

    fn resolve_existing_parent(&self, rel: &str) -> io::Result<PathBuf> {
        self.resolve(rel)?.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("a parent folder of '{rel}' does not exist")))
    }
}

fn entry_kind(meta: &fs::Metadata) -> EntryKind {
    let ft = meta.file_type();
    if platform::is_link(meta) {
        EntryKind::Symlink
    } else if ft.is_dir() {
        EntryKind::Dir
    } else if ft.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    }
}

impl FileSystem for StdFs {
    fn is_locked(&self, path: &str) -> io::Result<bool> {
        match self.resolve(path)? {
            Some(full) => platform::is_locked(&full),
            None => Ok(false),
        }
    }

    #[cfg(unix)]
    fn read_files_in(&self, dir: &str, names: &[String], max_bytes: usize, f: &mut dyn FnMut(&str, io::Result<&[u8]>) -> bool) {
        // The folder is resolved (links refused) and opened once; each file is one
        // `openat` without following a link.
        let opened = self.resolve(dir).and_then(|full| full.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("'{dir}' does not exist"))));
        let folder = match opened.and_then(|full| platform::open_dir_nofollow(&full)) {
            Ok(d) => d,
            Err(e) => {
                for name in names {
                    if !f(name, Err(io::Error::new(e.kind(), e.to_string()))) {
                        return;
                    }
                }
                return;
            }
        };
        // One buffer per thread: it keeps its capacity from file to file and folder to
        // folder (no growth, no fresh pages per file), up to READ_BUFFER_KEEP_BYTES.
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let mut buf = BUF.with(|b| std::mem::take(&mut *b.borrow_mut()));
        for name in names {
            buf.clear();
            let read = platform::open_in_dir(&folder, name).and_then(|file| {
                file.take(max_bytes as u64 + 1).read_to_end(&mut buf)?;
                if buf.len() > max_bytes {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, format!("'{dir}/{name}' is larger than {max_bytes} bytes")));
                }
                Ok(())
            });
            if !f(name, read.map(|()| buf.as_slice())) {
                break;
            }
        }
        if buf.capacity() <= READ_BUFFER_KEEP_BYTES {
            buf.clear();
            BUF.with(|b| *b.borrow_mut() = buf);
        }
    }

    fn kind(&self, path: &str) -> io::Result<Option<EntryKind>> {
        let Some(full) = self.resolve(path)? else { return Ok(None) };
        match fs::symlink_metadata(&full) {
            Ok(m) => Ok(Some(entry_kind(&m))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn read(&self, path: &str, max_bytes: usize) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.read_into(path, max_bytes, &mut buf)?;
        Ok(buf)
    }

    fn read_into(&self, path: &str, max_bytes: usize, buf: &mut Vec<u8>) -> io::Result<()> {
        let full = self.resolve_existing_parent(path)?;
        let file = platform::retry_in_use(path, || platform::open_read_nofollow(&full)).map_err(|e| {
            if e.kind() == io::ErrorKind::InvalidInput {
                symlink_refused(path)
            } else {
                e
            }
        })?;
        buf.clear();
        file.take(max_bytes as u64 + 1).read_to_end(buf)?;
        if buf.len() > max_bytes {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("'{path}' is larger than {max_bytes} bytes")));
        }
        Ok(())
    }

    fn write_atomic(&self, path: &str, data: &[u8]) -> io::Result<()> {
        let full = self.resolve_existing_parent(path)?;
        let (_, name) = split_parent(path);
        let unique = self.next_temp.fetch_add(1, Ordering::Relaxed) ^ ((std::process::id() as u64) << 40);
        let temp = full.with_file_name(temp_name(name, unique));
        let result = (|| {
            let mut f = platform::create_new_nofollow(&temp)?;
            f.write_all(data)?;
            // No fsync: the Unity Editor does not sync .meta writes either, and a
            // crash leaves at worst a temporary or a missing .meta, which Refresh repairs.
            drop(f);
            // A rename replaces a link at `full` rather than writing through it.
            platform::retry_in_use(path, || platform::replace(&temp, &full))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    fn create_dir(&self, path: &str) -> io::Result<()> {
        let full = self.resolve_existing_parent(path)?;
        fs::create_dir(full)
    }

    fn copy_file(&self, from: &str, to: &str) -> io::Result<()> {
        let f = self.resolve_existing_parent(from)?;
        let t = self.resolve_existing_parent(to)?;
        let mut src = platform::retry_in_use(from, || platform::open_read_nofollow(&f))?;
        let mut dst = platform::create_new_nofollow(&t)?;
        let copied = std::io::copy(&mut src, &mut dst);
        if copied.is_err() {
            let _ = fs::remove_file(&t);
        }
        copied.map(|_| ())
    }

    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        let f = self.resolve_existing_parent(from)?;
        let t = self.resolve_existing_parent(to)?;
        platform::retry_in_use(from, || platform::rename_noreplace(&f, &t))
    }

    fn remove_file(&self, path: &str) -> io::Result<()> {
        let full = self.resolve_existing_parent(path)?;
        platform::retry_in_use(path, || fs::remove_file(&full))
    }

    fn remove_dir_all(&self, path: &str) -> io::Result<()> {
        let full = self.resolve_existing_parent(path)?;
        let meta = fs::symlink_metadata(&full)?;
        if !meta.is_dir() || platform::is_link(&meta) {
            return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("'{path}' is not a folder")));
        }
        platform::retry_in_use(path, || fs::remove_dir_all(&full))
    }

    fn list_dir(&self, path: &str) -> io::Result<Vec<(String, EntryKind)>> {
        let full = self.resolve_existing_parent(path)?;
        let meta = fs::symlink_metadata(&full)?;
        if platform::is_link(&meta) {
            return Err(symlink_refused(path));
        }
        let mut out = Vec::new();
        for entry in fs::read_dir(&full)? {
            let entry = entry?;
            // A name that is not UTF-8 cannot be named in an asset path: skip it.
            let Ok(name) = entry.file_name().into_string() else { continue };
            // On Unix the directory entry's type is enough unless it is a link; on
            // Windows the attributes tell reparse points apart (metadata without
            // following).
            let kind = match entry.file_type() {
                #[cfg(unix)]
                Ok(ft) if !ft.is_symlink() => {
                    if ft.is_dir() {
                        EntryKind::Dir
                    } else if ft.is_file() {
                        EntryKind::File
                    } else {
                        EntryKind::Other
                    }
                }
                _ => entry_kind(&fs::symlink_metadata(entry.path())?),
            };
            out.push((name, kind));
        }
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// One `lstat` per wanted entry relative to the open folder (`fstatat`; on Windows
    /// the listing carries the metadata): no path walk per file.
    fn list_dir_stamped(&self, path: &str, wanted: &dyn Fn(&str) -> bool) -> io::Result<Vec<(String, EntryKind, Option<Stamp>)>> {
        let full = self.resolve_existing_parent(path)?;
        let meta = fs::symlink_metadata(&full)?;
        if platform::is_link(&meta) {
            return Err(symlink_refused(path));
        }
        let now_ns = platform::now_ns();
        let mut out = Vec::new();
        for entry in fs::read_dir(&full)? {
            let entry = entry?;
            let Ok(name) = entry.file_name().into_string() else { continue };
            // Unix: the entry's type, unless it is a link or unknown; Windows: the
            // listing's metadata (free there).
            #[cfg(unix)]
            let known = match entry.file_type() {
                Ok(ft) if ft.is_dir() => Some(EntryKind::Dir),
                Ok(ft) if ft.is_file() && !wanted(&name) => Some(EntryKind::File),
                _ => None,
            };
            #[cfg(not(unix))]
            let known: Option<EntryKind> = None;
            if let Some(kind) = known {
                out.push((name, kind, None));
                continue;
            }
            let meta = match entry.metadata() {
                Ok(m) => m,
                // Gone since the listing: as if it had not been listed.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let kind = entry_kind(&meta);
            let stamp = if kind == EntryKind::File && wanted(&name) { platform::stamp(&meta, now_ns) } else { None };
            out.push((name, kind, stamp));
        }
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    fn file_len(&self, path: &str) -> io::Result<u64> {
        let full = self.resolve_existing_parent(path)?;
        let meta = fs::symlink_metadata(&full)?;
        if platform::is_link(&meta) {
            return Err(symlink_refused(path));
        }
        Ok(meta.len())
    }

    fn root_name(&self) -> String {
        self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "project".to_string())
    }
}
