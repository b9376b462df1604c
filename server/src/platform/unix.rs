//! Linux and macOS: `O_NOFOLLOW` opens, `renameat2(RENAME_NOREPLACE)` where Linux has
//! it, `/proc/self/statm` for memory.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Opens `path` for reading; a link at `path` is refused (`ELOOP`), never followed.
pub fn open_read_nofollow(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(path).map_err(|e| link_error(e, path))
}

/// Checks in one system call that the folder `path` exists and that no component of
/// it is a symbolic link (Linux's `openat2` with `RESOLVE_NO_SYMLINKS`): `None` where
/// the kernel lacks it (before 5.6, or refused by a sandbox), then the caller checks
/// component by component.
#[cfg(target_os = "linux")]
pub fn dir_without_links(path: &Path) -> Option<io::Result<()>> {
    use std::os::unix::ffi::OsStrExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    static UNSUPPORTED: AtomicBool = AtomicBool::new(false);
    if UNSUPPORTED.load(Ordering::Relaxed) {
        return None;
    }
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `open_how` is plain data; all-zero is valid before the fields are set.
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = (libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) as u64;
    how.resolve = libc::RESOLVE_NO_SYMLINKS;
    // SAFETY: a NUL-terminated path and a valid `open_how` of the size passed.
    let fd = unsafe { libc::syscall(libc::SYS_openat2, libc::AT_FDCWD, c.as_ptr(), &how as *const libc::open_how, std::mem::size_of::<libc::open_how>()) };
    if fd >= 0 {
        // SAFETY: `fd` was just opened here and is closed once.
        unsafe { libc::close(fd as libc::c_int) };
        return Some(Ok(()));
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EPERM) | Some(libc::EINVAL) => {
            UNSUPPORTED.store(true, Ordering::Relaxed);
            None
        }
        _ => Some(Err(e)),
    }
}

/// Elsewhere: checked component by component by the caller.
#[cfg(not(target_os = "linux"))]
pub fn dir_without_links(_path: &Path) -> Option<io::Result<()>> {
    None
}

/// Opens the folder `path` itself (not through a link at `path`), to open files in it
/// with [`open_in_dir`].
pub fn open_dir_nofollow(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY).open(path).map_err(|e| link_error(e, path))
}

/// Opens `name` in the folder `dir` for reading, never through a link: one `openat`,
/// no path resolution above it.
pub fn open_in_dir(dir: &File, name: &str) -> io::Result<File> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let c = std::ffi::CString::new(name).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a name with a NUL byte"))?;
    // SAFETY: a valid directory descriptor and a NUL-terminated name; on success the
    // new descriptor is owned by the returned File alone.
    let fd = unsafe { libc::openat(dir.as_raw_fd(), c.as_ptr(), libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(link_error(io::Error::last_os_error(), Path::new(name)));
    }
    // SAFETY: `fd` was just opened and is not owned elsewhere.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Creates `path`, which must not exist; never through a link.
pub fn create_new_nofollow(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).custom_flags(libc::O_NOFOLLOW).open(path).map_err(|e| link_error(e, path))
}

fn link_error(e: io::Error, path: &Path) -> io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        io::Error::new(io::ErrorKind::InvalidInput, format!("'{}' is a symbolic link; the server never follows links", path.display()))
    } else {
        e
    }
}

/// The stamp of a file from its metadata (see [`super::STAMP_SETTLE_NS`]): size,
/// modification and change times (a rewrite that restores the modification time
/// still moves the change time), inode and device (a file replaced by another).
pub fn stamp(meta: &Metadata, now_ns: i128) -> Option<unity_mcp_engine::fs::Stamp> {
    use std::os::unix::fs::MetadataExt;
    let mtime_ns = meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128;
    let ctime_ns = meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128;
    if now_ns - mtime_ns.max(ctime_ns) < super::STAMP_SETTLE_NS {
        return None;
    }
    Some(unity_mcp_engine::fs::Stamp::of(&[meta.len(), mtime_ns as u64, ctime_ns as u64, meta.ino(), meta.dev()]))
}

/// True if `meta` (from `symlink_metadata`) is a link the server must not follow.
pub fn is_link(meta: &Metadata) -> bool {
    meta.file_type().is_symlink()
}

/// Renames `from` to `to`, failing if `to` exists where the kernel can tell.
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let f = CString::new(from.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        let t = CString::new(to.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        // SAFETY: both pointers are valid NUL-terminated strings for the call's duration.
        let rc = unsafe { libc::renameat2(libc::AT_FDCWD, f.as_ptr(), libc::AT_FDCWD, t.as_ptr(), libc::RENAME_NOREPLACE) };
        if rc == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            // Kernel or file system without RENAME_NOREPLACE: the engine has checked
            // that the destination is absent, so a plain rename is the fallback.
            Some(libc::EINVAL) | Some(libc::ENOSYS) => {}
            _ => return Err(err),
        }
    }
    fs::rename(from, to)
}

/// Replaces `to` with `from` atomically (a temporary put in place).
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

/// True while another process holds a lock on the file at `path`: a POSIX record
/// lock (`fcntl`, asked with `F_GETLK`, which takes nothing) or a BSD lock (`flock`:
/// a shared lock tried and at once released, which an exclusive holder refuses).
/// A missing file is `false`.
pub fn is_locked(path: &Path) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    let file = match open_read_nofollow(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    // SAFETY: `flock` is plain data; all-zero is a valid value to fill in.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = libc::F_WRLCK as libc::c_short;
    fl.l_whence = libc::SEEK_SET as libc::c_short;
    // SAFETY: a valid open descriptor and a valid `flock` out-parameter.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut fl) } == 0 && fl.l_type != libc::F_UNLCK as libc::c_short {
        return Ok(true);
    }
    super::locked_by_another(&file)
}

/// Another program holding a file never blocks an operation on Unix.
pub fn in_use(_e: &io::Error) -> bool {
    false
}

/// Resident set size of this process in bytes, if known.
pub fn rss_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let statm = fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        Some(pages * if page > 0 { page as u64 } else { 4096 })
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}
