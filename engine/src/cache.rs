//! LRU + TTL cache of resolved asset metadata (path -> GUID and type).
//!
//! Only what Import resolves is cached (never the result of a move, delete or
//! refresh). The scheduler consults it only for an Import that no live operation
//! conflicts with, and invalidates it when a move or delete completes (by path
//! prefix) or a refresh completes (wholly), before that operation releases its locks.
//! So a cached answer is what the disk says, up to changes made behind the server's
//! back: a watcher reports those (and entries then live until invalidated), else the
//! TTL bounds them. Entries cached together expire spread over the last quarter of
//! the TTL, so a burst of imports does not come back as a burst of misses.
//!
//! [`SharedCache`] is the concurrent form: [`MetaCache`] shards, each behind its own
//! lock, chosen by the path's hash; threads looking up different paths rarely meet.

use crate::db::Asset;
use crate::path::AssetPath;
use crate::sync::{lock, Mutex, Padded};
use lru::LruCache;
use std::collections::HashMap;
use std::num::NonZeroUsize;

/// Hit, miss and eviction counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups answered from the cache.
    pub hits: u64,
    /// Lookups that found nothing (or an expired entry).
    pub misses: u64,
    /// Entries pushed out by the LRU bound.
    pub evictions: u64,
    /// Entries dropped because their TTL ran out.
    pub expirations: u64,
    /// Entries dropped by invalidation.
    pub invalidations: u64,
}

struct Entry {
    asset: Asset,
    expires_at_us: u64,
}

/// The cache.
pub struct MetaCache {
    /// Entries by path, least recently used first out.
    lru: LruCache<AssetPath, Entry>,
    /// For each folder path, how many cached entries lie beneath it: prefix
    /// invalidation scans only when this says there is something to find.
    beneath: HashMap<String, u32>,
    /// Entry lifetime.
    ttl_us: u64,
    /// Counters.
    stats: CacheStats,
}

/// FNV-1a (32-bit) of a path: shard choice and expiry spread, stable across runs.
fn fnv(path: &str) -> u64 {
    path.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193)) as u64
}

fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

impl MetaCache {
    /// A cache of at most `capacity` entries living `ttl_us` each.
    pub fn new(capacity: usize, ttl_us: u64) -> MetaCache {
        let cap = NonZeroUsize::new(capacity.max(1)).unwrap_or(NonZeroUsize::MIN);
        MetaCache { lru: LruCache::new(cap), beneath: HashMap::new(), ttl_us, stats: CacheStats::default() }
    }

    fn forget(&mut self, path: &AssetPath) {
        for a in ancestors(path.as_str()) {
            if let Some(n) = self.beneath.get_mut(a) {
                *n -= 1;
                if *n == 0 {
                    self.beneath.remove(a);
                }
            }
        }
    }

    /// The cached asset at `path`, if fresh at `now_us`.
    pub fn get(&mut self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        match self.lru.get(path) {
            Some(e) if e.expires_at_us > now_us => {
                self.stats.hits += 1;
                Some(e.asset.clone())
            }
            Some(_) => {
                self.lru.pop(path);
                self.forget(path);
                self.stats.expirations += 1;
                self.stats.misses += 1;
                None
            }
            None => {
                self.stats.misses += 1;
                None
            }
        }
    }

    /// Like `get`, but changes neither the LRU order nor the counters.
    pub fn peek(&self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        self.lru.peek(path).filter(|e| e.expires_at_us > now_us).map(|e| e.asset.clone())
    }

    /// Caches what an Import resolved.
    pub fn insert(&mut self, asset: Asset, now_us: u64) {
        let path = asset.path.clone();
        self.insert_at(path, asset, now_us)
    }

    /// Caches `asset` under `path` (its key: the folded path on a case-insensitive
    /// file system; the answer keeps the asset's own spelling).
    pub fn insert_at(&mut self, path: AssetPath, asset: Asset, now_us: u64) {
        let spread = fnv(path.as_str()) % (self.ttl_us / 4).max(1);
        let entry = Entry { asset, expires_at_us: now_us.saturating_add(self.ttl_us - spread) };
        match self.lru.push(path.clone(), entry) {
            Some((old, _)) if old == path => return,
            Some((evicted, _)) => {
                self.forget(&evicted);
                self.stats.evictions += 1;
            }
            None => {}
        }
        for a in ancestors(path.as_str()) {
            *self.beneath.entry(a.to_string()).or_insert(0) += 1;
        }
    }

    /// Sets the lifetime of entries cached from now on.
    pub fn set_ttl(&mut self, ttl_us: u64) {
        self.ttl_us = ttl_us;
    }

    /// Drops `path` and everything beneath it.
    pub fn invalidate_prefix(&mut self, path: &AssetPath) {
        if self.lru.pop(path).is_some() {
            self.forget(path);
            self.stats.invalidations += 1;
        }
        if self.beneath.get(path.as_str()).copied().unwrap_or(0) == 0 {
            return;
        }
        let doomed: Vec<AssetPath> = self.lru.iter().filter(|(k, _)| path.is_ancestor_of(k)).map(|(k, _)| k.clone()).collect();
        for k in doomed {
            self.lru.pop(&k);
            self.forget(&k);
            self.stats.invalidations += 1;
        }
    }

    /// Drops everything.
    pub fn clear(&mut self) {
        self.stats.invalidations += self.lru.len() as u64;
        self.lru.clear();
        self.beneath.clear();
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.lru.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.lru.is_empty()
    }

    /// Counters.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }
}

impl CacheStats {
    fn add(&mut self, o: CacheStats) {
        self.hits += o.hits;
        self.misses += o.misses;
        self.evictions += o.evictions;
        self.expirations += o.expirations;
        self.invalidations += o.invalidations;
    }
}

/// The cache shared by every thread: `shards` [`MetaCache`]s, each with its own lock
/// and an equal part of the capacity (so the total never exceeds `capacity`).
pub struct SharedCache {
    shards: Box<[Padded<Mutex<MetaCache>>]>,
    /// How paths become keys: one file, one key, whatever its spelling.
    rule: crate::path::CaseRule,
}

impl SharedCache {
    /// At most `capacity` entries over at most `shards` shards (fewer if the
    /// capacity is smaller), each living `ttl_us`.
    pub fn new(capacity: usize, ttl_us: u64, shards: usize) -> SharedCache {
        let n = shards.clamp(1, capacity.max(1));
        let each = (capacity / n).max(1);
        SharedCache { shards: (0..n).map(|_| Padded(Mutex::new(MetaCache::new(each, ttl_us)))).collect(), rule: Default::default() }
    }

    /// Keys paths under `rule` (folded on a case-insensitive file system).
    pub fn with_rule(mut self, rule: crate::path::CaseRule) -> SharedCache {
        self.rule = rule;
        self
    }

    fn key<'a>(&self, path: &'a AssetPath) -> std::borrow::Cow<'a, AssetPath> {
        match self.rule {
            crate::path::CaseRule::Sensitive => std::borrow::Cow::Borrowed(path),
            crate::path::CaseRule::Insensitive => std::borrow::Cow::Owned(AssetPath::from_trusted(crate::path::fold_case(path.as_str()))),
        }
    }

    fn shard(&self, path: &AssetPath) -> &Mutex<MetaCache> {
        &self.shards[fnv(path.as_str()) as usize % self.shards.len()]
    }

    /// Sets the lifetime of entries cached from now on (`u64::MAX`: until invalidated).
    pub fn set_ttl(&self, ttl_us: u64) {
        for s in self.shards.iter() {
            lock(s).set_ttl(ttl_us);
        }
    }

    /// The cached asset at `path`, if fresh at `now_us` (counts a hit or a miss).
    pub fn get(&self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        let key = self.key(path);
        lock(self.shard(&key)).get(&key, now_us)
    }

    /// Like `get`, without counting or reordering.
    pub fn peek(&self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        let key = self.key(path);
        lock(self.shard(&key)).peek(&key, now_us)
    }

    /// Caches what an Import resolved.
    pub fn insert(&self, asset: Asset, now_us: u64) {
        let key = self.key(&asset.path).into_owned();
        lock(self.shard(&key)).insert_at(key, asset, now_us)
    }

    /// Drops `path` and everything beneath it (in every shard: what lies beneath a
    /// folder hashes anywhere; each shard answers from its own prefix counts).
    pub fn invalidate_prefix(&self, path: &AssetPath) {
        let key = self.key(path);
        for s in self.shards.iter() {
            lock(s).invalidate_prefix(&key);
        }
    }

    /// Drops everything.
    pub fn clear(&self) {
        for s in self.shards.iter() {
            lock(s).clear();
        }
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| lock(s).len()).sum()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Counters, summed over the shards.
    pub fn stats(&self) -> CacheStats {
        let mut out = CacheStats::default();
        for s in self.shards.iter() {
            out.add(lock(s).stats());
        }
        out
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use crate::meta::Guid;

    fn asset(p: &str, g: u128) -> Asset {
        Asset { guid: Guid(g), path: AssetPath::from_trusted(p), type_name: "Texture2D", folder: false }
    }

    #[test]
    fn ttl_expiry_and_lru_bound() {
        let mut c = MetaCache::new(2, 100);
        c.insert(asset("Assets/a.png", 1), 0);
        assert_eq!(c.get(&AssetPath::from_trusted("Assets/a.png"), 99).map(|a| a.guid), Some(Guid(1)));
        assert_eq!(c.get(&AssetPath::from_trusted("Assets/a.png"), 100), None, "expired at ttl");
        assert_eq!(c.stats().expirations, 1);
        c.insert(asset("Assets/a.png", 1), 200);
        c.insert(asset("Assets/b.png", 2), 200);
        c.insert(asset("Assets/c.png", 3), 200);
        assert_eq!(c.len(), 2);
        assert_eq!(c.stats().evictions, 1);
        assert_eq!(c.get(&AssetPath::from_trusted("Assets/a.png"), 201), None, "least recently used went first");
    }

    #[test]
    fn prefix_invalidation_is_by_component() {
        let mut c = MetaCache::new(10, 1_000);
        for p in ["Assets/A/x.png", "Assets/A/B/y.png", "Assets/AB/z.png", "Assets/q.png"] {
            c.insert(asset(p, 1), 0);
        }
        c.invalidate_prefix(&AssetPath::from_trusted("Assets/A"));
        assert_eq!(c.len(), 2);
        assert!(c.get(&AssetPath::from_trusted("Assets/AB/z.png"), 1).is_some());
        assert!(c.get(&AssetPath::from_trusted("Assets/A/B/y.png"), 1).is_none());
        c.invalidate_prefix(&AssetPath::from_trusted("Assets/q.png"));
        assert_eq!(c.len(), 1);
        c.clear();
        assert!(c.is_empty());
        assert!(c.beneath.is_empty());
    }
}
