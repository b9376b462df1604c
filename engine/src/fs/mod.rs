//! The small file-system interface the Unity semantics run on.
//!
//! Paths are project-relative, `/`-separated strings produced by the engine (never raw
//! client input). Implementations must never follow a symbolic link: a link as the last
//! component is reported as [`EntryKind::Symlink`], a link anywhere before it makes the
//! call fail with [`std::io::ErrorKind::PermissionDenied`]. That is what keeps every
//! operation inside the project root.

mod mem;

pub use mem::{FaultFn, FsCall, MemFs};

use std::io;

/// What a directory entry is (without following links).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link; never followed.
    Symlink,
    /// A socket, device or other special file; never touched.
    Other,
}

/// What a file's metadata says about its bytes: equal stamps mean the file was not
/// changed in between (its size, modification and change times and identity are the
/// same), so Refresh need not read an unchanged `.meta` or asset again. A file system
/// gives none where that cannot be trusted: a file changed so recently that a second
/// change could keep the same times (timestamp granularity), or no metadata at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp(pub u64);

impl Stamp {
    /// A stamp of `parts` (mixed, so nearby values do not collide).
    pub fn of(parts: &[u64]) -> Stamp {
        let mut h = 0x9e37_79b9_7f4a_7c15u64;
        for &p in parts {
            // splitmix64's finaliser over the running value.
            let mut z = h ^ p.wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            h = z ^ (z >> 31);
        }
        Stamp(h)
    }

    /// One stamp for an asset: its `.meta`'s and (for a file) its own.
    pub fn pair(meta: Option<Stamp>, content: Option<Stamp>) -> Option<Stamp> {
        Some(Stamp::of(&[meta?.0, content?.0]))
    }
}

/// The operations the asset database needs. Implementations are shared between worker
/// threads.
pub trait FileSystem: Send + Sync + 'static {
    /// What is at `path`, or `None` if nothing is.
    fn kind(&self, path: &str) -> io::Result<Option<EntryKind>>;
    /// Reads a whole file; fails with `InvalidData` if it is larger than `max_bytes`.
    fn read(&self, path: &str, max_bytes: usize) -> io::Result<Vec<u8>>;
    /// Like [`FileSystem::read`], into `buf` (cleared first), so a pooled buffer can
    /// be reused on the hot path.
    fn read_into(&self, path: &str, max_bytes: usize, buf: &mut Vec<u8>) -> io::Result<()> {
        let data = self.read(path, max_bytes)?;
        buf.clear();
        buf.extend_from_slice(&data);
        Ok(())
    }
    /// Writes a file atomically: a temporary file in the same folder, then a rename.
    /// The temporary's name satisfies [`is_temp_name`], so Refresh can sweep leftovers.
    fn write_atomic(&self, path: &str, data: &[u8]) -> io::Result<()>;
    /// Creates one folder (its parent must exist); fails if something is there.
    fn create_dir(&self, path: &str) -> io::Result<()>;
    /// Copies a file's bytes to `to` (which must not exist), without reading it all
    /// into memory where the implementation can stream.
    fn copy_file(&self, from: &str, to: &str) -> io::Result<()>;
    /// Renames a file or folder; the caller has checked that `to` does not exist.
    fn rename(&self, from: &str, to: &str) -> io::Result<()>;
    /// Removes a file (or a symbolic link itself).
    fn remove_file(&self, path: &str) -> io::Result<()>;
    /// Removes a folder and everything in it, without following links.
    fn remove_dir_all(&self, path: &str) -> io::Result<()>;
    /// The entries of a folder, sorted by name.
    fn list_dir(&self, path: &str) -> io::Result<Vec<(String, EntryKind)>>;
    /// [`FileSystem::list_dir`] with the [`Stamp`] of each file whose name `wanted`
    /// accepts (others, folders and links get none: a stamp costs a `stat`). The
    /// default gives no stamps: every file is read.
    fn list_dir_stamped(&self, path: &str, wanted: &dyn Fn(&str) -> bool) -> io::Result<Vec<(String, EntryKind, Option<Stamp>)>> {
        let _ = wanted;
        Ok(self.list_dir(path)?.into_iter().map(|(n, k)| (n, k, None)).collect())
    }
    /// Reads the files `names` of folder `dir` in order, handing each name and its
    /// bytes (or why not: larger than `max_bytes` is `InvalidData`) to `f`, which
    /// returns false to stop. What a walk that already listed `dir` uses: an
    /// implementation may open the folder once instead of resolving every path.
    /// The bytes are lent for the call: one buffer serves the whole folder.
    fn read_files_in(&self, dir: &str, names: &[String], max_bytes: usize, f: &mut dyn FnMut(&str, io::Result<&[u8]>) -> bool) {
        for name in names {
            let path = if dir.is_empty() { name.clone() } else { format!("{dir}/{name}") };
            let read = self.read(&path, max_bytes);
            if !f(name, read.as_deref().map_err(|e| io::Error::new(e.kind(), e.to_string()))) {
                return;
            }
        }
    }
    /// The size of a file in bytes.
    fn file_len(&self, path: &str) -> io::Result<u64>;
    /// The project folder's own name (the fallback project name).
    fn root_name(&self) -> String;
    /// True while another process holds a lock on the file at `path` (how a second
    /// Unity Editor knows, from `Temp/UnityLockfile`, that the project is open). A
    /// missing file, or one nobody locks, is `false`; the default knows no locks.
    fn is_locked(&self, path: &str) -> io::Result<bool> {
        let _ = path;
        Ok(false)
    }
}

/// Prefix of the temporary files [`FileSystem::write_atomic`] creates (hidden, so
/// Unity ignores them too).
pub const TEMP_PREFIX: &str = ".umcp-";

/// True for the name of a temporary file left by an interrupted atomic write.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp")
}

/// Name of the temporary sibling used to write `file_name` atomically.
pub fn temp_name(file_name: &str, unique: u64) -> String {
    format!("{TEMP_PREFIX}{file_name}.{unique:x}.tmp")
}

/// The error every implementation returns for a path that runs through a link.
pub fn symlink_refused(path: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("'{path}' runs through a symbolic link, which the server never follows"),
    )
}

/// Splits `a/b/c` into its parent `a/b` and name `c` (`""` is the project root).
pub fn split_parent(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    }
}
