//! Which path holds each GUID, as far as the server has seen: the memory that lets it
//! tell an original from a copy when the same GUID turns up twice (a folder copied in
//! a file manager, a VCS merge). The Editor keeps the GUID on the asset it already
//! knew and gives the copy a fresh one; so do we.
//!
//! Shared by every worker: sharded by GUID so that disjoint operations rarely meet on
//! a lock, and never one lock for all (no global lock on the request path).

use crate::meta::Guid;
use crate::path::AssetPath;
use std::collections::{BTreeMap, HashMap};
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
    /// Path -> GUID, sharded by the path's first two components (`Assets/Art`), kept
    /// in order: a folder's assets are one range of one shard, so moving or deleting
    /// a folder costs what is inside it, not the whole registry.
    by_path: Vec<Mutex<BTreeMap<String, Guid>>>,
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
            by_path: (0..SHARDS).map(|_| Mutex::new(BTreeMap::new())).collect(),
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

    /// The path shard of `path` (by its first two components).
    fn path_shard(&self, path: &str) -> MutexGuard<'_, BTreeMap<String, Guid>> {
        let top = match path.match_indices('/').nth(1) {
            Some((i, _)) => &path[..i],
            None => path,
        };
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in top.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        self.by_path[(h as usize) % SHARDS].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The path shards that can hold `root` and what lies beneath it: one, unless
    /// `root` is a top folder (`Assets`), then all.
    fn shards_under(&self, root: &AssetPath) -> Vec<MutexGuard<'_, BTreeMap<String, Guid>>> {
        if root.as_str().contains('/') {
            vec![self.path_shard(root.as_str())]
        } else {
            self.by_path.iter().map(|m| m.lock().unwrap_or_else(|p| p.into_inner())).collect()
        }
    }

    /// Takes (or, with `remove` false, copies) the (path, GUID) pairs at `root` or
    /// beneath it out of the path index.
    fn take_under(&self, root: &AssetPath, remove: bool) -> Vec<(String, Guid)> {
        let (exact, prefix) = (root.as_str().to_string(), format!("{}/", root.as_str()));
        let mut out = Vec::new();
        for mut shard in self.shards_under(root) {
            let keys: Vec<(String, Guid)> = shard
                .get_key_value(&exact)
                .map(|(k, g)| (k.clone(), *g))
                .into_iter()
                .chain(shard.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, g)| (k.clone(), *g)))
                .collect();
            if remove {
                for (k, _) in &keys {
                    shard.remove(k);
                }
            }
            out.extend(keys);
        }
        out
    }

    /// Remembers that `path` holds `guid` (replacing what was remembered, and any
    /// other GUID remembered at `path`). At the capacity a new GUID is not
    /// remembered (false). One lock at a time.
    pub fn record(&self, guid: Guid, path: &AssetPath, folder: bool) -> bool {
        let previous_path = {
            let mut shard = self.shard(guid);
            match shard.get_mut(&guid) {
                Some(slot) => {
                    let old = (slot.path != *path).then(|| slot.path.clone());
                    *slot = Held { path: path.clone(), folder };
                    old
                }
                None => {
                    if self.len.load(Ordering::Relaxed) >= self.capacity {
                        return false;
                    }
                    shard.insert(guid, Held { path: path.clone(), folder });
                    self.len.fetch_add(1, Ordering::Relaxed);
                    None
                }
            }
        };
        if let Some(old) = previous_path {
            let mut shard = self.path_shard(old.as_str());
            if shard.get(old.as_str()) == Some(&guid) {
                shard.remove(old.as_str());
            }
        }
        let displaced = self.path_shard(path.as_str()).insert(path.as_str().to_string(), guid);
        // The path held another GUID (its .meta was replaced): that one is gone.
        if let Some(other) = displaced.filter(|g| *g != guid) {
            let mut shard = self.shard(other);
            if shard.get(&other).is_some_and(|h| h.path == *path) {
                shard.remove(&other);
                self.len.fetch_sub(1, Ordering::Relaxed);
            }
        }
        true
    }

    /// The GUID remembered at exactly `path` (checked against the GUID's own entry:
    /// the two maps are updated one lock at a time).
    pub fn guid_at(&self, path: &AssetPath) -> Option<Guid> {
        let guid = self.path_shard(path.as_str()).get(path.as_str()).copied()?;
        self.shard(guid).get(&guid).is_some_and(|h| h.path == *path).then_some(guid)
    }

    /// True if some GUID is remembered at exactly `path`.
    pub fn holds_path(&self, path: &AssetPath) -> bool {
        self.guid_at(path).is_some()
    }

    /// Forgets `guid` if it is remembered at `path`; true if it was.
    pub fn forget(&self, guid: Guid, path: &AssetPath) -> bool {
        {
            let mut shard = self.shard(guid);
            if !shard.get(&guid).is_some_and(|h| h.path == *path) {
                return false;
            }
            shard.remove(&guid);
            self.len.fetch_sub(1, Ordering::Relaxed);
        }
        let mut shard = self.path_shard(path.as_str());
        if shard.get(path.as_str()) == Some(&guid) {
            shard.remove(path.as_str());
        }
        true
    }

    /// Forgets every GUID held at `root` or beneath it (a deleted folder); returns
    /// them. Costs what lies beneath `root`.
    pub fn forget_under(&self, root: &AssetPath) -> Vec<Guid> {
        let mut gone = Vec::new();
        for (path, g) in self.take_under(root, true) {
            let mut shard = self.shard(g);
            if shard.get(&g).is_some_and(|h| h.path.as_str() == path) {
                shard.remove(&g);
                gone.push(g);
            }
        }
        self.len.fetch_sub(gone.len(), Ordering::Relaxed);
        gone
    }

    /// Forgets every GUID not in `keep`; returns those forgotten. One pass, no copy of
    /// the paths kept.
    pub fn forget_absent(&self, keep: &std::collections::HashSet<Guid>) -> Vec<Guid> {
        let mut gone: Vec<(Guid, AssetPath)> = Vec::new();
        for shard in &self.shards {
            let mut map = shard.lock().unwrap_or_else(|p| p.into_inner());
            map.retain(|g, h| {
                let stays = keep.contains(g);
                if !stays {
                    gone.push((*g, h.path.clone()));
                }
                stays
            });
        }
        self.len.fetch_sub(gone.len(), Ordering::Relaxed);
        for (g, path) in &gone {
            let mut shard = self.path_shard(path.as_str());
            if shard.get(path.as_str()) == Some(g) {
                shard.remove(path.as_str());
            }
        }
        gone.into_iter().map(|(g, _)| g).collect()
    }

    /// Every GUID held at `root` or beneath it.
    pub fn under(&self, root: &AssetPath) -> Vec<(Guid, Held)> {
        self.take_under(root, false)
            .into_iter()
            .filter_map(|(path, g)| self.get(g).filter(|h| h.path.as_str() == path).map(|h| (g, h)))
            .collect()
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

    /// Rewrites every path at `src` or beneath it to lie under `dst` (a moved
    /// folder). Costs what lies beneath `src`.
    pub fn rename_under(&self, src: &AssetPath, dst: &AssetPath) {
        for (path, g) in self.take_under(src, true) {
            let new = format!("{}{}", dst.as_str(), &path[src.as_str().len()..]);
            self.path_shard(&new).insert(new.clone(), g);
            let mut shard = self.shard(g);
            if let Some(h) = shard.get_mut(&g).filter(|h| h.path.as_str() == path) {
                h.path = AssetPath::from_trusted(new);
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

    /// Forgets which GUIDs were seen held twice (a Refresh resolved them all).
    pub fn clear_ambiguous(&self) {
        for shard in &self.ambiguous {
            shard.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
    }

    /// Forgets everything (before a full rescan).
    pub fn clear(&self) {
        for shard in &self.shards {
            shard.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        for shard in &self.ambiguous {
            shard.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        for shard in &self.by_path {
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
    fn a_path_holds_one_guid_and_prefixes_are_exact() {
        let r = GuidRegistry::new(10);
        r.record(Guid(1), &p("Assets/A/x.png"), false);
        r.record(Guid(2), &p("Assets/A/x.png"), false);
        assert_eq!((r.owner(Guid(1)), r.len()), (None, 1), "the replaced .meta's GUID is gone");
        r.record(Guid(3), &p("Assets/A-b/y.png"), false);
        r.record(Guid(4), &p("Assets/A b/z.png"), false);
        r.record(Guid(5), &p("Assets/A/Deep/w.png"), false);
        let mut under: Vec<Guid> = r.under(&p("Assets/A")).into_iter().map(|(g, _)| g).collect();
        under.sort();
        assert_eq!(under, vec![Guid(2), Guid(5)]);
        assert_eq!(r.under(&p("Assets")).len(), 4);
        r.rename_under(&p("Assets/A"), &p("Assets/Z/A"));
        assert_eq!(r.owner(Guid(5)), Some(p("Assets/Z/A/Deep/w.png")));
        assert_eq!(r.under(&p("Assets/Z")).len(), 2);
        assert!(r.under(&p("Assets/A")).is_empty());
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
