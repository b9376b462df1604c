//! The conflict rule as a lock table sharded by path: multi-granularity locking, as
//! databases do it, with a FIFO queue per node for arrival order.
//!
//! An operation on path `P` takes Exclusive on `P` and IntentExclusive on each
//! ancestor of `P` (the root "" included), a read of one file (ReadText) Shared and
//! IntentShared; a query takes Shared on the root; a
//! Refresh or a checked delete takes Exclusive on the root. Two operations conflict
//! exactly when [`Op::conflicts_with`] says so: same path, one inside the other (the
//! Exclusive meets the intention), or the root.
//!
//! Nodes live in the shard of their path's hash, with one exception that keeps hot
//! nodes from becoming one global lock: the root and the top-level folders
//! (`Assets`, `Packages`), which every operation's intention would touch, are split
//! into one partition per shard. An intention on them goes to the partition in the
//! shard of the operation's own path; a Shared or Exclusive on them goes to every
//! partition. Disjoint operations therefore meet in no shard they do not hash to.
//!
//! A job's requests are enqueued atomically: the shards it touches are locked in
//! ascending order (no deadlock) and held together while it enqueues, so any two jobs
//! sharing a node are ordered the same way on every node they share (no cycle of
//! waits). On a node, a request is granted when no request waits ahead of it and it
//! is compatible with every granted one: granted requests are a prefix of the queue,
//! and a conflicting later request never overtakes an earlier one.

use super::job::Job;
use crate::mutation::{self, Mutation};
use crate::op::Op;
use crate::sync::{lock, Arc, AtomicU32, Mutex, Ordering, Padded};
use std::collections::{HashMap, VecDeque};

/// A lock mode, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Something beneath is read.
    IntentShared = 0,
    /// Something beneath is written.
    IntentExclusive = 1,
    /// The node and everything beneath are read.
    Shared = 2,
    /// The node and everything beneath are written.
    Exclusive = 3,
}

impl Mode {
    /// The standard compatibility matrix of multi-granularity locking.
    pub fn compatible(self, other: Mode) -> bool {
        use Mode::*;
        matches!(
            (self, other),
            (IntentShared, IntentShared | IntentExclusive | Shared) | (IntentExclusive, IntentShared | IntentExclusive) | (Shared, IntentShared | Shared)
        )
    }

    /// The weakest mode covering both (Shared with IntentExclusive is taken as
    /// Exclusive: stronger than needed, never weaker).
    fn sup(self, other: Mode) -> Mode {
        use Mode::*;
        match (self.max(other), self.min(other)) {
            (Shared, IntentExclusive) => Exclusive,
            (high, _) => high,
        }
    }
}

/// One lock request of a job: a node in a shard, and a mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockReq {
    /// The shard holding the node (or this partition of it).
    pub shard: u32,
    /// The node's path ("" is the root).
    pub key: Box<str>,
    /// The mode.
    pub mode: Mode,
}

/// One node: how many requests are granted in each mode, and who waits, in order.
#[derive(Default)]
struct Node {
    /// Granted requests by mode (they are not told apart beyond their mode).
    granted: [u32; 4],
    /// Requests not yet granted, in arrival order.
    waiting: VecDeque<(Arc<Job>, Mode)>,
}

impl Node {
    fn admits(&self, mode: Mode) -> bool {
        [Mode::IntentShared, Mode::IntentExclusive, Mode::Shared, Mode::Exclusive].iter().all(|&m| {
            let planted = mutation::active(Mutation::ConflictOverlap) && (mode == Mode::IntentExclusive) != (m == Mode::IntentExclusive);
            self.granted[m as usize] == 0 || mode.compatible(m) || planted
        })
    }

    fn is_empty(&self) -> bool {
        self.waiting.is_empty() && self.granted.iter().all(|&n| n == 0)
    }
}

/// The nodes of one shard.
struct Shard {
    nodes: Mutex<HashMap<Box<str>, Node>>,
    /// Requests held or waiting in this shard. Written under `nodes`' lock.
    entries: AtomicU32,
}

/// Buckets of the per-key counts the lock-free fast path reads: a power of two large
/// enough that live keys rarely share one (a shared bucket only sends an import the
/// exact way). 2 x 256 KiB.
#[cfg(not(loom))]
const KEY_BUCKETS: usize = 1 << 16;
/// Under loom every atomic is modelled: a few buckets.
#[cfg(loom)]
const KEY_BUCKETS: usize = 8;

/// The lock table. Its size is `shards`, fixed at creation (config `shards`).
pub struct LockTable {
    shards: Box<[Padded<Shard>]>,
    /// Requests held or waiting, by a hash of their node's key (all partitions of a
    /// partitioned node together). Written under the shard's lock.
    on_key: Box<[AtomicU32]>,
    /// Of those, the Shared and Exclusive ones (an import's intentions are
    /// compatible with intentions, not with these).
    strong_on_key: Box<[AtomicU32]>,
    /// How paths become node keys (folded on a case-insensitive file system).
    rule: crate::path::CaseRule,
}

/// The bucket of a key from its FNV-1a hash (bits the shard choice does not use).
fn bucket(h: u64) -> usize {
    (h >> 24) as usize & (KEY_BUCKETS - 1)
}

/// Nodes at or above this many path components are split per shard (the root has
/// none, `Assets` one).
const PARTITIONED_DEPTH: usize = 1;

fn depth(path: &str) -> usize {
    if path.is_empty() {
        0
    } else {
        path.bytes().filter(|&b| b == b'/').count() + 1
    }
}

/// Proper ancestors of `path`, root first: "", "Assets", "Assets/A", ...
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    std::iter::once("").chain(path.match_indices('/').map(move |(i, _)| &path[..i]))
}

/// FNV-1a: deterministic across runs (the simulations replay seeds) and cheap.
fn hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

impl LockTable {
    /// A table of `shards` shards (at least one).
    pub fn new(shards: usize) -> LockTable {
        let n = shards.max(1);
        LockTable {
            shards: (0..n).map(|_| Padded(Shard { nodes: Mutex::new(HashMap::new()), entries: AtomicU32::new(0) })).collect(),
            on_key: (0..KEY_BUCKETS).map(|_| AtomicU32::new(0)).collect(),
            strong_on_key: (0..KEY_BUCKETS).map(|_| AtomicU32::new(0)).collect(),
            rule: Default::default(),
        }
    }

    /// Keys nodes under `rule`: on a case-insensitive file system two spellings of one
    /// path are one node, so they conflict.
    pub fn with_rule(mut self, rule: crate::path::CaseRule) -> LockTable {
        self.rule = rule;
        self
    }

    fn shard_of(&self, path: &str) -> u32 {
        (hash(path) % self.shards.len() as u64) as u32
    }

    /// The requests `op` must hold to run, sorted by (shard, node), one per node.
    pub fn plan(&self, op: &Op) -> Vec<LockReq> {
        let mut reqs = Vec::new();
        match op.paths() {
            None => {
                let mode = if op.is_query() { Mode::Shared } else { Mode::Exclusive };
                self.everywhere(&mut reqs, "", mode);
            }
            Some(paths) => {
                // A read of one file (ReadText) shares with other reads of it.
                let (intent, own) = if op.is_read() { (Mode::IntentShared, Mode::Shared) } else { (Mode::IntentExclusive, Mode::Exclusive) };
                for p in paths {
                    let key = self.rule.key(p.as_str());
                    let p = if mutation::active(Mutation::IgnoreCaseRule) { p.as_str() } else { key.as_ref() };
                    let home = self.shard_of(p);
                    for a in ancestors(p) {
                        if mutation::active(Mutation::SkipIntentionLock) && depth(a) > PARTITIONED_DEPTH {
                            continue;
                        }
                        let shard = if depth(a) <= PARTITIONED_DEPTH { home } else { self.shard_of(a) };
                        reqs.push(LockReq { shard, key: a.into(), mode: intent });
                    }
                    if depth(p) <= PARTITIONED_DEPTH {
                        self.everywhere(&mut reqs, p, own);
                    } else {
                        reqs.push(LockReq { shard: home, key: p.into(), mode: own });
                    }
                }
            }
        }
        reqs.sort_by(|a, b| (a.shard, &a.key).cmp(&(b.shard, &b.key)));
        reqs.dedup_by(|later, kept| {
            let same = later.shard == kept.shard && later.key == kept.key;
            if same {
                kept.mode = kept.mode.sup(later.mode);
            }
            same
        });
        reqs
    }

    fn everywhere(&self, reqs: &mut Vec<LockReq>, key: &str, mode: Mode) {
        reqs.extend((0..self.shards.len() as u32).map(|shard| LockReq { shard, key: key.into(), mode }));
    }

    /// Enqueues every request of `job` (its `locks`, from [`LockTable::plan`]) in one
    /// step; true if all were granted at once (the job may run now). Otherwise the
    /// job's `waiting` count says how many are pending, and the `release` that grants
    /// the last one returns the job.
    pub fn acquire(&self, job: &Arc<Job>) -> bool {
        debug_assert!(job.locks.windows(2).all(|w| (w[0].shard, &w[0].key) < (w[1].shard, &w[1].key)), "plan not sorted");
        let mut guards = Vec::new();
        let mut waiting = 0u32;
        for group in job.locks.chunk_by(|a, b| a.shard == b.shard) {
            let shard = &self.shards[group[0].shard as usize];
            let mut nodes = lock(&shard.nodes);
            for req in group {
                let node = nodes.entry(req.key.clone()).or_default();
                if node.waiting.is_empty() && node.admits(req.mode) {
                    node.granted[req.mode as usize] += 1;
                } else {
                    node.waiting.push_back((job.clone(), req.mode));
                    waiting += 1;
                }
                shard.entries.fetch_add(1, Ordering::SeqCst);
                let b = bucket(hash(&req.key));
                self.on_key[b].fetch_add(1, Ordering::SeqCst);
                if req.mode >= Mode::Shared {
                    self.strong_on_key[b].fetch_add(1, Ordering::SeqCst);
                }
            }
            guards.push(nodes);
        }
        // Set while every shard is still held: no release can grant before this.
        job.waiting.store(waiting, Ordering::SeqCst);
        drop(guards);
        waiting == 0
    }

    /// Removes every request of `job`, granted or waiting, and grants what then can
    /// be; jobs whose last request this granted are pushed to `ready`. `ran` says
    /// the job ran, so all its requests were granted (no queue is searched).
    pub fn release(&self, job: &Arc<Job>, ran: bool, ready: &mut Vec<Arc<Job>>) {
        for group in job.locks.chunk_by(|a, b| a.shard == b.shard) {
            let shard = &self.shards[group[0].shard as usize];
            let mut nodes = lock(&shard.nodes);
            for req in group {
                shard.entries.fetch_sub(1, Ordering::SeqCst);
                let b = bucket(hash(&req.key));
                self.on_key[b].fetch_sub(1, Ordering::SeqCst);
                if req.mode >= Mode::Shared {
                    self.strong_on_key[b].fetch_sub(1, Ordering::SeqCst);
                }
                let Some(node) = nodes.get_mut(&req.key) else {
                    debug_assert!(false, "released a request that was never enqueued");
                    continue;
                };
                let queued = if ran { None } else { node.waiting.iter().position(|(j, _)| Arc::ptr_eq(j, job)) };
                match queued {
                    Some(k) => {
                        node.waiting.remove(k);
                    }
                    None => {
                        debug_assert!(node.granted[req.mode as usize] > 0);
                        node.granted[req.mode as usize] -= 1;
                    }
                }
                while let Some((_, mode)) = node.waiting.front() {
                    if !node.admits(*mode) {
                        break;
                    }
                    let mode = *mode;
                    let Some((next, _)) = node.waiting.pop_front() else { break };
                    node.granted[mode as usize] += 1;
                    if next.waiting.fetch_sub(1, Ordering::SeqCst) == 1 {
                        ready.push(next);
                    }
                }
                if node.is_empty() {
                    nodes.remove(&req.key);
                }
            }
        }
    }

    /// True if an Import of `path` would be granted at once, judged from counts only
    /// (no lock taken): no request at all on the path's own node (an operation on it,
    /// or beneath it through its intention), and no Shared or Exclusive request on any
    /// ancestor, the root included. Requests on other paths, even in the same shard or
    /// folder, do not matter: they do not conflict with this import. False means
    /// "maybe not" (a bucket shared with another key): the caller takes the exact way,
    /// `acquire`.
    pub fn import_is_free(&self, path: &str) -> bool {
        let key = self.rule.key(path);
        let path = key.as_ref();
        // FNV-1a runs over the path once: its value at each '/' is the hash of that
        // ancestor (the root's is the offset basis), so every bucket is found in one pass.
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        if self.strong_on_key[bucket(h)].load(Ordering::SeqCst) != 0 {
            return false;
        }
        for b in path.bytes() {
            if b == b'/' && self.strong_on_key[bucket(h)].load(Ordering::SeqCst) != 0 {
                return false;
            }
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        debug_assert_eq!(h, hash(path));
        self.on_key[bucket(h)].load(Ordering::SeqCst) == 0
    }

    /// Requests held or waiting, over all shards (zero at quiescence).
    pub fn entries(&self) -> usize {
        self.shards.iter().map(|s| s.entries.load(Ordering::SeqCst) as usize).sum()
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use crate::path::AssetPath;

    fn p(s: &str) -> AssetPath {
        AssetPath::from_trusted(s)
    }

    #[test]
    fn plan_partitions_the_top_and_merges_nodes() {
        let t = LockTable::new(8);
        let plan = t.plan(&Op::Move { src: p("Assets/A/x.png"), dst: p("Assets/A/y.png") });
        // Per path: "", "Assets" (in the path's shard), "Assets/A", the path.
        assert!(plan.iter().filter(|r| r.key.as_ref() == "Assets/A").count() == 1, "{plan:?}");
        assert!(plan.iter().all(|r| r.mode != Mode::Shared));
        let refresh = t.plan(&Op::Refresh);
        assert_eq!(refresh.len(), 8);
        assert!(refresh.iter().all(|r| r.key.is_empty() && r.mode == Mode::Exclusive));
        let move_into_itself = t.plan(&Op::Move { src: p("Assets/A"), dst: p("Assets/A/B") });
        let a = move_into_itself.iter().find(|r| r.key.as_ref() == "Assets/A").map(|r| r.mode);
        assert_eq!(a, Some(Mode::Exclusive), "its own intention merges into the stronger mode");
    }

    #[test]
    fn two_spellings_of_one_path_conflict_on_a_case_insensitive_file_system() {
        let t = LockTable::new(8).with_rule(crate::path::CaseRule::Insensitive);
        let a = t.plan(&Op::Import(p("Assets/Art/Hero.png")));
        let b = t.plan(&Op::Import(p("Assets/art/HERO.PNG")));
        assert_eq!(a, b, "one file, one set of lock nodes");
        let sensitive = LockTable::new(8);
        assert_ne!(sensitive.plan(&Op::Import(p("Assets/Art/Hero.png"))), sensitive.plan(&Op::Import(p("Assets/art/HERO.PNG"))));
    }

    #[test]
    fn compatibility_is_symmetric() {
        use Mode::*;
        for a in [IntentShared, IntentExclusive, Shared, Exclusive] {
            for b in [IntentShared, IntentExclusive, Shared, Exclusive] {
                assert_eq!(a.compatible(b), b.compatible(a), "{a:?} {b:?}");
                assert!(a.sup(b) >= a.max(b));
            }
        }
    }

    #[test]
    fn the_fast_path_looks_at_the_import_s_own_path_only() {
        use super::super::{ConnId, JobId};
        let t = LockTable::new(4);
        let live = |op: Op| {
            let locks = t.plan(&op);
            let job = Arc::new(Job::new(JobId(1), ConnId(0), 0, 0, std::sync::Arc::new(op), 0, u64::MAX, u64::MAX, locks));
            t.acquire(&job);
            job
        };
        let release = |job: &Arc<Job>| t.release(job, true, &mut Vec::new());
        assert!(t.import_is_free("Assets/A/x.png"));
        // A sibling's operation, in the same folder (and for 4 shards, often the same
        // shard): no conflict, the import stays on the fast path.
        let sibling = live(Op::Delete(p("Assets/A/y.png")));
        assert!(t.import_is_free("Assets/A/x.png"));
        assert!(!t.import_is_free("Assets/A/y.png"), "its own path is taken");
        release(&sibling);
        // The folder moving, something beneath the path, a query on the root: all
        // conflict, and the fast path says so.
        for op in [Op::Move { src: p("Assets/A"), dst: p("Assets/B") }, Op::Delete(p("Assets/A/x.png/inner")), Op::Refresh] {
            let job = live(op.clone());
            assert!(!t.import_is_free("Assets/A/x.png"), "{op:?} conflicts with the import");
            release(&job);
        }
        assert!(t.import_is_free("Assets/A/x.png"));
        assert_eq!(t.entries(), 0);
    }
}
