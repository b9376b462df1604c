//! The stream processor: a sans-IO state machine that orders, schedules, batches,
//! bounds and sheds asset operations for every connection.
//!
//! Inputs are `handle_*(now, ...)` calls, outputs are `poll_*()` values; it never
//! reads a clock, spawns, sleeps or does I/O (quinn-proto's shape). A driver owns it:
//!
//! ```text
//! handle_connect(now, kind)           -> Result<ConnId, OpError>   max_connections
//! wants_read(conn)                    -> bool                      window and global budgets
//! handle_request(conn, now, sub)      -> Seq                       validated op, or an immediate answer
//! poll_dispatch(now)                  -> Option<Batch>             conflict-free work for one worker
//! handle_batch_done(now, batch, res)                               a worker finished a batch
//! poll_woken()                        -> Option<ConnId>            a connection has an answer at its head
//! poll_answer(conn)                   -> Option<Answer>            strictly in Seq order, once each
//! handle_disconnect(conn, now)                                     queued work dropped, running work finishes
//! handle_tick(now)                                                 deadlines, adaptation
//! poll_timeout()                      -> Option<u64>               when to call handle_tick next
//! stats()                             -> Stats                     the leak and bound checks read these
//! ```
//!
//! Invariants (asserted in debug builds, checked by the property tests):
//! every accepted request is answered exactly once, in request order per connection;
//! two conflicting operations never run at the same time, and run in arrival order;
//! at most `worker target` batches run at once; the buffered requests and bytes never
//! exceed the configured budgets while the driver honours `wants_read`.

mod adapt;
mod config;
mod conflict;

pub use adapt::Adaptive;
pub use config::EngineConfig;

use crate::cache::{CacheStats, MetaCache};
use crate::db::Asset;
use crate::error::{Code, OpError};
use crate::metrics::Metrics;
use crate::mutation::{self, Mutation};
use crate::op::{Op, OpResult, Outcome};
use conflict::PathIndex;
use slab::Slab;
use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;

/// A connection handle; stale handles (of a closed connection) are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId {
    key: u32,
    gen: u64,
}

/// A job handle, unique for the engine's lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId {
    gen: u64,
    key: u32,
}

/// Position of a request in its connection (0, 1, 2, ...).
pub type Seq = u64;

/// What kind of caller a connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnKind {
    /// A Stream: counted against `max_connections`, flow-controlled by `wants_read`.
    Stream,
    /// A unary call: one request, not counted against `max_connections`.
    Unary,
}

/// A request as the driver hands it in.
#[derive(Debug)]
pub struct Submission<C> {
    /// The validated operation, or the validation error to answer with.
    pub work: Result<Op, OpError>,
    /// Opaque context returned with the answer (the wire id and kind, for instance).
    pub ctx: C,
    /// Absolute deadline (us) from the client's `grpc-timeout`, if any; the engine's
    /// own `queue_timeout_ms` applies too, whichever is earlier.
    pub deadline_us: Option<u64>,
    /// Encoded size of the request, charged to the byte budget.
    pub bytes: u32,
    /// An id for tracing, carried to the worker (`Dispatched::trace`); not interpreted.
    pub trace: u64,
}

/// An answer, in order.
#[derive(Debug)]
pub struct Answer<C> {
    /// The request's position in its connection.
    pub seq: Seq,
    /// The context given with the request.
    pub ctx: C,
    /// The result.
    pub result: OpResult,
}

/// One operation handed to a worker.
#[derive(Clone, Debug)]
pub struct Dispatched {
    /// The job.
    pub id: JobId,
    /// What to run.
    pub op: Arc<Op>,
    /// Whose request it is.
    pub conn: ConnId,
    /// Its position in that connection.
    pub seq: Seq,
    /// The submission's trace id.
    pub trace: u64,
}

/// Work for one worker: run the operations in order, then report all results.
#[derive(Debug)]
pub struct Batch {
    /// The operations, to run in this order.
    pub jobs: Vec<Dispatched>,
    /// When it was dispatched (us), for busy-time accounting.
    pub dispatched_at_us: u64,
}

/// Counts the leak and bound checks read. At quiescence (all connections closed, all
/// batches reported) every count but the cache's is zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Open connections (stream and unary), plus closed ones with work still running.
    pub connections: usize,
    /// Open stream connections.
    pub stream_connections: usize,
    /// Live jobs (queued, blocked or running).
    pub live_jobs: usize,
    /// Jobs running on workers.
    pub running_jobs: usize,
    /// Batches out on workers.
    pub busy_workers: usize,
    /// Current worker target.
    pub worker_target: usize,
    /// Current batch size.
    pub batch_size: usize,
    /// Requests accepted and not yet taken by the driver as answers.
    pub buffered_requests: usize,
    /// Reads reserved by connections waiting for their next request.
    pub reserved_reads: usize,
    /// Their encoded bytes.
    pub buffered_bytes: u64,
    /// Jobs ready and waiting for a worker.
    pub ready_jobs: usize,
    /// Entries in the metadata cache.
    pub cache_entries: usize,
    /// Cache counters.
    pub cache: CacheStats,
}

struct Slot<C> {
    ctx: Option<C>,
    result: Option<OpResult>,
    arrival_us: u64,
    bytes: u32,
    job: Option<JobId>,
}

struct Conn<C> {
    gen: u64,
    kind: ConnKind,
    open: bool,
    head_seq: Seq,
    slots: VecDeque<Slot<C>>,
    running: usize,
    woken: bool,
    paused: bool,
    /// A read is reserved (the driver is waiting for the next request): it counts
    /// against the window and the global request budget, so the request, when it
    /// comes, is never over a budget it was allowed to be read under.
    reserved: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JobState {
    Blocked,
    Ready,
    Running,
}

struct Job {
    gen: u64,
    trace: u64,
    conn: ConnId,
    seq: Seq,
    op: Arc<Op>,
    arrival_us: u64,
    ready_at_us: u64,
    deadline_us: u64,
    state: JobState,
    blockers: u32,
    dependents: Vec<JobId>,
}

/// The engine. `C` is the driver's per-request context.
pub struct Scheduler<C> {
    cfg: EngineConfig,
    conns: Slab<Conn<C>>,
    stream_conns: usize,
    jobs: Slab<Job>,
    next_gen: u64,
    index: PathIndex,
    ready: VecDeque<JobId>,
    deadlines: BTreeSet<(u64, JobId)>,
    woken: VecDeque<ConnId>,
    cache: MetaCache,
    adapt: Adaptive,
    busy_workers: usize,
    running_jobs: usize,
    /// Reads reserved across connections (see `reserve_read`).
    reserved_reads: usize,
    /// Cache hits not yet taken by `poll_cache_hit`, when recording is on (simulation
    /// and tests compare them with the disk); `None` when off.
    cache_hits: Option<VecDeque<(u64, Asset)>>,
    buffered_requests: usize,
    buffered_bytes: u64,
    metrics: Metrics,
}

impl<C> Scheduler<C> {
    /// A new engine at time `now_us`. The config must have passed `validate`.
    pub fn new(cfg: EngineConfig, now_us: u64) -> Scheduler<C> {
        debug_assert!(cfg.validate().is_ok(), "{:?}", cfg.validate());
        Scheduler {
            cache: MetaCache::new(cfg.cache_capacity, cfg.cache_ttl_ms * 1000),
            adapt: Adaptive::new(&cfg, now_us),
            cfg,
            conns: Slab::new(),
            stream_conns: 0,
            jobs: Slab::new(),
            next_gen: 1,
            index: PathIndex::default(),
            ready: VecDeque::new(),
            deadlines: BTreeSet::new(),
            woken: VecDeque::new(),
            busy_workers: 0,
            running_jobs: 0,
            reserved_reads: 0,
            cache_hits: None,
            buffered_requests: 0,
            buffered_bytes: 0,
            metrics: Metrics::default(),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &EngineConfig {
        &self.cfg
    }

    fn gen(&mut self) -> u64 {
        self.next_gen += 1;
        self.next_gen
    }

    fn conn_mut(&mut self, id: ConnId) -> Option<&mut Conn<C>> {
        self.conns.get_mut(id.key as usize).filter(|c| c.gen == id.gen)
    }

    fn job(&self, id: JobId) -> Option<&Job> {
        self.jobs.get(id.key as usize).filter(|j| j.gen == id.gen)
    }

    fn job_mut(&mut self, id: JobId) -> Option<&mut Job> {
        self.jobs.get_mut(id.key as usize).filter(|j| j.gen == id.gen)
    }

    /// Opens a connection. A stream beyond `max_connections` is refused with code 8.
    pub fn handle_connect(&mut self, _now_us: u64, kind: ConnKind) -> Result<ConnId, OpError> {
        if kind == ConnKind::Stream {
            if self.stream_conns >= self.cfg.max_connections {
                self.metrics.refused_connections += 1;
                return Err(OpError::new(
                    Code::ResourceExhausted,
                    format!("the server has {} streams open, its limit (max_connections); retry later", self.stream_conns),
                ));
            }
            self.stream_conns += 1;
        }
        let gen = self.gen();
        let key = self.conns.insert(Conn {
            gen,
            kind,
            open: true,
            head_seq: 0,
            slots: VecDeque::new(),
            running: 0,
            woken: false,
            paused: false,
            reserved: false,
        });
        Ok(ConnId { key: key as u32, gen })
    }

    /// True when a global budget (requests, counting reserved reads, or bytes) is full.
    pub fn budgets_full(&self) -> bool {
        self.buffered_requests + self.reserved_reads >= self.cfg.global_max_requests || self.buffered_bytes >= self.cfg.global_max_bytes
    }

    /// Like [`Scheduler::wants_read`], and if so reserves the place of the next request
    /// of `conn`: the driver calls this before it starts waiting for a request, so
    /// requests arriving on other connections meanwhile cannot take that place and get
    /// the reserved one shed. Idempotent while a reservation is held; `handle_request`
    /// takes it, `handle_disconnect` releases it. (The byte budget can still be passed
    /// by at most one request per stream, whose size is unknown until it arrives.)
    pub fn reserve_read(&mut self, conn: ConnId) -> bool {
        if self.conn_mut(conn).is_some_and(|c| c.open && c.reserved) {
            return true;
        }
        if !self.wants_read(conn) {
            return false;
        }
        if let Some(c) = self.conn_mut(conn) {
            c.reserved = true;
            self.reserved_reads += 1;
        }
        true
    }

    /// May the driver read another request from `conn`? False when its window or a
    /// global budget is full, or it is closed: then the driver stops reading and HTTP/2
    /// flow control pushes back on the client.
    pub fn wants_read(&mut self, conn: ConnId) -> bool {
        let budgets_full = self.budgets_full();
        let window = self.cfg.window_per_conn;
        let Some(c) = self.conn_mut(conn) else { return false };
        // A held reservation is already counted in the window and the budgets.
        let room = (c.slots.len() < window || mutation::active(Mutation::IgnoreWindow)) && !budgets_full;
        let ok = c.open && (c.reserved || room);
        if !ok && c.open && !c.paused {
            c.paused = true;
            self.metrics.backpressure_events += 1;
        } else if ok {
            c.paused = false;
        }
        ok
    }

    /// Accepts a request; its answer will come out of `poll_answer` in `Seq` order.
    /// Returns `None` for an unknown or closed connection (nothing is kept).
    ///
    /// A request that arrives over a budget (a driver that ignored `wants_read`, or a
    /// unary call under overload) is answered RESOURCE_EXHAUSTED at once, so memory
    /// stays bounded and the one-answer-per-request rule holds.
    pub fn handle_request(&mut self, conn: ConnId, now_us: u64, sub: Submission<C>) -> Option<Seq> {
        let window = self.cfg.window_per_conn;
        let budgets_full = self.budgets_full();
        let c = self.conn_mut(conn).filter(|c| c.open)?;
        // A reserved read was admitted under the budgets: it cannot be over them now.
        let reserved = std::mem::take(&mut c.reserved);
        let over_window = !reserved && c.slots.len() >= window && !mutation::active(Mutation::IgnoreWindow);
        let seq = c.head_seq + c.slots.len() as u64;
        c.slots.push_back(Slot { ctx: Some(sub.ctx), result: None, arrival_us: now_us, bytes: sub.bytes, job: None });
        if reserved {
            self.reserved_reads -= 1;
        }
        let budgets_full = budgets_full && !reserved;
        self.buffered_requests += 1;
        self.buffered_bytes += sub.bytes as u64;
        self.metrics.requests += 1;
        let op = match sub.work {
            Err(e) => {
                self.finish_slot(conn, seq, Err(e), now_us);
                return Some(seq);
            }
            Ok(op) => op,
        };
        if over_window || budgets_full {
            self.metrics.shed_budget += 1;
            let what = if over_window {
                format!("this stream already has {window} requests in flight (window_per_conn)")
            } else {
                format!(
                    "the server holds {} requests / {} bytes, its limit (global_max_requests / global_max_bytes)",
                    self.buffered_requests, self.buffered_bytes
                )
            };
            self.finish_slot(conn, seq, Err(OpError::new(Code::ResourceExhausted, format!("overloaded: {what}; retry later"))), now_us);
            return Some(seq);
        }
        let deps = self.index.conflicts(&op, self.jobs.iter().map(|(k, j)| (JobId { key: k as u32, gen: j.gen }, &*j.op)));
        if deps.is_empty() {
            if let Op::Import(path) = &op {
                if let Some(asset) = self.cache.get(path, now_us) {
                    if let Some(log) = self.cache_hits.as_mut() {
                        log.push_back((sub.trace, asset.clone()));
                    }
                    self.finish_slot(conn, seq, Ok(Outcome::Asset(asset)), now_us);
                    return Some(seq);
                }
            }
        }
        let gen = self.gen();
        let deadline_us = (now_us + self.cfg.queue_timeout_ms * 1000).min(sub.deadline_us.unwrap_or(u64::MAX));
        let op = Arc::new(op);
        let blocked = !deps.is_empty();
        let key = self.jobs.insert(Job {
            gen,
            trace: sub.trace,
            conn,
            seq,
            op: op.clone(),
            arrival_us: now_us,
            ready_at_us: now_us,
            deadline_us,
            state: if blocked { JobState::Blocked } else { JobState::Ready },
            blockers: deps.len() as u32,
            dependents: Vec::new(),
        });
        let id = JobId { key: key as u32, gen };
        for d in deps {
            if let Some(dj) = self.job_mut(d) {
                dj.dependents.push(id);
            }
        }
        self.index.insert(id, &op);
        self.deadlines.insert((deadline_us, id));
        if !blocked {
            self.ready.push_back(id);
        }
        if let Some(c) = self.conn_mut(conn) {
            if let Some(slot) = c.slots.back_mut() {
                slot.job = Some(id);
            }
        }
        Some(seq)
    }

    /// Records the result of request `seq` of `conn`.
    fn finish_slot(&mut self, conn: ConnId, seq: Seq, result: OpResult, now_us: u64) {
        let code = match &result {
            Ok(_) => 0,
            Err(e) => e.code.as_i32() as usize,
        };
        let Some(c) = self.conn_mut(conn) else { return };
        let Some(idx) = seq.checked_sub(c.head_seq) else { return };
        let Some(slot) = c.slots.get_mut(idx as usize) else { return };
        debug_assert!(slot.result.is_none(), "a request answered twice");
        let latency = now_us.saturating_sub(slot.arrival_us);
        slot.result = Some(result);
        slot.job = None;
        let at_head = idx == 0;
        let wake = at_head && !c.woken;
        if wake {
            c.woken = true;
        }
        self.metrics.answers_by_code[code.min(16)] += 1;
        Metrics::record(&mut self.metrics.latency_us, latency);
        if wake {
            self.woken.push_back(conn);
        }
    }

    /// A connection whose next answer is ready (each is reported once until polled).
    pub fn poll_woken(&mut self) -> Option<ConnId> {
        while let Some(id) = self.woken.pop_front() {
            if let Some(c) = self.conn_mut(id) {
                c.woken = false;
                return Some(id);
            }
        }
        None
    }

    /// The next answer of `conn`, strictly in request order.
    pub fn poll_answer(&mut self, conn: ConnId) -> Option<Answer<C>> {
        let c = self.conn_mut(conn)?;
        if c.slots.front()?.result.is_none() {
            return None;
        }
        let slot = c.slots.pop_front()?;
        let seq = c.head_seq;
        c.head_seq += 1;
        self.buffered_requests -= 1;
        self.buffered_bytes -= slot.bytes as u64;
        if mutation::active(Mutation::DropAnswer) && seq % 7 == 3 {
            return self.poll_answer(conn);
        }
        Some(Answer { seq, ctx: slot.ctx?, result: slot.result? })
    }

    /// Removes a job that never ran (cancelled or shed): unregisters it and releases
    /// the jobs waiting for it.
    fn drop_unrun(&mut self, id: JobId, now_us: u64) -> Option<Job> {
        let job = self.job(id)?;
        debug_assert!(job.state != JobState::Running, "a running job cannot be dropped");
        let job = self.jobs.remove(id.key as usize);
        self.index.remove(id, &job.op);
        self.deadlines.remove(&(job.deadline_us, id));
        self.release_dependents(&job, now_us);
        Some(job)
    }

    fn release_dependents(&mut self, job: &Job, now_us: u64) {
        for &d in &job.dependents {
            let Some(dj) = self.job_mut(d) else { continue };
            debug_assert!(dj.blockers > 0);
            dj.blockers -= 1;
            if dj.blockers == 0 && dj.state == JobState::Blocked {
                dj.state = JobState::Ready;
                dj.ready_at_us = now_us;
                self.ready.push_back(d);
            }
        }
    }

    /// Work for an idle worker: up to `batch` ready, conflict-free operations, or
    /// `None` (all workers of the target busy, nothing ready, or a partial batch still
    /// within `batch_max_wait_us` while other workers are busy).
    pub fn poll_dispatch(&mut self, now_us: u64) -> Option<Batch> {
        if self.busy_workers >= self.adapt.workers {
            return None;
        }
        while let Some(&front) = self.ready.front() {
            match self.job(front) {
                Some(j) if j.state == JobState::Ready => break,
                _ => {
                    self.ready.pop_front();
                }
            }
        }
        let oldest = self.ready.front().and_then(|&id| self.job(id)).map(|j| j.ready_at_us)?;
        let want = self.adapt.batch;
        if self.ready.len() < want && self.busy_workers > 0 && now_us < oldest + self.cfg.batch_max_wait_us {
            return None;
        }
        let mut jobs = Vec::with_capacity(want.min(self.ready.len()));
        let mut wait_sum = 0u64;
        while jobs.len() < want {
            let Some(id) = self.ready.pop_front() else { break };
            let Some(j) = self.job_mut(id) else { continue };
            if j.state != JobState::Ready {
                continue;
            }
            j.state = JobState::Running;
            let (conn, seq, trace, deadline, arrival, op) = (j.conn, j.seq, j.trace, j.deadline_us, j.arrival_us, j.op.clone());
            self.deadlines.remove(&(deadline, id));
            if let Some(c) = self.conn_mut(conn) {
                c.running += 1;
            }
            let wait = now_us.saturating_sub(arrival);
            wait_sum += wait;
            Metrics::record(&mut self.metrics.queue_wait_us, wait);
            jobs.push(Dispatched { id, op, conn, seq, trace });
        }
        if jobs.is_empty() {
            return None;
        }
        self.running_jobs += jobs.len();
        self.busy_workers += 1;
        self.metrics.batches += 1;
        self.metrics.batched_ops += jobs.len() as u64;
        self.adapt.on_dispatch(jobs.len(), wait_sum, self.ready.len());
        debug_assert!(self.busy_workers <= self.adapt.workers.max(self.cfg.workers_max));
        Some(Batch { jobs, dispatched_at_us: now_us })
    }

    /// A worker finished `batch` (whose jobs ran in order) with these results.
    pub fn handle_batch_done(&mut self, now_us: u64, batch: Batch, results: Vec<OpResult>) {
        debug_assert!(self.busy_workers > 0, "batch reported twice");
        debug_assert_eq!(batch.jobs.len(), results.len());
        self.busy_workers = self.busy_workers.saturating_sub(1);
        let busy = now_us.saturating_sub(batch.dispatched_at_us);
        self.adapt.on_busy(busy);
        self.metrics.busy_worker_us += busy;
        let mut results = results;
        if mutation::active(Mutation::SwapAnswers) && results.len() >= 2 {
            results.swap(0, 1);
        }
        let mut results = results.into_iter();
        for Dispatched { id, .. } in batch.jobs {
            let result = results.next().unwrap_or_else(|| Err(OpError::new(Code::Internal, "internal: worker reported no result")));
            self.complete(id, result, now_us);
        }
    }

    fn complete(&mut self, id: JobId, result: OpResult, now_us: u64) {
        let Some(job) = self.job(id) else { return };
        debug_assert_eq!(job.state, JobState::Running);
        let job = self.jobs.remove(id.key as usize);
        self.running_jobs -= 1;
        self.index.remove(id, &job.op);
        self.apply_to_cache(&job.op, &result, now_us);
        self.release_dependents(&job, now_us);
        let conn = job.conn;
        let Some(c) = self.conn_mut(conn) else { return };
        c.running -= 1;
        if c.open {
            self.finish_slot(conn, job.seq, result, now_us);
        } else if c.running == 0 {
            self.conns.remove(conn.key as usize);
        }
    }

    fn apply_to_cache(&mut self, op: &Op, result: &OpResult, now_us: u64) {
        match op {
            Op::Import(p) => match result {
                Ok(Outcome::Asset(asset)) if !asset.folder => self.cache.insert(asset.clone(), now_us),
                // A folder import also touches its contents (a copied folder's
                // duplicates get fresh GUIDs): never answered from cache, and what was
                // cached beneath it may be stale.
                _ => self.cache.invalidate_prefix(p),
            },
            // Invalidate whatever the outcome: a failed move may still have changed disk.
            // `dst` cannot be cached after our own operations (a move needs it absent);
            // it is dropped for files that appeared and vanished behind our back.
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
            Op::Query(_) => {}
        }
    }

    /// The connection is gone: its queued work is dropped unrun, its running work
    /// finishes and is discarded, and its buffered answers are released.
    pub fn handle_disconnect(&mut self, conn: ConnId, now_us: u64) {
        let Some(c) = self.conn_mut(conn) else { return };
        if !c.open {
            return;
        }
        c.open = false;
        let had_reservation = std::mem::take(&mut c.reserved);
        let kind = c.kind;
        let slots = std::mem::take(&mut c.slots);
        let running = c.running;
        if had_reservation {
            self.reserved_reads -= 1;
        }
        if kind == ConnKind::Stream {
            self.stream_conns -= 1;
        }
        for slot in &slots {
            self.buffered_requests -= 1;
            self.buffered_bytes -= slot.bytes as u64;
            if let Some(id) = slot.job {
                if self.job(id).is_some_and(|j| j.state != JobState::Running) {
                    self.drop_unrun(id, now_us);
                    self.metrics.cancelled += 1;
                }
            }
        }
        if running == 0 {
            self.conns.remove(conn.key as usize);
        }
    }

    /// Sheds requests whose deadline passed and runs the adaptation.
    pub fn handle_tick(&mut self, now_us: u64) {
        while let Some(&(deadline, id)) = self.deadlines.first() {
            if deadline > now_us {
                break;
            }
            let Some(job) = self.drop_unrun(id, now_us) else {
                self.deadlines.pop_first();
                continue;
            };
            self.metrics.shed_deadline += 1;
            let waited_ms = now_us.saturating_sub(job.arrival_us) / 1000;
            let e = OpError::new(
                Code::ResourceExhausted,
                format!(
                    "overloaded: {} waited {waited_ms} ms in the queue without starting, past its deadline (queue_timeout_ms {} or the call's grpc-timeout); retry later",
                    job.op.name(),
                    self.cfg.queue_timeout_ms
                ),
            );
            self.finish_slot(job.conn, job.seq, Err(e), now_us);
        }
        // Busy time of batches still out counts in the interval they ran in.
        self.adapt.on_tick(&self.cfg, now_us);
    }

    /// When `handle_tick` should next run.
    pub fn poll_timeout(&self) -> Option<u64> {
        let mut t = self.adapt.next_tick_us(&self.cfg);
        if let Some(&(d, _)) = self.deadlines.first() {
            t = t.min(d);
        }
        if self.busy_workers < self.adapt.workers {
            if let Some(j) = self.ready.front().and_then(|&id| self.job(id)) {
                t = t.min(j.ready_at_us + self.cfg.batch_max_wait_us);
            }
        }
        Some(t)
    }

    /// Requests of `conn` accepted and not yet answered-and-taken (0 if unknown).
    pub fn pending(&self, conn: ConnId) -> usize {
        self.conns.get(conn.key as usize).filter(|c| c.gen == conn.gen).map_or(0, |c| c.slots.len())
    }

    /// Something changed at `path` behind the server's back (seen by a watcher): what
    /// the cache holds at or beneath it may be stale.
    pub fn handle_external_change(&mut self, path: &crate::path::AssetPath) {
        self.cache.invalidate_prefix(path);
    }

    /// Starts recording cache hits for `poll_cache_hit` (off by default; the driver
    /// drains it after every request, so it holds at most one entry).
    pub fn record_cache_hits(&mut self) {
        self.cache_hits.get_or_insert_with(VecDeque::new);
    }

    /// A recorded cache hit: the request's trace id and the answer given.
    pub fn poll_cache_hit(&mut self) -> Option<(u64, Asset)> {
        self.cache_hits.as_mut()?.pop_front()
    }

    /// Counts for leak and bound checks.
    pub fn stats(&self) -> Stats {
        Stats {
            connections: self.conns.len(),
            stream_connections: self.stream_conns,
            live_jobs: self.jobs.len(),
            running_jobs: self.running_jobs,
            busy_workers: self.busy_workers,
            worker_target: self.adapt.workers,
            batch_size: self.adapt.batch,
            buffered_requests: self.buffered_requests,
            reserved_reads: self.reserved_reads,
            buffered_bytes: self.buffered_bytes,
            ready_jobs: self.ready.iter().filter(|&&id| self.job(id).is_some_and(|j| j.state == JobState::Ready)).count(),
            cache_entries: self.cache.len(),
            cache: self.cache.stats(),
        }
    }

    /// True when nothing is live: no jobs, no connections, no buffered requests.
    pub fn is_quiescent(&self) -> bool {
        self.jobs.is_empty()
            && self.conns.is_empty()
            && self.busy_workers == 0
            && self.buffered_requests == 0
            && self.buffered_bytes == 0
            && self.reserved_reads == 0
            && self.index.is_empty()
    }

    /// The metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// What the cache holds for `path` at `now_us`, without counting a lookup (the
    /// simulation compares it with the disk).
    pub fn peek_cached(&self, path: &crate::path::AssetPath, now_us: u64) -> Option<Asset> {
        self.cache.peek(path, now_us)
    }
}
