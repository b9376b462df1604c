//! Runs the engine's [`Scheduler`] on tokio: the thin runtime layer around the
//! sans-IO core (quinn's shape around quinn-proto).
//!
//! - One `Mutex<Core>` holds the scheduler and the wakers of its connections; every
//!   critical section is a few `handle_*`/`poll_*` calls, never I/O or an await.
//! - [`worker`] tasks take batches from `poll_dispatch` and run them in
//!   `spawn_blocking`, so disk work never runs on the reactor's threads.
//! - The [`timer`] task calls `handle_tick` at `poll_timeout` (deadlines, adaptation,
//!   pool bounds).
//! - A [`ConnHandle`] per stream or unary call feeds requests in and takes answers
//!   out in order; dropping it tells the engine the caller is gone.
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
use unity_mcp_engine::sched::{ConnId, ConnKind, EngineConfig, Scheduler, Stats};
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

/// The state behind the lock.
pub(crate) struct Core {
    /// The engine.
    pub(crate) sched: Scheduler<Ctx>,
    /// Wakes the connection task waiting for answers.
    wakers: HashMap<ConnId, Arc<Notify>>,
}

impl Core {
    /// Wakes every connection the engine says has an answer ready.
    pub(crate) fn wake_ready(&mut self) {
        while let Some(c) = self.sched.poll_woken() {
            if let Some(n) = self.wakers.get(&c) {
                n.notify_one();
            }
        }
    }
}

pub(crate) struct Shared {
    pub(crate) core: Mutex<Core>,
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
}

/// The engine's driver (cheap to clone).
#[derive(Clone)]
pub struct Driver {
    pub(crate) shared: Arc<Shared>,
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
        let mut sched = Scheduler::new(cfg, 0);
        if observer.is_some() {
            sched.record_cache_hits();
        }
        let shared = Arc::new(Shared {
            core: Mutex::new(Core { sched, wakers: HashMap::new() }),
            db,
            work: Notify::new(),
            timer: Notify::new(),
            timer_due_us: AtomicU64::new(0),
            budget_freed: Notify::new(),
            start,
            stopping: AtomicBool::new(false),
            observer,
            live_tasks: AtomicUsize::new(0),
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

    pub(crate) fn lock(&self) -> MutexGuard<'_, Core> {
        // Engine calls do not panic on any input; if one ever did, the state it left
        // is still the best we have, so a poisoned lock is used as is.
        self.shared.core.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens a connection in the engine. A stream beyond `max_connections` gets the
    /// engine's RESOURCE_EXHAUSTED error.
    pub fn connect(&self, kind: ConnKind) -> Result<ConnHandle, OpError> {
        let notify = Arc::new(Notify::new());
        let now = self.now_us();
        let mut core = self.lock();
        let id = core.sched.handle_connect(now, kind)?;
        core.wakers.insert(id, notify.clone());
        drop(core);
        Ok(ConnHandle::new(self.clone(), id, notify))
    }

    pub(crate) fn disconnect(&self, id: ConnId) {
        let now = self.now_us();
        let mut core = self.lock();
        core.wakers.remove(&id);
        core.sched.handle_disconnect(id, now);
        // Dropped queued work may unblock other jobs and free the budget.
        core.wake_ready();
        drop(core);
        self.shared.work.notify_one();
        self.shared.budget_freed.notify_waiters();
    }

    /// The engine's counts.
    pub fn stats(&self) -> Stats {
        self.lock().sched.stats()
    }

    /// A copy of the engine's metrics.
    pub fn metrics(&self) -> unity_mcp_engine::metrics::Metrics {
        self.lock().sched.metrics().clone()
    }

    /// Per-connection tasks still running.
    pub fn live_tasks(&self) -> usize {
        self.shared.live_tasks.load(Ordering::SeqCst)
    }

    /// A change at `path` made behind the server's back: drop what the cache holds
    /// at or beneath it.
    pub fn external_change(&self, path: &unity_mcp_engine::AssetPath) {
        self.lock().sched.handle_external_change(path);
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

    /// Stops workers and timer once they are idle (in-flight batches finish).
    pub fn stop(&self) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.work.notify_waiters();
        self.shared.timer.notify_one();
    }
}
