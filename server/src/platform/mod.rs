//! The operating system, behind small named seams: how the file system backend opens,
//! creates and renames without following links, what counts as a link, retries while
//! another program holds a file, and the process's memory. One implementation per
//! family ([`unix`], [`windows`]); the rest of the server never names an OS.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::*;

use std::io;
use std::path::Path;
use std::time::Duration;

/// A file changed less than this long ago gets no stamp (it is read on every
/// Refresh until it settles): a second change within the file system's timestamp
/// granularity could keep every time the same (FAT keeps 2 s, HFS+ 1 s, Linux's
/// coarse clock a few ms), and a clock slightly off on a network share must not make
/// a fresh change look old. Times in the future count as fresh.
pub const STAMP_SETTLE_NS: i128 = 2_000_000_000;

/// Now, in nanoseconds since 1970, for [`stamp`].
pub fn now_ns() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(_) => 0,
    }
}

/// True if another open file holds an exclusive lock on `file`: a shared lock is
/// tried and, when granted, released at once (so a checker never blocks the holder).
pub(crate) fn locked_by_another(file: &std::fs::File) -> io::Result<bool> {
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            Ok(false)
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(true),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// True if the file system holding `dir` ignores case: a probe file is created with a
/// lower-case name and looked up in upper case (its name starts with `.`, which Unity
/// ignores, and it is removed at once). Where the folder cannot be written, the
/// platform's default: case-insensitive on Windows and macOS.
pub fn probe_case_insensitive(dir: &Path) -> bool {
    let name = format!(".umcp-case-probe-{}", std::process::id());
    let lower = dir.join(&name);
    let upper = dir.join(name.to_uppercase());
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&lower) {
        Ok(file) => {
            drop(file);
            let insensitive = std::fs::symlink_metadata(&upper).is_ok();
            let _ = std::fs::remove_file(&lower);
            insensitive
        }
        Err(_) => cfg!(any(windows, target_os = "macos")),
    }
}

/// Waits between tries while another program holds a file (the Unity Editor, an
/// antivirus scanner, an IDE): 10 + 20 + 40 + 80 + 160 ms, about a third of a second
/// in all, then the operation fails with "in use by another program".
pub const IN_USE_BACKOFF_MS: [u64; 5] = [10, 20, 40, 80, 160];

/// Runs `f`, trying again with [`IN_USE_BACKOFF_MS`] while it fails because another
/// program holds the file ([`in_use`]); then fails with `ResourceBusy` (code 14,
/// UNAVAILABLE) naming the cause. Each try is whole or nothing (an open, a rename):
/// nothing is left half-done between tries.
pub fn retry_in_use<T>(what: &str, mut f: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    let mut waits = IN_USE_BACKOFF_MS.iter();
    loop {
        match f() {
            Err(e) if in_use(&e) => match waits.next() {
                Some(ms) => std::thread::sleep(Duration::from_millis(*ms)),
                None => {
                    return Err(io::Error::new(
                        io::ErrorKind::ResourceBusy,
                        format!("{what}: in use by another program (the Unity Editor?); retried for {} ms: {e}", IN_USE_BACKOFF_MS.iter().sum::<u64>()),
                    ))
                }
            },
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(windows)]
    #[test]
    fn retries_stop_at_the_first_success_and_give_up_with_resource_busy() {
        let mut tries = 0;
        let r = retry_in_use("x", || {
            tries += 1;
            if tries < 3 {
                Err(in_use_error_for_tests())
            } else {
                Ok(7)
            }
        });
        assert_eq!((r.unwrap(), tries), (7, 3));
        let mut tries = 0;
        let e = retry_in_use::<()>("Assets/a.png", || {
            tries += 1;
            Err(in_use_error_for_tests())
        })
        .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::ResourceBusy);
        assert!(e.to_string().contains("in use by another program"), "{e}");
        assert_eq!(tries, IN_USE_BACKOFF_MS.len() + 1);
    }

    #[test]
    fn other_errors_are_not_retried() {
        let mut tries = 0;
        let e = retry_in_use::<()>("x", || {
            tries += 1;
            Err(io::Error::from(io::ErrorKind::NotFound))
        })
        .unwrap_err();
        assert_eq!((e.kind(), tries), (io::ErrorKind::NotFound, 1));
    }
}
