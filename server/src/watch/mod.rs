//! Changes made behind the server's back (the Editor, `git checkout`, a file
//! manager): a watcher on the project (inotify on Linux, `notify` elsewhere),
//! debounced, brings the asset index in line and drops stale cache entries, so
//! answers are right without waiting for the cache's TTL. Where the platform cannot
//! watch, the index is rebuilt periodically.

#[cfg(target_os = "linux")]
mod linux;

use crate::driver::Driver;
#[cfg(not(target_os = "linux"))]
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use unity_mcp_engine::path::is_ignored_name;
use unity_mcp_engine::AssetPath;

/// How long after the first event of a burst the burst is applied: a `git checkout`
/// of many files becomes one pass, and a change is visible well within a second.
const DEBOUNCE: Duration = Duration::from_millis(100);
/// Most distinct paths held from one burst; past it the whole project is reconciled.
const MAX_PENDING_PATHS: usize = 100_000;
/// Events buffered between the watcher's thread and the applying task.
const EVENT_QUEUE: usize = 65_536;
/// Without a watcher, how often the index is rebuilt from disk.
const RECONCILE_INTERVAL: Duration = Duration::from_secs(30);

/// The project path of an event's file (`Assets/...`, `Packages/<pkg>/...`), the
/// asset a `.meta` belongs to; `None` for anything else.
fn asset_path(root: &Path, full: &Path) -> Option<AssetPath> {
    let rel = full.strip_prefix(root).ok()?.to_str()?.replace('\\', "/");
    let rel = rel.strip_suffix(".meta").unwrap_or(&rel);
    if rel.split('/').any(is_ignored_name) {
        return None;
    }
    AssetPath::parse("path", rel).ok()
}

/// What keeps a watcher running (dropping it stops the notify backend; the Linux
/// thread lives as long as the process).
pub type WatchGuard = Box<dyn std::any::Any + Send>;

/// Watches `root` until the process ends; applies each burst of changes to the
/// index and the cache. `None` when the platform cannot watch (the index is then
/// rebuilt periodically).
pub fn start(root: PathBuf, driver: Driver) -> Option<WatchGuard> {
    // (path, deep): a path created or renamed into place brings its contents along.
    let (tx, rx) = tokio::sync::mpsc::channel::<(PathBuf, bool)>(EVENT_QUEUE);
    let overflow = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let roots: Vec<PathBuf> = ["Assets", "Packages"].iter().map(|s| root.join(s)).filter(|d| d.is_dir()).collect();
    #[cfg(target_os = "linux")]
    let guard: Option<WatchGuard> = match linux::spawn(&roots, tx, overflow.clone()) {
        Ok(()) => Some(Box::new(())),
        Err(e) => {
            tracing::warn!(error = %e, "cannot watch the project; rebuilding the index every {}s instead", RECONCILE_INTERVAL.as_secs());
            None
        }
    };
    #[cfg(not(target_os = "linux"))]
    let guard: Option<WatchGuard> = with_notify(&roots, tx, overflow.clone()).map(|w| Box::new(w) as WatchGuard);
    let Some(guard) = guard else {
        tokio::spawn(periodic(driver));
        return None;
    };
    apply_bursts(root, driver, rx, overflow);
    Some(guard)
}

/// The event source elsewhere (macOS FSEvents, Windows ReadDirectoryChangesW): the
/// `notify` crate, reads and metadata changes filtered out.
#[cfg(not(target_os = "linux"))]
fn with_notify(
    roots: &[PathBuf],
    tx: tokio::sync::mpsc::Sender<(PathBuf, bool)>,
    overflow: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Option<notify::RecommendedWatcher> {
    let flag = overflow;
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| match res {
        Ok(event) => {
            use notify::event::{EventKind, ModifyKind};
            // The kernel's queue overflowed: events were lost, reconcile everything.
            if event.need_rescan() {
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
                let _ = tx.try_send((PathBuf::new(), true));
                return;
            }
            let deep = match event.kind {
                // Reads (ours too) change nothing: without this the server's own reads
                // would feed the watcher forever.
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return,
                EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_)) => true,
                _ => false,
            };
            for p in event.paths {
                if tx.try_send((p, deep)).is_err() {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
        Err(e) => {
            // Whatever the error, events may be lost: the next burst reconciles all.
            tracing::warn!(error = %e, "file watcher error; reconciling the whole project");
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = tx.try_send((PathBuf::new(), true));
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            tracing::warn!(error = %e, "cannot watch the project; rebuilding the index every {}s instead", RECONCILE_INTERVAL.as_secs());
            return None;
        }
    };
    for dir in roots {
        if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
            tracing::warn!(error = %e, dir = %dir.display(), "cannot watch; rebuilding the index periodically instead");
            return None;
        }
    }
    Some(watcher)
}

/// Applies each burst of watched changes to the index and the cache.
fn apply_bursts(
    root: PathBuf,
    driver: Driver,
    mut rx: tokio::sync::mpsc::Receiver<(PathBuf, bool)>,
    overflow: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    // Every change is reported from here on: cached answers need no TTL.
    driver.set_watched(true);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut burst: BTreeSet<(PathBuf, bool)> = BTreeSet::from([first]);
            let deadline = tokio::time::Instant::now() + DEBOUNCE;
            while let Ok(Some(p)) = tokio::time::timeout_at(deadline, rx.recv()).await {
                if burst.len() < MAX_PENDING_PATHS {
                    burst.insert(p);
                } else {
                    overflow.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            let everything = overflow.swap(false, std::sync::atomic::Ordering::Relaxed);
            let paths: BTreeSet<(AssetPath, bool)> = burst.iter().filter_map(|(p, deep)| Some((asset_path(&root, p)?, *deep))).collect();
            tracing::debug!(events = burst.len(), paths = ?paths, everything, "applying watched changes");
            let d = driver.clone();
            let applied = tokio::task::spawn_blocking(move || {
                if everything {
                    d.rebuild_index();
                    for root in ["Assets", "Packages"] {
                        d.external_change(&AssetPath::from_trusted(root));
                    }
                    return;
                }
                for (p, deep) in &paths {
                    d.db().reconcile(p, *deep);
                    d.external_change(p);
                }
            })
            .await;
            if applied.is_err() {
                tracing::warn!("applying watched changes failed; the next Refresh reconciles");
            }
        }
    });
}

/// Rebuilds the index from disk every [`RECONCILE_INTERVAL`].
async fn periodic(driver: Driver) {
    loop {
        tokio::time::sleep(RECONCILE_INTERVAL).await;
        let d = driver.clone();
        let _ = tokio::task::spawn_blocking(move || {
            d.rebuild_index();
            d.external_change(&AssetPath::from_trusted("Assets"));
        })
        .await;
    }
}
