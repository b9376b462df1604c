//! The Linux event source: inotify on every folder under `Assets/` and `Packages/`,
//! subscribed to changes of content and names only. (notify's backend also asks for
//! every open, so each file the server reads would wake its thread: 14 % of a busy
//! server's samples, and at start-up enough events to overflow the kernel's queue.)

use inotify::{EventMask, Inotify, WatchDescriptor, WatchMask, Watches};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::Sender;
use unity_mcp_engine::path::is_ignored_name;

/// Most folders watched (each costs the kernel about 1 KiB; Linux's default limit per
/// user is 8,192 to 65,536 watches). Past it the caller rebuilds periodically.
const MAX_WATCHED_DIRS: usize = 100_000;
/// Bytes read from the inotify descriptor at once (events are ~16 bytes + name).
const READ_BUFFER_BYTES: usize = 64 * 1024;

/// What a change looks like to the kernel: written and closed, created, deleted,
/// renamed in or out, or the watched folder itself gone. Not opens, reads or
/// attribute changes.
fn mask() -> WatchMask {
    WatchMask::CLOSE_WRITE
        | WatchMask::CREATE
        | WatchMask::DELETE
        | WatchMask::MOVED_FROM
        | WatchMask::MOVED_TO
        | WatchMask::DELETE_SELF
        | WatchMask::MOVE_SELF
        | WatchMask::ONLYDIR
        | WatchMask::DONT_FOLLOW
        | WatchMask::EXCL_UNLINK
}

/// Watches `dir` and every folder beneath it (not through links, not Unity's
/// ignored names).
fn add_tree(watches: &mut Watches, dirs: &mut HashMap<WatchDescriptor, PathBuf>, dir: &Path) -> std::io::Result<()> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if dirs.len() >= MAX_WATCHED_DIRS {
            return Err(std::io::Error::other(format!("more than {MAX_WATCHED_DIRS} folders to watch")));
        }
        let wd = match watches.add(&d, mask()) {
            Ok(wd) => wd,
            // Gone meanwhile: its parent's event covers it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        dirs.insert(wd, d.clone());
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let name = entry.file_name();
            if is_dir && !name.to_str().is_some_and(is_ignored_name) {
                stack.push(entry.path());
            }
        }
    }
    Ok(())
}

/// Starts watching `roots` on a thread of its own; each event becomes (path, deep)
/// on `tx` (deep: created or renamed in, so its contents came along). A lost event
/// (kernel queue overflow, full channel, read error) sets `overflow` and sends a
/// marker: the applier then reconciles the whole project.
pub fn spawn(roots: &[PathBuf], tx: Sender<(PathBuf, bool)>, overflow: Arc<AtomicBool>) -> std::io::Result<()> {
    let mut inotify = Inotify::init()?;
    let mut watches = inotify.watches();
    let mut dirs = HashMap::new();
    for root in roots {
        add_tree(&mut watches, &mut dirs, root)?;
    }
    let lost = move |tx: &Sender<(PathBuf, bool)>| {
        overflow.store(true, Ordering::Relaxed);
        let _ = tx.try_send((PathBuf::new(), true));
    };
    std::thread::Builder::new().name("project-watcher".into()).spawn(move || {
        let mut buf = vec![0u8; READ_BUFFER_BYTES];
        loop {
            let events = match inotify.read_events_blocking(&mut buf) {
                Ok(events) => events,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "file watcher stopped; Refresh reconciles from now on");
                    lost(&tx);
                    return;
                }
            };
            let mut new_dirs = Vec::new();
            for ev in events {
                if ev.mask.contains(EventMask::Q_OVERFLOW) {
                    lost(&tx);
                    continue;
                }
                if ev.mask.contains(EventMask::IGNORED) {
                    dirs.remove(&ev.wd);
                    continue;
                }
                let Some(dir) = dirs.get(&ev.wd) else { continue };
                let path = match ev.name {
                    Some(name) => dir.join(name),
                    None => dir.clone(),
                };
                let deep = ev.mask.intersects(EventMask::CREATE | EventMask::MOVED_TO);
                if deep && ev.mask.contains(EventMask::ISDIR) {
                    new_dirs.push(path.clone());
                }
                if tx.try_send((path, deep)).is_err() {
                    lost(&tx);
                }
            }
            for d in new_dirs {
                if let Err(e) = add_tree(&mut watches, &mut dirs, &d) {
                    tracing::warn!(error = %e, dir = %d.display(), "cannot watch a new folder; reconciling the whole project");
                    lost(&tx);
                }
            }
        }
    })?;
    Ok(())
}
