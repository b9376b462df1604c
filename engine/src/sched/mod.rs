//! The stream processor: orders, schedules, batches, bounds and sheds asset
//! operations for every connection, without one lock around it all.
//!
//! Sans-IO, split by who needs the state, as quinn splits quinn-proto:
//!
//! - [`Connection`] (one per caller, owned by its driver task): the reorder buffer,
//!   the window, the reservation, the deadlines, the answers. Nothing in it is shared.
//! - [`Endpoint`] (one, shared by `&self`): the lock table sharded by path
//!   ([`locks`]), the sharded metadata cache, the budgets as atomics ([`budget`]),
//!   the ready queue with the adaptive controller, per-thread metrics.
//! - [`Scheduler`]: both behind one single-threaded API, for the simulations and
//!   the property tests (and anyone who drives everything from one thread).
//!
//! ```text
//! Endpoint::connect(now, kind)                 -> Connection         max_connections
//! Connection::reserve_read(ep) / wants_read    -> bool               window and global budgets
//! Connection::handle_request(ep, now, sub)     -> Seq                validated op, or an immediate answer
//! Endpoint::poll_dispatch(now)                 -> Option<Batch>      conflict-free work for one worker
//! Endpoint::handle_batch_done(now, batch, res) -> Vec<Done>          cache, locks; results to route
//! Connection::handle_result(ep, seq, res, now) -> Delivery           a result reaches its connection
//! Connection::take_wake() / poll_answer(ep)                          answers strictly in Seq order
//! Connection::handle_tick(ep, now)                                   its queued requests' deadlines
//! Connection::handle_disconnect(ep, now)                             queued work dropped, running finishes
//! Endpoint::handle_tick(now) / poll_timeout()                        adaptation, batch wait
//! ```
//!
//! Invariants (asserted in debug builds, checked by the property tests, the
//! simulations and the loom models): every accepted request is answered exactly
//! once, in request order per connection; two conflicting operations never run at
//! the same time, and run in arrival order; at most `worker target` batches run at
//! once; the buffered requests never exceed the budget while drivers reserve reads.

mod adapt;
pub mod budget;
mod config;
mod conn;
mod endpoint;
mod job;
pub mod locks;
mod scheduler;

#[cfg(all(test, loom))]
mod loom_models;

pub use adapt::Adaptive;
pub use config::EngineConfig;
pub use conn::{Connection, Delivery};
pub use endpoint::{Done, Endpoint};
pub use job::Job;
pub use scheduler::Scheduler;

use crate::cache::CacheStats;
use crate::error::OpError;
use crate::op::{Op, OpResult};
use crate::sync::Arc;

/// A connection's id, unique for the engine's lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(u64);

/// A job's id, unique for the engine's lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(u64);

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
    pub op: std::sync::Arc<Op>,
    /// Whose request it is.
    pub conn: ConnId,
    /// Its position in that connection.
    pub seq: Seq,
    /// The submission's trace id.
    pub trace: u64,
    /// The job itself (its locks are released when the batch is reported).
    pub(crate) job: Arc<Job>,
}

impl Dispatched {
    /// Why this operation must stop now, if it must (see [`Job::stop_reason`]): the
    /// worker's [`crate::db::Stop`] check.
    pub fn stop_reason(&self, now_us: u64) -> Option<crate::error::OpError> {
        self.job.stop_reason(now_us)
    }
}

/// Work for one worker: run the operations in order, then report all results.
#[derive(Debug)]
pub struct Batch {
    /// The operations, to run in this order.
    pub jobs: Vec<Dispatched>,
    /// When it was dispatched (us), for busy-time accounting.
    pub dispatched_at_us: u64,
    /// How many external changes the endpoint had seen at dispatch: if one arrives
    /// while the batch runs, what it read may predate it, and is not cached.
    pub external_epoch: u64,
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
    /// Places of the request budget held by connections for their next reads
    /// (a reservation, and a small lease; see `Connection`). The endpoint
    /// alone cannot tell them from buffered requests (one counter holds both):
    /// [`Endpoint::stats`] counts them in `buffered_requests` and leaves this 0;
    /// [`Scheduler::stats`] and the server's driver ask their connections.
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
