//! Runs the engine on tokio: the thin runtime layer around the sans-IO core
//! (quinn's shape around quinn-proto), with no lock around the whole engine.
//!
//! - The shared [`Endpoint`] synchronises its own parts (sharded lock table and
//!   cache, atomic budgets, a short ready-queue lock, per-thread metrics).
//! - Each connection's [`Connection`] state machine sits in its own `Mutex`, taken
//!   by that connection's task and by the worker handing it a result: connections
//!   never wait on each other.
//! - [`worker`] tasks take batches from `poll_dispatch` and run them in
//!   `spawn_blocking`, so disk work never runs on the reactor's threads; results go
//!   back to their connections through a registry sharded by connection id.
//! - The [`timer`] task runs the adaptation and each connection's deadlines.
//!
//! Every `tokio::select!` here is `biased;`: tokio's unbiased select draws from a
//! process-wide seed, which would make a simulated run depend on what ran before it.

mod conn;
mod timer;
mod worker;

pub use conn::{ConnHandle, TaskGuard};

use crate::convert::OpKind;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;
use tokio::time::Instant;
use unity_mcp_engine::sync::Padded;
use unity_mcp_engine::sched::{ConnId, ConnKind, Connection, Delivery, Done, EngineConfig, Endpoint, Stats};
use unity_mcp_engine::{Asset, AssetDb, Op, OpError, OpResult};

/// What the driver keeps with each request: the wire id and which operation it was.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    /// `StreamRequest.id`, echoed on the answer.
    pub id: u64,
    /// Decides the shape of the answer; `None` for a StreamRequest with no operation.
    pub kind: Option<OpKind>,
}

/// Sees each operation where it commits: the simulation replays what it saw on a
/// reference model. Production runs without one.
pub trait Observer: Send + Sync + 'static {
    /// A worker ran `op` (the submission's `trace`) with `result`. Called right after
    /// the operation, on the worker, so the calls come in the order things happened.
    fn executed(&self, trace: u64, op: &Op, result: &OpResult);
    /// The engine answered the Import with this `trace` from its cache.
    fn cache_hit(&self, trace: u64, asset: &Asset);
}

/// One connection: its state machine and the tasks waiting on it.
pub(crate) struct ConnCell {
    /// The engine's per-connection state; its lock is this connection's alone.
    pub(crate) conn: Mutex<Connection<Ctx>>,
    /// Notified when an answer is ready at the head.
    pub(crate) answers: Notify,
    /// Notified when the window frees (an answer was taken).
    pub(crate) window: Notify,
}

impl ConnCell {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection<Ctx>> {
        // Engine calls do not panic on any input; if one ever did, the state it left
        // is still the best there is, so a poisoned lock is used as is.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wakes the answer reader if the last engine call issued a wake-up.
    pub(crate) fn wake_if_ready(&self, conn: &mut Connection<Ctx>) {
        if conn.take_wake() {
            conn.ack_wake();
            self.answers.notify_one();
        }
    }
}

/// Shards of the connection registry: a worker routing a result locks one.
const REGISTRY_SHARDS: usize = 64;

pub(crate) struct Shared {
    /// The engine's shared part.
    pub(crate) ep: Endpoint,
    /// Every connection by id (open, or closed with work running), sharded.
    registry: Box<[Padded<Mutex<HashMap<ConnId, Arc<ConnCell>>>>]>,
    pub(crate) db: Arc<AssetDb>,
    /// Wakes an idle worker (one permit; each worker that finds work passes it on).
    pub(crate) work: Notify,
    /// Wakes the timer early (a deadline sooner than its planned wake-up).
    pub(crate) timer: Notify,
    /// When the timer plans to wake (us since `start`).
    pub(crate) timer_due_us: AtomicU64,
    /// Wakes readers stopped by a full global budget when it frees.
    pub(crate) budget_freed: Notify,
    /// The engine's zero.
    start: Instant,
    /// Set on shutdown: workers and timer exit when idle.
    pub(crate) stopping: AtomicBool,
    /// Sees commits (simulation only).
    pub(crate) observer: Option<Arc<dyn Observer>>,
    /// Per-connection tasks (stream readers) still running: zero at quiescence.
    pub(crate) live_tasks: AtomicUsize,
    /// Index rebuilds (watcher overflow, periodic reconcile) that failed.
    index_rebuild_errors: AtomicU64,
    /// The last index rebuild failed: answers may be stale until one succeeds.
    index_stale: AtomicBool,
}

/// The engine's driver (cheap to clone).
#[derive(Clone)]
pub struct Driver {
    pub(crate) shared: Arc<Shared>,
}

fn registry_shard(id: ConnId) -> usize {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&id, &mut h);
    std::hash::Hasher::finish(&h) as usize % REGISTRY_SHARDS
}

impl Driver {
    /// Starts the driver: `workers_max` worker tasks (the engine decides how many are
    /// busy at once) and the timer task.
    pub fn start(db: Arc<AssetDb>, cfg: EngineConfig) -> Driver {
        Driver::start_observed(db, cfg, None)
    }

    /// Like [`Driver::start`], with an observer of every commit.
    pub fn start_observed(db: Arc<AssetDb>, cfg: EngineConfig, observer: Option<Arc<dyn Observer>>) -> Driver {
        let start = Instant::now();
        let workers = cfg.workers_max;
        let ep = Endpoint::new(cfg, 0);
        if observer.is_some() {
            ep.record_cache_hits();
        }
        let shared = Arc::new(Shared {
            ep,
            registry: (0..REGISTRY_SHARDS).map(|_| Padded(Mutex::new(HashMap::new()))).collect(),
            db,
            work: Notify::new(),
            timer: Notify::new(),
            timer_due_us: AtomicU64::new(0),
            budget_freed: Notify::new(),
            start,
            stopping: AtomicBool::new(false),
            observer,
            live_tasks: AtomicUsize::new(0),
            index_rebuild_errors: AtomicU64::new(0),
            index_stale: AtomicBool::new(false),
        });
        let driver = Driver { shared };
        for n in 0..workers {
            tokio::spawn(worker::run(driver.clone(), n));
        }
        tokio::spawn(timer::run(driver.clone()));
        driver
    }

    /// Microseconds since the driver started (the engine's clock).
    pub fn now_us(&self) -> u64 {
        self.shared.start.elapsed().as_micros() as u64
    }

    /// The instant of engine time `us`.
    pub(crate) fn instant_of(&self, us: u64) -> Instant {
        self.shared.start + std::time::Duration::from_micros(us)
    }

    /// The engine's shared part.
    pub fn endpoint(&self) -> &Endpoint {
        &self.shared.ep
    }

    fn registry(&self, id: ConnId) -> MutexGuard<'_, HashMap<ConnId, Arc<ConnCell>>> {
        self.shared.registry[registry_shard(id)].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every connection, in id order (the timer visits them; a fixed order keeps
    /// simulated runs reproducible).
    pub(crate) fn cells(&self) -> Vec<Arc<ConnCell>> {
        let mut out = Vec::new();
        for shard in self.shared.registry.iter() {
            out.extend(shard.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|(id, c)| (*id, c.clone())));
        }
        out.sort_unstable_by_key(|(id, _)| *id);
        out.into_iter().map(|(_, c)| c).collect()
    }

    /// Opens a connection in the engine. A stream beyond `max_connections` gets the
    /// engine's RESOURCE_EXHAUSTED error.
    pub fn connect(&self, kind: ConnKind) -> Result<ConnHandle, OpError> {
        let conn = self.shared.ep.connect(self.now_us(), kind)?;
        let id = conn.id();
        let cell = Arc::new(ConnCell { conn: Mutex::new(conn), answers: Notify::new(), window: Notify::new() });
        self.registry(id).insert(id, cell.clone());
        Ok(ConnHandle::new(self.clone(), id, cell))
    }

    pub(crate) fn disconnect(&self, id: ConnId, cell: &ConnCell) {
        let now = self.now_us();
        let finished = cell.lock().handle_disconnect(&self.shared.ep, now);
        if finished {
            self.registry(id).remove(&id);
        }
        // Dropped queued work may unblock other jobs and free the budget.
        self.shared.work.notify_one();
        self.shared.budget_freed.notify_waiters();
    }

    /// Hands finished operations to their connections.
    pub(crate) fn deliver(&self, done: Vec<Done>, now_us: u64) {
        for d in done {
            let Some(cell) = self.registry(d.conn).get(&d.conn).cloned() else { continue };
            let mut conn = cell.lock();
            match conn.handle_result(&self.shared.ep, d.seq, d.result, now_us) {
                Delivery::Recorded => cell.wake_if_ready(&mut conn),
                Delivery::Discarded => {}
                Delivery::Finished => {
                    drop(conn);
                    self.registry(d.conn).remove(&d.conn);
                }
            }
        }
    }

    /// The engine's counts (visits every connection for its reservation).
    pub fn stats(&self) -> Stats {
        let mut s = self.shared.ep.stats();
        let (mut places, mut bytes) = (0, 0);
        for c in self.cells() {
            let c = c.lock();
            places += c.reserved_places();
            bytes += c.reserved_bytes();
        }
        s.reserved_reads = places;
        s.buffered_requests = s.buffered_requests.saturating_sub(places);
        s.buffered_bytes = s.buffered_bytes.saturating_sub(bytes);
        s
    }

    /// A copy of the engine's metrics.
    pub fn metrics(&self) -> unity_mcp_engine::metrics::Metrics {
        self.shared.ep.metrics()
    }

    /// Per-connection tasks still running.
    pub fn live_tasks(&self) -> usize {
        self.shared.live_tasks.load(Ordering::SeqCst)
    }

    /// A change at `path` made behind the server's back: drop what the cache holds
    /// at or beneath it.
    pub fn external_change(&self, path: &unity_mcp_engine::AssetPath) {
        self.shared.ep.handle_external_change(path);
    }

    /// A watcher reports changes behind the server's back from now on (`true`), or
    /// none does (cached answers then expire after `cache_ttl_ms`).
    pub fn set_watched(&self, watched: bool) {
        self.shared.ep.set_watched(watched);
    }

    /// The project's asset database.
    pub fn db(&self) -> &Arc<AssetDb> {
        &self.shared.db
    }

    /// Wakes the timer if `deadline_us` is sooner than its planned wake-up.
    pub(crate) fn deadline_hint(&self, deadline_us: u64) {
        if deadline_us < self.shared.timer_due_us.load(Ordering::Relaxed) {
            self.shared.timer.notify_one();
        }
    }

    /// Rebuilds the asset index from disk (blocking; call off the reactor). A failure
    /// is logged, counted (`/metrics`) and shown in health until a rebuild succeeds.
    pub fn rebuild_index(&self) {
        match self.shared.db.build_index() {
            Ok(_) => {
                if self.shared.index_stale.swap(false, Ordering::Relaxed) {
                    tracing::info!("asset index rebuilt: answers are current again");
                }
            }
            Err(e) => {
                self.shared.index_rebuild_errors.fetch_add(1, Ordering::Relaxed);
                self.shared.index_stale.store(true, Ordering::Relaxed);
                tracing::error!(error = %e, "cannot rebuild the asset index from disk; graph answers may be stale until a rebuild or Refresh succeeds");
            }
        }
    }

    /// Index rebuilds that failed so far.
    pub fn index_rebuild_errors(&self) -> u64 {
        self.shared.index_rebuild_errors.load(Ordering::Relaxed)
    }

    /// True while the last index rebuild failed.
    pub fn index_stale(&self) -> bool {
        self.shared.index_stale.load(Ordering::Relaxed)
    }

    /// Stops workers and timer once they are idle (in-flight batches finish).
    pub fn stop(&self) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.work.notify_waiters();
        self.shared.timer.notify_one();
    }
}
