//! Windows: reparse points (symbolic links *and* junctions) are refused as Unix refuses
//! symlinks, opens never traverse one, renames never replace, a sharing violation (the
//! Editor holding a file) is retried, and memory comes from the process's counters.
//! Long paths (over 260 characters) work because the project root is canonical, so
//! every path is in the `\\?\` form.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::os::windows::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// `FILE_ATTRIBUTE_REPARSE_POINT`: a symbolic link, a junction, or another redirection.
const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
/// `FILE_FLAG_OPEN_REPARSE_POINT`: open the reparse point itself, not its target.
const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
/// `ERROR_SHARING_VIOLATION` and `ERROR_LOCK_VIOLATION`: another program holds it.
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;
/// `ERROR_ACCESS_DENIED` also comes back for a file being deleted or held open.
const ERROR_ACCESS_DENIED: i32 = 5;

fn refused(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("'{}' is a symbolic link or junction; the server never follows links", path.display()))
}

/// Opens `path` for reading; a reparse point at `path` is refused, never followed.
pub fn open_read_nofollow(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new().read(true).custom_flags(FILE_FLAG_OPEN_REPARSE_POINT).open(path)?;
    if file.metadata()?.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
        return Err(refused(path));
    }
    Ok(file)
}

/// Creates `path`, which must not exist (a reparse point there exists, so it fails).
pub fn create_new_nofollow(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).custom_flags(FILE_FLAG_OPEN_REPARSE_POINT).open(path)
}

/// 100 ns ticks between 1601-01-01 (FILETIME's epoch) and 1970-01-01.
const FILETIME_UNIX_EPOCH: i128 = 116_444_736_000_000_000;

/// The stamp of a file from its metadata (see [`super::STAMP_SETTLE_NS`]): size, last
/// write and creation times (a file replaced by another has another creation time).
pub fn stamp(meta: &Metadata, now_ns: i128) -> Option<unity_mcp_engine::fs::Stamp> {
    let (written, created) = (meta.last_write_time(), meta.creation_time());
    let written_ns = (written as i128 - FILETIME_UNIX_EPOCH) * 100;
    if now_ns - written_ns < super::STAMP_SETTLE_NS {
        return None;
    }
    Some(unity_mcp_engine::fs::Stamp::of(&[meta.file_size(), written, created]))
}

/// True if `meta` (from `symlink_metadata`) is any reparse point.
pub fn is_link(meta: &Metadata) -> bool {
    meta.file_type().is_symlink() || meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0
}

/// Renames `from` to `to`, failing if `to` exists (`MoveFileEx` without
/// `MOVEFILE_REPLACE_EXISTING`, which std's rename sets).
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    if fs::symlink_metadata(to).is_ok() {
        // `to` may be `from` itself in another case (a case-only rename, which Windows
        // allows): the same file, so nothing is replaced.
        let same = match (fs::canonicalize(from), fs::canonicalize(to)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("'{}' exists", to.display())));
        }
    }
    fs::rename(from, to)
}

/// Replaces `to` with `from` (std's rename replaces an existing file on Windows).
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

/// True while another process holds the file at `path` open without sharing it
/// (how the Unity Editor keeps `Temp/UnityLockfile`) or holds a lock on it; a missing
/// file is `false`.
pub fn is_locked(path: &Path) -> io::Result<bool> {
    const SHARE_ALL: u32 = 0x1 | 0x2 | 0x4; // FILE_SHARE_READ | WRITE | DELETE
    let file = match OpenOptions::new().read(true).share_mode(SHARE_ALL).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) if in_use(&e) => return Ok(true),
        Err(e) => return Err(e),
    };
    super::locked_by_another(&file)
}

/// Checked component by component by the caller (no single-call equivalent here).
pub fn dir_without_links(_path: &Path) -> Option<io::Result<()>> {
    None
}

/// True if `e` says another program holds the file.
pub fn in_use(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(ERROR_SHARING_VIOLATION) | Some(ERROR_LOCK_VIOLATION) | Some(ERROR_ACCESS_DENIED))
}

#[cfg(test)]
pub(super) fn in_use_error_for_tests() -> io::Error {
    io::Error::from_raw_os_error(ERROR_SHARING_VIOLATION)
}

/// Resident set size (working set) of this process in bytes.
pub fn rss_bytes() -> Option<u64> {
    use windows_sys::Win32::System::ProcessStatus::{K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS};
    use windows_sys::Win32::System::Threading::GetCurrentProcess;
    // SAFETY: the counters struct is plain data, sized as the call is told; the
    // pseudo-handle of the current process needs no closing.
    unsafe {
        let mut counters: PROCESS_MEMORY_COUNTERS = std::mem::zeroed();
        let size = std::mem::size_of::<PROCESS_MEMORY_COUNTERS>() as u32;
        if K32GetProcessMemoryInfo(GetCurrentProcess(), &mut counters, size) != 0 {
            Some(counters.WorkingSetSize as u64)
        } else {
            None
        }
    }
}
