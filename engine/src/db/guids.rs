//! Which path holds each GUID, as far as the server has seen: the memory that lets it
//! tell an original from a copy when the same GUID turns up twice (a folder copied in
//! a file manager, a VCS merge). The Editor keeps the GUID on the asset it already
//! knew and gives the copy a fresh one; so do we.
//!
//! Shared by every worker: sharded by GUID so that disjoint operations rarely meet on
//! a lock, and never one lock for all (no global lock on the request path).

use crate::meta::Guid;
use crate::path::AssetPath;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Shards of the registry: a power of two well above the worker count.
const SHARDS: usize = 64;

/// Default bound on remembered GUIDs: a million assets, about 110 MiB at most (GUID,
/// path and map overhead). Past it, new GUIDs are not remembered, and a duplicate
/// among them is resolved by the deterministic rule alone (see `refresh`).
pub const DEFAULT_MAX_GUIDS: usize = 1_000_000;

/// Where a GUID is held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    /// The asset's path.
    pub path: AssetPath,
    /// True for a folder.
    pub folder: bool,
}

/// GUID -> the path that holds it.
pub struct GuidRegistry {
    /// The map, split by the GUID's low bits.
    shards: Vec<Mutex<HashMap<Guid, Held>>>,
    /// GUIDs seen held by more than one path and not yet resolved by a Refresh (a
    /// copy not yet re-identified): which path holds them may be unknown to the
    /// registry once the original is gone. Sharded like the map.
    ambiguous: Vec<Mutex<std::collections::HashSet<Guid>>>,
    /// Entries over all shards.
    len: AtomicUsize,
    /// Most entries kept ([`DEFAULT_MAX_GUIDS`] unless configured).
    capacity: usize,
}

impl GuidRegistry {
    /// An empty registry of at most `capacity` entries.
    pub fn new(capacity: usize) -> GuidRegistry {
        GuidRegistry {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            ambiguous: (0..SHARDS).map(|_| Mutex::new(Default::default())).collect(),
            len: AtomicUsize::new(0),
            capacity,
        }
    }

    fn shard(&self, guid: Guid) -> MutexGuard<'_, HashMap<Guid, Held>> {
        // A panic while holding a shard leaves a consistent map (single operations).
        self.shards[(guid.0 as usize) % SHARDS].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The path remembered for `guid`.
    pub fn owner(&self, guid: Guid) -> Option<AssetPath> {
        self.shard(guid).get(&guid).map(|h| h.path.clone())
    }

    /// Where `guid` is held.
    pub fn get(&self, guid: Guid) -> Option<Held> {
        self.shard(guid).get(&guid).cloned()
    }

    /// Remembers that `path` holds `guid` (replacing what was remembered). At the
    /// capacity a new GUID is not remembered (false).
    pub fn record(&self, guid: Guid, path: &AssetPath, folder: bool) -> bool {
        let mut shard = self.shard(guid);
        if let Some(slot) = shard.get_mut(&guid) {
            if slot.path != *path || slot.folder != folder {
                *slot = Held { path: path.clone(), folder };
            }
            return true;
        }
        if self.len.load(Ordering::Relaxed) >= self.capacity {
            return false;
        }
        shard.insert(guid, Held { path: path.clone(), folder });
        self.len.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// Forgets `guid` if it is remembered at `path`; true if it was.
    pub fn forget(&self, guid: Guid, path: &AssetPath) -> bool {
        let mut shard = self.shard(guid);
        if shard.get(&guid).is_some_and(|h| h.path == *path) {
            shard.remove(&guid);
            self.len.fetch_sub(1, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// Forgets every GUID held at `root` or beneath it (a deleted folder); returns
    /// them. Visits every shard: proportional to the registry, for folder deletes.
    pub fn forget_under(&self, root: &AssetPath) -> Vec<Guid> {
        let mut gone = Vec::new();
        for shard in &self.shards {
            let mut map = shard.lock().unwrap_or_else(|p| p.into_inner());
            map.retain(|g, h| {
                let inside = h.path == *root || root.is_ancestor_of(&h.path);
                if inside {
                    gone.push(*g);
                }
                !inside
            });
        }
        self.len.fetch_sub(gone.len(), Ordering::Relaxed);
        gone
    }

    /// Every GUID held at `root` or beneath it.
    pub fn under(&self, root: &AssetPath) -> Vec<(Guid, Held)> {
        let mut out = Vec::new();
        for shard in &self.shards {
            let map = shard.lock().unwrap_or_else(|p| p.into_inner());
            out.extend(map.iter().filter(|(_, h)| h.path == *root || root.is_ancestor_of(&h.path)).map(|(g, h)| (*g, h.clone())));
        }
        out
    }

    /// A snapshot of every entry (for queries over the whole project).
    pub fn entries(&self) -> Vec<(Guid, Held)> {
        let mut out = Vec::with_capacity(self.len());
        for shard in &self.shards {
            let map = shard.lock().unwrap_or_else(|p| p.into_inner());
            out.extend(map.iter().map(|(g, h)| (*g, h.clone())));
        }
        out
    }

    /// Rewrites every path at `src` or beneath it to lie under `dst` (a moved folder).
    pub fn rename_under(&self, src: &AssetPath, dst: &AssetPath) {
        for shard in &self.shards {
            let mut map = shard.lock().unwrap_or_else(|p| p.into_inner());
            for h in map.values_mut() {
                if h.path == *src {
                    h.path = dst.clone();
                } else if src.is_ancestor_of(&h.path) {
                    h.path = AssetPath::from_trusted(format!("{}{}", dst.as_str(), &h.path.as_str()[src.as_str().len()..]));
                }
            }
        }
    }

    /// Notes that `guid` was seen held by more than one path.
    pub fn mark_ambiguous(&self, guid: Guid) {
        self.ambiguous[(guid.0 as usize) % SHARDS].lock().unwrap_or_else(|p| p.into_inner()).insert(guid);
    }

    /// True if `guid` was seen held by more than one path since the last rescan.
    pub fn is_ambiguous(&self, guid: Guid) -> bool {
        self.ambiguous[(guid.0 as usize) % SHARDS].lock().unwrap_or_else(|p| p.into_inner()).contains(&guid)
    }

    /// Forgets everything (before a full rescan).
    pub fn clear(&self) {
        for shard in &self.shards {
            shard.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        for shard in &self.ambiguous {
            shard.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        self.len.store(0, Ordering::Relaxed);
    }

    /// GUIDs remembered.
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> AssetPath {
        AssetPath::from_trusted(s)
    }

    #[test]
    fn remembers_renames_and_forgets() {
        let r = GuidRegistry::new(10);
        r.record(Guid(1), &p("Assets/A/x.png"), false);
        r.record(Guid(2), &p("Assets/A"), true);
        r.record(Guid(3), &p("Assets/AB/y.png"), false);
        r.rename_under(&p("Assets/A"), &p("Assets/C"));
        assert_eq!(r.owner(Guid(1)), Some(p("Assets/C/x.png")));
        assert_eq!(r.owner(Guid(2)), Some(p("Assets/C")));
        assert_eq!(r.owner(Guid(3)), Some(p("Assets/AB/y.png")));
        assert_eq!(r.under(&p("Assets/C")).len(), 2);
        let mut gone = r.forget_under(&p("Assets/C"));
        gone.sort();
        assert_eq!(gone, vec![Guid(1), Guid(2)]);
        assert_eq!((r.owner(Guid(1)), r.len()), (None, 1));
        r.forget(Guid(3), &p("Assets/elsewhere"));
        assert_eq!(r.len(), 1);
        r.forget(Guid(3), &p("Assets/AB/y.png"));
        assert!(r.is_empty());
    }

    #[test]
    fn capacity_bounds_new_entries_only() {
        let r = GuidRegistry::new(1);
        assert!(r.record(Guid(1), &p("Assets/a"), false));
        assert!(!r.record(Guid(2), &p("Assets/b"), false));
        assert!(r.record(Guid(1), &p("Assets/c"), false));
        assert_eq!((r.len(), r.owner(Guid(2)), r.owner(Guid(1))), (1, None, Some(p("Assets/c"))));
    }
}
