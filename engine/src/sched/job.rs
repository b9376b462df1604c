//! A job: one accepted operation between its arrival and its completion.
//!
//! Shared by the connection that submitted it (to cancel it), the lock table (which
//! grants it), the ready queue and the worker that runs it; its state moves by
//! compare-and-swap, so exactly one of "a worker starts it" and "it is cancelled"
//! wins.

use super::locks::LockReq;
use super::{ConnId, JobId, Seq};
use crate::op::Op;
use crate::sync::{AtomicU32, AtomicU64, AtomicU8, Ordering};

/// Waiting for a lock.
pub(crate) const BLOCKED: u8 = 0;
/// Every lock granted; in the ready queue.
pub(crate) const READY: u8 = 1;
/// Taken by a worker.
pub(crate) const RUNNING: u8 = 2;
/// Cancelled before it ran (deadline or disconnect); its locks are released.
pub(crate) const DROPPED: u8 = 3;

/// One accepted operation.
pub struct Job {
    /// Unique for the engine's lifetime.
    pub(crate) id: JobId,
    /// Whose request it is.
    pub(crate) conn: ConnId,
    /// Its position in that connection.
    pub(crate) seq: Seq,
    /// The submission's trace id.
    pub(crate) trace: u64,
    /// What to run.
    pub(crate) op: std::sync::Arc<Op>,
    /// When it arrived (us).
    pub(crate) arrival_us: u64,
    /// When it is shed if it has not started (us).
    pub(crate) deadline_us: u64,
    /// The locks it holds or waits for, sorted by shard (the lock table's plan).
    pub(crate) locks: Vec<LockReq>,
    /// Lock requests not yet granted: the job is ready at zero.
    pub(crate) waiting: AtomicU32,
    /// BLOCKED, READY, RUNNING or DROPPED.
    pub(crate) state: AtomicU8,
    /// When it became ready (us), for the batch wait.
    pub(crate) ready_at_us: AtomicU64,
    /// When it must stop if still running (us): `op_timeout_ms` after arrival, or the
    /// client's own deadline if sooner. Long operations check it between items.
    pub(crate) run_deadline_us: u64,
    /// Set (1) when its caller is gone while it runs: a long operation stops at its
    /// next check, and its answer is discarded.
    pub(crate) abort: AtomicU8,
}

impl Job {
    /// A blocked job holding nothing yet.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        id: JobId,
        conn: ConnId,
        seq: Seq,
        trace: u64,
        op: std::sync::Arc<Op>,
        arrival_us: u64,
        deadline_us: u64,
        run_deadline_us: u64,
        locks: Vec<LockReq>,
    ) -> Job {
        Job {
            id,
            conn,
            seq,
            trace,
            op,
            arrival_us,
            deadline_us,
            locks,
            waiting: AtomicU32::new(0),
            state: AtomicU8::new(BLOCKED),
            ready_at_us: AtomicU64::new(arrival_us),
            run_deadline_us,
            abort: AtomicU8::new(0),
        }
    }

    /// Moves the state from `from` to `to`; false if it was not `from`.
    pub(crate) fn transition(&self, from: u8, to: u8) -> bool {
        self.state.compare_exchange(from, to, Ordering::AcqRel, Ordering::Acquire).is_ok()
    }

    /// The current state.
    pub(crate) fn state(&self) -> u8 {
        self.state.load(Ordering::Acquire)
    }

    /// The operation.
    pub fn op(&self) -> &Op {
        &self.op
    }

    /// Asks a running job to stop at its next check (its caller is gone).
    pub(crate) fn abort(&self) {
        self.abort.store(1, Ordering::Release);
    }

    /// Why a running job must stop now, if it must: its caller is gone, or it ran
    /// past its run deadline.
    pub fn stop_reason(&self, now_us: u64) -> Option<crate::error::OpError> {
        use crate::error::{ErrorKind, OpError};
        if self.abort.load(Ordering::Acquire) != 0 {
            return Some(OpError::new(ErrorKind::Unavailable, format!("{}: cancelled while running (the caller is gone)", self.op.name())));
        }
        if now_us > self.run_deadline_us {
            let ran_ms = now_us.saturating_sub(self.arrival_us) / 1000;
            return Some(OpError::new(
                ErrorKind::DeadlineExceeded,
                format!("{}: deadline exceeded after {ran_ms} ms (op_timeout_ms or the call's deadline)", self.op.name()),
            ));
        }
        None
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("id", &self.id).field("conn", &self.conn).field("seq", &self.seq).field("op", &self.op).finish()
    }
}
