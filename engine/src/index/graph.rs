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
    /// Sorted, without duplicates, never the asset's own GUID.
    guids: Vec<Guid>,
    /// False for a binary-serialized file: its references are unknown.
    scanned: bool,
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

impl RefGraph {
    /// Sets what `referrer` mentions (replacing what it mentioned before).
    pub fn set(&self, referrer: Guid, mut refs: FileRefs) {
        refs.guids.retain(|g| *g != referrer);
        let new = Out { guids: refs.guids, scanned: refs.scanned };
        let old = lock(&self.out, referrer).insert(referrer, new.clone()).unwrap_or_default();
        for g in old.guids.iter().filter(|g| new.guids.binary_search(g).is_err()) {
            let mut shard = lock(&self.inc, *g);
            if let Some(set) = shard.get_mut(g) {
                set.remove(&referrer);
                if set.is_empty() {
                    shard.remove(g);
                }
            }
        }
        for g in new.guids.iter().filter(|g| old.guids.binary_search(g).is_err()) {
            lock(&self.inc, *g).entry(*g).or_default().insert(referrer);
        }
    }

    /// Forgets what `referrer` mentions (it was deleted).
    pub fn remove(&self, referrer: Guid) {
        if let Some(old) = lock(&self.out, referrer).remove(&referrer) {
            for g in &old.guids {
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

    /// What `referrer` mentions, and whether that is known (`None`: never indexed).
    pub fn mentions(&self, referrer: Guid) -> Option<(Vec<Guid>, bool)> {
        lock(&self.out, referrer).get(&referrer).map(|o| (o.guids.clone(), o.scanned))
    }

    /// Who mentions `target`.
    pub fn referrers(&self, target: Guid) -> Vec<Guid> {
        let mut v: Vec<Guid> = lock(&self.inc, target).get(&target).map(|s| s.iter().copied().collect()).unwrap_or_default();
        v.sort_unstable();
        v
    }

    /// Every GUID mentioned anywhere, with who mentions it (for CheckProject).
    pub fn all_mentioned(&self) -> Vec<(Guid, Vec<Guid>)> {
        let mut out = Vec::new();
        for shard in &self.inc {
            let map = shard.lock().unwrap_or_else(|p| p.into_inner());
            out.extend(map.iter().map(|(g, s)| (*g, s.iter().copied().collect())));
        }
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
        FileRefs { guids, scanned: true }
    }

    #[test]
    fn set_replace_and_remove_keep_both_directions() {
        let r = RefGraph::default();
        r.set(Guid(1), refs(&[2, 3, 1]));
        r.set(Guid(4), refs(&[3]));
        assert_eq!(r.referrers(Guid(3)), vec![Guid(1), Guid(4)]);
        assert_eq!(r.mentions(Guid(1)), Some((vec![Guid(2), Guid(3)], true)), "never itself");
        r.set(Guid(1), refs(&[5]));
        assert_eq!(r.referrers(Guid(3)), vec![Guid(4)]);
        assert_eq!(r.referrers(Guid(2)), vec![]);
        r.remove(Guid(4));
        assert!(r.referrers(Guid(3)).is_empty());
        assert_eq!(r.all_mentioned(), vec![(Guid(5), vec![Guid(1)])]);
        r.set(Guid(9), FileRefs { guids: vec![], scanned: false });
        assert_eq!(r.not_scanned(), vec![Guid(9)]);
    }
}
