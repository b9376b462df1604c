//! The reference graph: for each asset (by GUID), the GUIDs its file and `.meta`
//! mention, and the reverse (who mentions a GUID). Sharded by GUID, one shard lock at
//! a time, never one lock for all: disjoint operations rarely meet on a lock.
//!
//! Memory: an asset with R references costs its entry in the outgoing map (GUID key
//! 16 B + Vec header 24 B + 16 B per reference + map overhead ~16 B) and one 16 B
//! GUID in each of R incoming sets (+ set overhead ~16 B per entry): about 56 B per
//! asset plus 48 B per reference (benches/src/bin/index_bench.rs measures it). Only
//! assets the GUID registry holds are added, so its bound applies here too.

use super::refs::FileRefs;
use crate::meta::Guid;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

/// Shards per map.
const SHARDS: usize = 64;

/// What one asset mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Out {
    /// Keyed mentions: sorted, without duplicates, never the asset's own GUID.
    guids: Vec<Guid>,
    /// Loose mentions (references only where they resolve): likewise.
    loose: Vec<Guid>,
    /// False for a binary-serialized file: its references are unknown.
    scanned: bool,
    /// The files' stamp when they were read (see [`FileRefs::stamp`]).
    stamp: Option<crate::fs::Stamp>,
}

type Shard<T> = Mutex<HashMap<Guid, T>>;

/// The graph.
pub struct RefGraph {
    /// Referrer -> what it mentions.
    out: Vec<Shard<Out>>,
    /// Mentioned GUID -> who mentions it.
    inc: Vec<Shard<HashSet<Guid>>>,
}

fn lock<T>(shards: &[Shard<T>], g: Guid) -> MutexGuard<'_, HashMap<Guid, T>> {
    // A panic while holding a shard leaves a consistent map (single operations).
    shards[(g.0 as usize) % SHARDS].lock().unwrap_or_else(|p| p.into_inner())
}

impl Default for RefGraph {
    fn default() -> Self {
        RefGraph {
            out: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            inc: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }
}

impl Out {
    /// Keyed and loose mentions, sorted.
    fn all(&self) -> Vec<Guid> {
        let mut v: Vec<Guid> = self.guids.iter().chain(&self.loose).copied().collect();
        v.sort_unstable();
        v
    }
}

impl RefGraph {
    /// Sets what `referrer` mentions (replacing what it mentioned before).
    pub fn set(&self, referrer: Guid, mut refs: FileRefs) {
        refs.guids.retain(|g| *g != referrer);
        refs.loose.retain(|g| *g != referrer && refs.guids.binary_search(g).is_err());
        let new = Out { guids: refs.guids, loose: refs.loose, scanned: refs.scanned, stamp: refs.stamp };
        let old = lock(&self.out, referrer).insert(referrer, new.clone()).unwrap_or_default();
        let (old_all, new_all) = (old.all(), new.all());
        for g in old_all.iter().filter(|g| new_all.binary_search(g).is_err()) {
            let mut shard = lock(&self.inc, *g);
            if let Some(set) = shard.get_mut(g) {
                set.remove(&referrer);
                if set.is_empty() {
                    shard.remove(g);
                }
            }
        }
        for g in new_all.iter().filter(|g| old_all.binary_search(g).is_err()) {
            lock(&self.inc, *g).entry(*g).or_default().insert(referrer);
        }
    }

    /// Forgets what `referrer` mentions (it was deleted).
    pub fn remove(&self, referrer: Guid) {
        if let Some(old) = lock(&self.out, referrer).remove(&referrer) {
            for g in &old.all() {
                let mut shard = lock(&self.inc, *g);
                if let Some(set) = shard.get_mut(g) {
                    set.remove(&referrer);
                    if set.is_empty() {
                        shard.remove(g);
                    }
                }
            }
        }
    }

    /// What `referrer` mentions: keyed, loose, and whether that is known (`None`:
    /// never indexed).
    pub fn mentions(&self, referrer: Guid) -> Option<(Vec<Guid>, Vec<Guid>, bool)> {
        lock(&self.out, referrer).get(&referrer).map(|o| (o.guids.clone(), o.loose.clone(), o.scanned))
    }

    /// The stamp of `referrer`'s files when what it mentions was read.
    pub fn stamp(&self, referrer: Guid) -> Option<crate::fs::Stamp> {
        lock(&self.out, referrer).get(&referrer).and_then(|o| o.stamp)
    }

    /// Who mentions `target`.
    pub fn referrers(&self, target: Guid) -> Vec<Guid> {
        let mut v: Vec<Guid> = lock(&self.inc, target).get(&target).map(|s| s.iter().copied().collect()).unwrap_or_default();
        v.sort_unstable();
        v
    }

    /// Every GUID mentioned after a `guid` key, with who mentions it (for
    /// CheckProject's dangling references: loose runs may be hashes).
    pub fn all_mentioned(&self) -> Vec<(Guid, Vec<Guid>)> {
        let mut by_target: HashMap<Guid, Vec<Guid>> = HashMap::new();
        for shard in &self.out {
            let map = shard.lock().unwrap_or_else(|p| p.into_inner());
            for (referrer, o) in map.iter() {
                for g in &o.guids {
                    by_target.entry(*g).or_default().push(*referrer);
                }
            }
        }
        let mut out: Vec<(Guid, Vec<Guid>)> = by_target.into_iter().collect();
        out.sort_unstable();
        out
    }

    /// Assets whose references are unknown (binary-serialized).
    pub fn not_scanned(&self) -> Vec<Guid> {
        let mut out = Vec::new();
        for shard in &self.out {
            let map = shard.lock().unwrap_or_else(|p| p.into_inner());
            out.extend(map.iter().filter(|(_, o)| !o.scanned).map(|(g, _)| *g));
        }
        out
    }

    /// Assets in the graph.
    pub fn len(&self) -> usize {
        self.out.iter().map(|s| s.lock().unwrap_or_else(|p| p.into_inner()).len()).sum()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets everything (before a rebuild).
    pub fn clear(&self) {
        for s in &self.out {
            s.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        for s in &self.inc {
            s.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(g: &[u128]) -> FileRefs {
        let mut guids: Vec<Guid> = g.iter().map(|x| Guid(*x)).collect();
        guids.sort();
        FileRefs { guids, loose: vec![], scanned: true, stamp: None }
    }

    #[test]
    fn set_replace_and_remove_keep_both_directions() {
        let r = RefGraph::default();
        r.set(Guid(1), refs(&[2, 3, 1]));
        r.set(Guid(4), refs(&[3]));
        assert_eq!(r.referrers(Guid(3)), vec![Guid(1), Guid(4)]);
        assert_eq!(r.mentions(Guid(1)), Some((vec![Guid(2), Guid(3)], vec![], true)), "never itself");
        r.set(Guid(1), refs(&[5]));
        assert_eq!(r.referrers(Guid(3)), vec![Guid(4)]);
        assert_eq!(r.referrers(Guid(2)), vec![]);
        r.remove(Guid(4));
        assert!(r.referrers(Guid(3)).is_empty());
        assert_eq!(r.all_mentioned(), vec![(Guid(5), vec![Guid(1)])]);
        r.set(Guid(9), FileRefs { guids: vec![], loose: vec![Guid(7)], scanned: false, stamp: None });
        assert_eq!(r.referrers(Guid(7)), vec![Guid(9)]);
        assert_eq!(r.not_scanned(), vec![Guid(9)]);
    }
}
