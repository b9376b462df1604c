//! The small shared part of the engine (quinn's `Endpoint`): what every connection
//! and worker needs, each piece with its own synchronisation and none of it one big
//! lock.
//!
//! - the lock table (sharded; see [`super::locks`]) and the metadata cache (sharded);
//! - the budgets and counts (atomics);
//! - the ready queue with the adaptive controller (one short lock, taken per job that
//!   goes to a worker and per batch, never by a cache-hot import);
//! - the metrics (per thread, merged when read).

use super::adapt::Adaptive;
use super::budget::Budgets;
use super::config::EngineConfig;
use super::job::{Job, BLOCKED, DROPPED, READY, RUNNING};
use super::locks::LockTable;
use super::{Batch, ConnId, ConnKind, Connection, Dispatched, JobId, Seq, Stats};
use crate::cache::SharedCache;
use crate::db::Asset;
use crate::error::{ErrorKind, OpError};
use crate::metrics::{Metrics, StripedMetrics};
use crate::mutation::{self, Mutation};
use crate::op::{Op, OpResult, Outcome};
use crate::path::AssetPath;
use crate::sync::{lock, Arc, AtomicU64, AtomicUsize, Mutex, Ordering, Padded};
use std::collections::VecDeque;

/// The ready queue and the controller that sizes the work handed out of it.
struct Dispatch {
    /// Jobs whose locks are all granted, in the order they became ready. Dropped
    /// jobs are skipped when met.
    ready: VecDeque<Arc<Job>>,
    /// Worker target and batch size.
    adapt: Adaptive,
    /// Batches out on workers.
    busy_workers: usize,
}

/// A finished operation, to hand to its connection ([`Connection::handle_result`]).
#[derive(Debug)]
pub struct Done {
    /// Whose request it was.
    pub conn: ConnId,
    /// Its position in that connection.
    pub seq: Seq,
    /// The result.
    pub result: OpResult,
}

/// The shared engine state. `Sync`: every method takes `&self`.
pub struct Endpoint {
    /// The limits.
    pub(crate) cfg: EngineConfig,
    /// The conflict rule.
    pub(crate) locks: LockTable,
    /// Resolved metadata of recent imports.
    pub(crate) cache: SharedCache,
    /// Requests, bytes and streams held.
    pub(crate) budgets: Budgets,
    /// Ready queue and adaptation (on its own cache lines, like every field below
    /// that changes often: the read-mostly fields above stay shared-clean).
    dispatch: Padded<Mutex<Dispatch>>,
    /// Counters and histograms.
    pub(crate) metrics: StripedMetrics,
    /// Source of connection and job ids.
    next_id: Padded<AtomicU64>,
    /// Open connections, plus closed ones with work still running.
    pub(crate) connections: AtomicUsize,
    /// Jobs accepted and not yet finished or dropped.
    pub(crate) live_jobs: AtomicUsize,
    /// Jobs taken by workers and not yet reported.
    running_jobs: AtomicUsize,
    /// Jobs in the ready queue (dropped ones included until skipped): lets the
    /// driver wake a worker only when there is something to take.
    queued: Padded<AtomicUsize>,
    /// Request places a connection may keep from the global budget for its next
    /// reads (its lease): a quarter of a fair share (`global_max_requests /
    /// max_connections / 4`), at most 16; 0 turns leasing off.
    pub(crate) lease_requests: usize,
    /// Bytes a connection may keep the same way: `global_max_bytes /
    /// max_connections / 4`, at most 64 KiB.
    pub(crate) lease_bytes: u64,
    /// Connections record their cache hits for the simulation (`poll_cache_hit`).
    pub(crate) record_cache_hits: std::sync::atomic::AtomicBool,
    /// External changes seen ([`Endpoint::handle_external_change`]); see
    /// [`Batch::external_epoch`].
    external_epoch: AtomicU64,
}

/// Lifetime of a cached answer while a watcher reports changes: long enough that
/// expiries cost nothing (spread over its last quarter), short enough to bound the
/// harm of a change a watcher can miss (some network shares report none).
pub const WATCHED_CACHE_TTL_MS: u64 = 600_000;

impl Endpoint {
    /// A new engine at time `now_us`. The config must have passed `validate`.
    pub fn new(cfg: EngineConfig, now_us: u64) -> Endpoint {
        debug_assert!(cfg.validate().is_ok(), "{:?}", cfg.validate());
        Endpoint {
            locks: LockTable::new(cfg.shards).with_rule(cfg.case_rule()),
            cache: SharedCache::new(cfg.cache_capacity, cfg.cache_ttl_ms * 1000, cfg.shards).with_rule(cfg.case_rule()),
            budgets: Budgets::new(cfg.global_max_requests, cfg.global_max_bytes, cfg.max_connections),
            dispatch: Padded(Mutex::new(Dispatch { ready: VecDeque::new(), adapt: Adaptive::new(&cfg, now_us), busy_workers: 0 })),
            metrics: StripedMetrics::default(),
            next_id: Padded(AtomicU64::new(1)),
            connections: AtomicUsize::new(0),
            live_jobs: AtomicUsize::new(0),
            running_jobs: AtomicUsize::new(0),
            queued: Padded(AtomicUsize::new(0)),
            record_cache_hits: std::sync::atomic::AtomicBool::new(false),
            external_epoch: AtomicU64::new(0),
            lease_requests: (cfg.global_max_requests / cfg.max_connections.max(1) / 4).min(16),
            lease_bytes: (cfg.global_max_bytes / cfg.max_connections.max(1) as u64 / 4).min(64 << 10),
            cfg,
        }
    }

    /// Connections opened from now on record their cache hits for
    /// [`Connection::poll_cache_hit`] (the simulation compares them with the disk).
    pub fn record_cache_hits(&self) {
        self.record_cache_hits.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// The configuration in force.
    pub fn config(&self) -> &EngineConfig {
        &self.cfg
    }

    pub(crate) fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Opens a connection. A stream beyond `max_connections` is refused with code 8.
    pub fn connect<C>(&self, _now_us: u64, kind: ConnKind) -> Result<Connection<C>, OpError> {
        if kind == ConnKind::Stream && !self.budgets.try_open_stream() {
            self.metrics.with(|m| m.refused_connections += 1);
            return Err(OpError::new(
                ErrorKind::Exhausted,
                format!("the server has {} streams open, its limit (max_connections); retry later", self.budgets.streams()),
            ));
        }
        self.connections.fetch_add(1, Ordering::SeqCst);
        let id = ConnId(self.next_id());
        let record = self.record_cache_hits.load(std::sync::atomic::Ordering::Relaxed);
        Ok(Connection::new(id, kind, record))
    }

    /// True when a global budget (requests, counting reserved reads, or bytes) is full.
    pub fn budgets_full(&self) -> bool {
        self.budgets.full()
    }

    /// Registers `op` for `conn`'s request `seq`: its locks are enqueued, and it
    /// goes to the ready queue if they are all granted. An Import that would run at
    /// once and whose answer is cached is answered from the cache instead (`Err`).
    pub(crate) fn submit(&self, conn: ConnId, seq: Seq, now_us: u64, op: Op, deadline_us: Option<u64>, trace: u64) -> Result<Arc<Job>, Asset> {
        let mut looked = false;
        if let Op::Import(p) = &op {
            // Lock-free look first: a cache-hot import of a quiet path takes no lock.
            if self.locks.import_is_free(p.as_str()) {
                looked = true;
                if let Some(asset) = self.cache.get(p, now_us) {
                    return Err(asset);
                }
            }
        }
        let client_deadline_us = deadline_us;
        let deadline_us = (now_us + self.cfg.queue_timeout_ms * 1000).min(deadline_us.unwrap_or(u64::MAX));
        let locks = self.locks.plan(&op);
        let id = JobId(self.next_id());
        let run_deadline_us = now_us.saturating_add(self.cfg.op_timeout_ms.saturating_mul(1000)).min(client_deadline_us.unwrap_or(u64::MAX));
        let job = Arc::new(Job::new(id, conn, seq, trace, std::sync::Arc::new(op), now_us, deadline_us, run_deadline_us, locks));
        let granted = self.locks.acquire(&job);
        if granted && !looked {
            if let Op::Import(p) = job.op() {
                if let Some(asset) = self.cache.get(p, now_us) {
                    let mut ready = Vec::new();
                    self.locks.release(&job, true, &mut ready);
                    self.make_ready(ready, now_us);
                    return Err(asset);
                }
            }
        }
        self.live_jobs.fetch_add(1, Ordering::SeqCst);
        if granted {
            self.make_ready(vec![job.clone()], now_us);
        }
        Ok(job)
    }

    /// Moves jobs whose locks are now all granted to the ready queue.
    fn make_ready(&self, jobs: Vec<Arc<Job>>, now_us: u64) {
        if jobs.is_empty() {
            return;
        }
        let mut d = lock(&self.dispatch);
        for job in jobs {
            // A job cancelled meanwhile stays dropped.
            if job.transition(BLOCKED, READY) {
                job.ready_at_us.store(now_us, Ordering::SeqCst);
                d.ready.push_back(job);
                self.queued.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// Cancels `job` if it has not started: its locks are released (which may make
    /// others ready). False if a worker already took it; then, with `abort_running`
    /// (its caller is gone), it stops at its next check between items. A queue
    /// deadline passing while it runs does not stop it (its run deadline does).
    pub(crate) fn cancel(&self, job: &Arc<Job>, now_us: u64, abort_running: bool) -> bool {
        if !(job.transition(BLOCKED, DROPPED) || job.transition(READY, DROPPED)) {
            if abort_running {
                job.abort();
            }
            return false;
        }
        let mut ready = Vec::new();
        self.locks.release(job, false, &mut ready);
        self.live_jobs.fetch_sub(1, Ordering::SeqCst);
        self.make_ready(ready, now_us);
        true
    }

    /// True if the ready queue may hold work for a worker.
    pub fn has_ready(&self) -> bool {
        self.queued.load(Ordering::SeqCst) > 0
    }

    /// Work for an idle worker: up to `batch` ready, conflict-free operations, or
    /// `None` (all workers of the target busy, nothing ready, or a partial batch still
    /// within `batch_max_wait_us` while other workers are busy).
    pub fn poll_dispatch(&self, now_us: u64) -> Option<Batch> {
        let mut d = lock(&self.dispatch);
        if d.busy_workers >= d.adapt.workers {
            return None;
        }
        while d.ready.front().is_some_and(|j| j.state() != READY) {
            d.ready.pop_front();
            self.queued.fetch_sub(1, Ordering::SeqCst);
        }
        let oldest = d.ready.front()?.ready_at_us.load(Ordering::SeqCst);
        let want = d.adapt.batch;
        if d.ready.len() < want && d.busy_workers > 0 && now_us < oldest + self.cfg.batch_max_wait_us {
            return None;
        }
        let mut jobs = Vec::with_capacity(want.min(d.ready.len()));
        let mut wait_sum = 0u64;
        let mut waits = Vec::with_capacity(jobs.capacity());
        while jobs.len() < want {
            let Some(job) = d.ready.pop_front() else { break };
            self.queued.fetch_sub(1, Ordering::SeqCst);
            if !job.transition(READY, RUNNING) {
                continue;
            }
            let wait = now_us.saturating_sub(job.arrival_us);
            wait_sum += wait;
            waits.push(wait);
            jobs.push(Dispatched { id: job.id, op: job.op.clone(), conn: job.conn, seq: job.seq, trace: job.trace, job });
        }
        if jobs.is_empty() {
            return None;
        }
        d.busy_workers += 1;
        let backlog = d.ready.len();
        d.adapt.on_dispatch(jobs.len(), wait_sum, backlog);
        debug_assert!(d.busy_workers <= d.adapt.workers.max(self.cfg.workers_max));
        drop(d);
        self.running_jobs.fetch_add(jobs.len(), Ordering::SeqCst);
        self.metrics.with(|m| {
            m.batches += 1;
            m.batched_ops += jobs.len() as u64;
            for w in waits {
                Metrics::record(&mut m.queue_wait_us, w);
            }
        });
        Some(Batch { jobs, dispatched_at_us: now_us, external_epoch: self.external_epoch.load(Ordering::SeqCst) })
    }

    /// A worker finished `batch` (whose jobs ran in order) with these results: the
    /// cache learns from them, their locks are released, and the results are
    /// returned for their connections, in batch order.
    pub fn handle_batch_done(&self, now_us: u64, batch: Batch, results: Vec<OpResult>) -> Vec<Done> {
        debug_assert_eq!(batch.jobs.len(), results.len());
        let busy = now_us.saturating_sub(batch.dispatched_at_us);
        {
            let mut d = lock(&self.dispatch);
            debug_assert!(d.busy_workers > 0, "batch reported twice");
            d.busy_workers = d.busy_workers.saturating_sub(1);
            d.adapt.on_busy(busy);
        }
        self.metrics.with(|m| m.busy_worker_us += busy);
        let mut results = results;
        if mutation::active(Mutation::SwapAnswers) && results.len() >= 2 {
            results.swap(0, 1);
        }
        let mut results = results.into_iter();
        let mut done = Vec::with_capacity(batch.jobs.len());
        let mut ready = Vec::new();
        let mut stopped = 0u64;
        // A change behind the server's back while the batch ran: its reads may be older.
        let stale = self.external_epoch.load(Ordering::SeqCst) != batch.external_epoch;
        for d in batch.jobs {
            let result = results.next().unwrap_or_else(|| Err(OpError::new(ErrorKind::Internal, "internal: worker reported no result")));
            if matches!(&result, Err(e) if e.kind == ErrorKind::DeadlineExceeded) || d.job.abort.load(Ordering::Acquire) != 0 {
                stopped += 1;
            }
            debug_assert_eq!(d.job.state(), RUNNING);
            // The cache learns before the locks go: no conflicting operation can run
            // between this operation's change and its invalidation.
            self.apply_to_cache(&d.op, &result, now_us, stale);
            self.locks.release(&d.job, true, &mut ready);
            self.live_jobs.fetch_sub(1, Ordering::SeqCst);
            self.running_jobs.fetch_sub(1, Ordering::SeqCst);
            done.push(Done { conn: d.conn, seq: d.seq, result });
        }
        if stopped > 0 {
            self.metrics.with(|m| m.stopped_running += stopped);
        }
        self.make_ready(ready, now_us);
        done
    }

    fn apply_to_cache(&self, op: &Op, result: &OpResult, now_us: u64, stale: bool) {
        match op {
            Op::Import(p) => match result {
                Ok(Outcome::Asset(asset)) if !asset.folder && !stale => self.cache.insert(asset.clone(), now_us),
                // A folder import also touches its contents (a copied folder's
                // duplicates get fresh GUIDs): never answered from cache, and what was
                // cached beneath it may be stale.
                _ => self.cache.invalidate_prefix(p),
            },
            // Invalidate whatever the outcome: a failed move may still have changed disk.
            Op::Move { src, dst } => {
                if !mutation::active(Mutation::SkipMoveInvalidation) {
                    self.cache.invalidate_prefix(src);
                }
                self.cache.invalidate_prefix(dst);
            }
            Op::Delete(p) | Op::DeleteIfUnreferenced(p) | Op::CreateFolder(p) => self.cache.invalidate_prefix(p),
            // A copy writes only its destination.
            Op::Copy { dst, .. } => self.cache.invalidate_prefix(dst),
            Op::Refresh => self.cache.clear(),
            // A written file keeps its GUID and type, and may be a new one; its entry
            // is dropped either way (the next import reads it again).
            Op::WriteText { path, .. } | Op::EditText { path, .. } | Op::CreateScript { path, .. } | Op::SetProperty { path, .. } => self.cache.invalidate_prefix(path),
            Op::Query(_) | Op::ReadText { .. } | Op::ReadYaml { .. } => {}
        }
    }

    /// Runs the adaptation (deadlines are per connection: [`Connection::handle_tick`]).
    pub fn handle_tick(&self, now_us: u64) {
        lock(&self.dispatch).adapt.on_tick(&self.cfg, now_us);
    }

    /// When `handle_tick` should next run, or a held partial batch be flushed.
    pub fn poll_timeout(&self) -> Option<u64> {
        let d = lock(&self.dispatch);
        let mut t = d.adapt.next_tick_us(&self.cfg);
        if d.busy_workers < d.adapt.workers {
            if let Some(j) = d.ready.iter().find(|j| j.state() == READY) {
                t = t.min(j.ready_at_us.load(Ordering::SeqCst) + self.cfg.batch_max_wait_us);
            }
        }
        Some(t)
    }

    /// The current worker target.
    pub fn worker_target(&self) -> usize {
        lock(&self.dispatch).adapt.workers
    }

    /// Something changed at `path` behind the server's back (seen by a watcher): what
    /// the cache holds at or beneath it may be stale.
    pub fn handle_external_change(&self, path: &AssetPath) {
        // Counted first: a batch finishing after this either saw the count move (and
        // caches nothing) or ran before the change.
        self.external_epoch.fetch_add(1, Ordering::SeqCst);
        self.cache.invalidate_prefix(path);
    }

    /// A watcher now reports changes behind the server's back (`watched`): cached
    /// answers live [`WATCHED_CACHE_TTL_MS`] (or `cache_ttl_ms` if longer), else the
    /// configured `cache_ttl_ms`.
    pub fn set_watched(&self, watched: bool) {
        let ttl_ms = if watched { self.cfg.cache_ttl_ms.max(WATCHED_CACHE_TTL_MS) } else { self.cfg.cache_ttl_ms };
        self.cache.set_ttl(ttl_ms.saturating_mul(1000));
    }

    /// What the cache holds for `path` at `now_us`, without counting a lookup.
    pub fn peek_cached(&self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        self.cache.peek(path, now_us)
    }

    /// Counts for leak and bound checks.
    pub fn stats(&self) -> Stats {
        let d = lock(&self.dispatch);
        Stats {
            connections: self.connections.load(Ordering::SeqCst),
            stream_connections: self.budgets.streams(),
            live_jobs: self.live_jobs.load(Ordering::SeqCst),
            running_jobs: self.running_jobs.load(Ordering::SeqCst),
            busy_workers: d.busy_workers,
            worker_target: d.adapt.workers,
            batch_size: d.adapt.batch,
            // Reservations are the connections' to count (see `Stats::reserved_reads`).
            buffered_requests: self.budgets.held(),
            reserved_reads: 0,
            buffered_bytes: self.budgets.bytes(),
            ready_jobs: d.ready.iter().filter(|j| j.state() == READY).count(),
            cache_entries: self.cache.len(),
            cache: self.cache.stats(),
        }
    }

    /// True when nothing is live: no jobs, no connections, no buffered requests.
    pub fn is_quiescent(&self) -> bool {
        let s = self.stats();
        s.live_jobs == 0
            && s.connections == 0
            && s.busy_workers == 0
            && self.budgets.held() == 0
            && s.buffered_bytes == 0
            && self.locks.entries() == 0
    }

    /// The metrics, merged over threads.
    pub fn metrics(&self) -> Metrics {
        self.metrics.merged()
    }

    /// Answers given so far.
    pub fn answers(&self) -> u64 {
        self.metrics.answers()
    }
}
