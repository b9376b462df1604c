//! One connection's state machine (quinn's `Connection`): its requests in order, its
//! window, its reservation, its deadlines and its answers. It belongs to whoever
//! drives that connection; nothing in it is shared, so connections never wait on
//! each other. It calls into the shared [`Endpoint`] for budgets, locks and cache.

use super::endpoint::Endpoint;
use super::job::Job;
use super::{Answer, ConnId, ConnKind, Seq, Submission};
use crate::db::Asset;
use crate::error::{ErrorKind, OpError};
use crate::metrics::Metrics;
use crate::mutation::{self, Mutation};
use crate::op::{OpResult, Outcome};
use crate::sync::{Arc, Ordering};
use std::collections::{BTreeSet, VecDeque};

/// One request from arrival until its answer is taken.
struct Slot<C> {
    /// The driver's context, returned with the answer.
    ctx: Option<C>,
    /// The result, once known.
    result: Option<OpResult>,
    /// When it arrived (us), for the latency histogram.
    arrival_us: u64,
    /// Its encoded size, charged to the byte budget until the answer is taken.
    bytes: u32,
    /// Its job while queued or running.
    job: Option<Arc<Job>>,
}

/// What a delivered result did to the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Recorded; the connection is still open.
    Recorded,
    /// Discarded: the connection is closed and has more running work.
    Discarded,
    /// Discarded, and it was the closed connection's last running job: forget it.
    Finished,
}

/// A connection. `C` is the driver's per-request context.
pub struct Connection<C> {
    /// Its id.
    id: ConnId,
    /// Stream or unary call.
    kind: ConnKind,
    /// False once disconnected.
    open: bool,
    /// Sequence number of `slots[0]`.
    head_seq: Seq,
    /// Requests accepted and not yet answered-and-taken, in order.
    slots: VecDeque<Slot<C>>,
    /// Queued jobs by deadline (entries of jobs that started are dropped lazily).
    deadlines: BTreeSet<(u64, Seq)>,
    /// A wake-up was issued and not yet acknowledged (`ack_wake`).
    woken: bool,
    /// A wake-up was issued since the last `take_wake`.
    wake_new: bool,
    /// The last `wants_read` said no (counts backpressure events once per pause).
    paused: bool,
    /// A read is reserved: it counts against the window and the global budget, so
    /// the request, when it comes, is never over a budget it was read under.
    reserved: bool,
    /// After disconnect: jobs still running, whose results are discarded.
    running_after_close: usize,
    /// A taken answer made a full global budget not full (`take_budget_freed`).
    budget_freed: bool,
    /// Request places taken from the global budget and not in use (a lease): the
    /// next reads take them without touching the shared counter, and taken answers
    /// refill them. At most `Endpoint::lease_requests`; the rest goes back.
    credit: usize,
    /// Bytes of the byte budget held the same way (at most `Endpoint::lease_bytes`).
    credit_bytes: u64,
    /// Cache hits not yet taken by `poll_cache_hit`, when recording is on.
    cache_hits: Option<VecDeque<(u64, Asset)>>,
}

impl<C> Connection<C> {
    pub(crate) fn new(id: ConnId, kind: ConnKind, record_cache_hits: bool) -> Connection<C> {
        Connection {
            id,
            kind,
            open: true,
            head_seq: 0,
            slots: VecDeque::new(),
            deadlines: BTreeSet::new(),
            woken: false,
            wake_new: false,
            paused: false,
            reserved: false,
            running_after_close: 0,
            budget_freed: false,
            credit: 0,
            credit_bytes: 0,
            cache_hits: record_cache_hits.then(VecDeque::new),
        }
    }

    /// Its id.
    pub fn id(&self) -> ConnId {
        self.id
    }

    /// Places this connection holds in the global request budget for reads to
    /// come: its reservation and its unused lease.
    pub fn reserved_places(&self) -> usize {
        usize::from(self.reserved) + self.credit
    }

    /// Bytes of the global byte budget it holds unused.
    pub fn reserved_bytes(&self) -> u64 {
        self.credit_bytes
    }

    /// Room in the global budgets for one more read: a leased place (and bytes not
    /// over budget), or room in the shared counter. Only loads: the shared word is
    /// written when leases change hands, not per request.
    fn budget_room(&self, ep: &Endpoint) -> bool {
        if self.credit > 0 {
            !ep.budgets.bytes_full()
        } else {
            !ep.budgets.full()
        }
    }

    /// Gives lease beyond half the limit back once it passes the limit (hysteresis:
    /// a steady stream neither takes nor gives on each request), and never keeps
    /// more places than the window has room for: requests, reservation and lease
    /// together stay within `window_per_conn`.
    fn trim_credit(&mut self, ep: &Endpoint) {
        let (max, max_bytes) = (ep.lease_requests, ep.lease_bytes);
        let mut requests = if self.credit > max { self.credit - max / 2 } else { 0 };
        let room = ep.cfg.window_per_conn.saturating_sub(self.slots.len() + usize::from(self.reserved));
        requests += (self.credit - requests).saturating_sub(room);
        let bytes = if self.credit_bytes > max_bytes { self.credit_bytes - max_bytes / 2 } else { 0 };
        if requests > 0 || bytes > 0 {
            self.credit -= requests;
            self.credit_bytes -= bytes;
            if ep.budgets.give_back(requests, bytes) {
                self.budget_freed = true;
            }
        }
    }

    /// Requests accepted and not yet answered-and-taken.
    pub fn pending(&self) -> usize {
        self.slots.len()
    }

    /// May the driver read another request? False when the window or a global
    /// budget is full, or the connection is closed: then the driver stops reading
    /// and HTTP/2 flow control pushes back on the client.
    pub fn wants_read(&mut self, ep: &Endpoint) -> bool {
        let room = (self.slots.len() < ep.cfg.window_per_conn || mutation::active(Mutation::IgnoreWindow)) && self.budget_room(ep);
        let ok = self.open && (self.reserved || room);
        if !ok && self.open && !self.paused {
            self.paused = true;
            ep.metrics.with(|m| m.backpressure_events += 1);
        } else if ok {
            self.paused = false;
        }
        ok
    }

    /// Like [`Connection::wants_read`], and if so reserves the place of the next
    /// request, so requests arriving on other connections meanwhile cannot take it.
    /// Idempotent while a reservation is held; `handle_request` takes it,
    /// `handle_disconnect` releases it.
    pub fn reserve_read(&mut self, ep: &Endpoint) -> bool {
        if self.open && self.reserved {
            return true;
        }
        // The window here; the global budgets in the reservation itself (one atomic
        // operation instead of a look and then a reservation).
        let window_room = self.slots.len() < ep.cfg.window_per_conn || mutation::active(Mutation::IgnoreWindow);
        if !self.open || !window_room {
            let _ = self.wants_read(ep);
            return false;
        }
        if self.credit > 0 && !ep.budgets.bytes_full() {
            self.credit -= 1;
        } else {
            // The lease taken with it fits in the window too.
            let room = ep.cfg.window_per_conn.saturating_sub(self.slots.len()).max(1);
            let taken = ep.budgets.try_take((1 + ep.lease_requests / 2).min(room));
            if taken == 0 {
                // A global budget is full: count the pause once.
                let _ = self.wants_read(ep);
                return false;
            }
            self.credit = taken - 1;
        }
        self.paused = false;
        self.reserved = true;
        true
    }

    /// Accepts a request; its answer will come out of `poll_answer` in `Seq` order.
    /// `None` for a closed connection (nothing is kept).
    ///
    /// A request over a budget (a driver that ignored `wants_read`, or a unary call
    /// under overload) is answered RESOURCE_EXHAUSTED at once, so memory stays
    /// bounded and every request still gets one answer.
    pub fn handle_request(&mut self, ep: &Endpoint, now_us: u64, sub: Submission<C>) -> Option<Seq> {
        if !self.open {
            return None;
        }
        let window = ep.cfg.window_per_conn;
        let reserved = std::mem::take(&mut self.reserved);
        let over_window = !reserved && self.slots.len() >= window && !mutation::active(Mutation::IgnoreWindow);
        let seq = self.head_seq + self.slots.len() as u64;
        self.slots.push_back(Slot { ctx: Some(sub.ctx), result: None, arrival_us: now_us, bytes: sub.bytes, job: None });
        let budgets_full = if reserved {
            // The place is the reservation's; the bytes come from the lease.
            let short = (sub.bytes as u64).saturating_sub(self.credit_bytes);
            if short > 0 {
                let chunk = short + ep.lease_bytes / 2;
                ep.budgets.take_bytes(chunk);
                self.credit_bytes += chunk;
            }
            self.credit_bytes -= sub.bytes as u64;
            false
        } else {
            ep.budgets.admit(sub.bytes)
        };
        ep.metrics.with(|m| m.requests += 1);
        let op = match sub.work {
            Err(e) => {
                self.finish_slot(ep, seq, Err(e), now_us);
                return Some(seq);
            }
            Ok(op) => op,
        };
        if over_window || budgets_full {
            ep.metrics.with(|m| m.shed_budget += 1);
            let what = if over_window {
                format!("this stream already has {window} requests in flight (window_per_conn)")
            } else {
                format!(
                    "the server holds {} requests / {} bytes, its limit (global_max_requests / global_max_bytes)",
                    ep.budgets.held(),
                    ep.budgets.bytes()
                )
            };
            self.finish_slot(ep, seq, Err(OpError::new(ErrorKind::Exhausted, format!("overloaded: {what}; retry later"))), now_us);
            return Some(seq);
        }
        match ep.submit(self.id, seq, now_us, op, sub.deadline_us, sub.trace) {
            Err(cached) => {
                if let Some(log) = self.cache_hits.as_mut() {
                    log.push_back((sub.trace, cached.clone()));
                }
                self.finish_slot(ep, seq, Ok(Outcome::Asset(cached)), now_us);
            }
            Ok(job) => {
                self.deadlines.insert((job.deadline_us, seq));
                if let Some(slot) = self.slots.back_mut() {
                    slot.job = Some(job);
                }
            }
        }
        Some(seq)
    }

    /// Records the result of request `seq`.
    fn finish_slot(&mut self, ep: &Endpoint, seq: Seq, result: OpResult, now_us: u64) {
        let outcome = match &result {
            Ok(_) => 0,
            Err(e) => e.kind.index(),
        };
        let Some(idx) = seq.checked_sub(self.head_seq) else { return };
        let Some(slot) = self.slots.get_mut(idx as usize) else { return };
        debug_assert!(slot.result.is_none(), "a request answered twice");
        let latency = now_us.saturating_sub(slot.arrival_us);
        slot.result = Some(result);
        if let Some(job) = slot.job.take() {
            self.deadlines.remove(&(job.deadline_us, seq));
        }
        if idx == 0 && !self.woken {
            self.woken = true;
            self.wake_new = true;
        }
        ep.metrics.with(|m| {
            m.answers_by_outcome[outcome] += 1;
            Metrics::record(&mut m.latency_us, latency);
        });
    }

    /// True once after each wake-up the connection issued (its head answer became
    /// ready): the driver then wakes whoever takes its answers.
    pub fn take_wake(&mut self) -> bool {
        std::mem::take(&mut self.wake_new)
    }

    /// The wake-up was delivered: the next ready head answer issues a new one.
    pub fn ack_wake(&mut self) {
        self.woken = false;
    }

    /// The next answer, strictly in request order.
    pub fn poll_answer(&mut self, ep: &Endpoint) -> Option<Answer<C>> {
        if self.slots.front()?.result.is_none() {
            return None;
        }
        let slot = self.slots.pop_front()?;
        let seq = self.head_seq;
        self.head_seq += 1;
        // The place and the bytes stay with this connection for its next reads.
        self.credit += 1;
        self.credit_bytes += slot.bytes as u64;
        self.trim_credit(ep);
        if mutation::active(Mutation::DropAnswer) && seq % 7 == 3 {
            return self.poll_answer(ep);
        }
        Some(Answer { seq, ctx: slot.ctx?, result: slot.result? })
    }

    /// True once after an answer taken made a full global budget not full: readers
    /// of other connections stopped by it may go on.
    pub fn take_budget_freed(&mut self) -> bool {
        std::mem::take(&mut self.budget_freed)
    }

    /// A worker finished request `seq` of this connection.
    pub fn handle_result(&mut self, ep: &Endpoint, seq: Seq, result: OpResult, now_us: u64) -> Delivery {
        if self.open {
            self.finish_slot(ep, seq, result, now_us);
            return Delivery::Recorded;
        }
        debug_assert!(self.running_after_close > 0);
        ep.metrics.with(|m| m.discarded += 1);
        self.running_after_close = self.running_after_close.saturating_sub(1);
        if self.running_after_close == 0 {
            ep.connections.fetch_sub(1, Ordering::SeqCst);
            Delivery::Finished
        } else {
            Delivery::Discarded
        }
    }

    /// The caller is gone: queued work is dropped unrun, running work finishes and
    /// is discarded, buffered answers are released. True if nothing is running, so
    /// the connection can be forgotten now (otherwise at its last `Finished`).
    pub fn handle_disconnect(&mut self, ep: &Endpoint, now_us: u64) -> bool {
        if !self.open {
            return self.running_after_close == 0;
        }
        self.open = false;
        let mut places = usize::from(std::mem::take(&mut self.reserved)) + std::mem::take(&mut self.credit);
        let mut bytes = std::mem::take(&mut self.credit_bytes);
        if self.kind == ConnKind::Stream {
            ep.budgets.close_stream();
        }
        let mut cancelled = 0u64;
        for slot in std::mem::take(&mut self.slots) {
            places += 1;
            bytes += slot.bytes as u64;
            if let Some(job) = slot.job {
                if ep.cancel(&job, now_us, true) {
                    cancelled += 1;
                } else {
                    self.running_after_close += 1;
                }
            }
        }
        self.deadlines.clear();
        ep.budgets.give_back(places, bytes);
        if cancelled > 0 {
            ep.metrics.with(|m| m.cancelled += cancelled);
        }
        if self.running_after_close == 0 {
            ep.connections.fetch_sub(1, Ordering::SeqCst);
            true
        } else {
            false
        }
    }

    /// Sheds queued requests whose deadline passed by `now_us`.
    pub fn handle_tick(&mut self, ep: &Endpoint, now_us: u64) {
        while let Some(&(deadline, seq)) = self.deadlines.first() {
            if deadline > now_us {
                break;
            }
            self.deadlines.pop_first();
            let Some(idx) = seq.checked_sub(self.head_seq) else { continue };
            let Some(job) = self.slots.get(idx as usize).and_then(|s| s.job.clone()) else { continue };
            if !ep.cancel(&job, now_us, false) {
                continue; // started meanwhile: it will answer
            }
            ep.metrics.with(|m| m.shed_deadline += 1);
            let waited_ms = now_us.saturating_sub(job.arrival_us) / 1000;
            let e = OpError::new(
                ErrorKind::Exhausted,
                format!(
                    "overloaded: {} waited {waited_ms} ms in the queue without starting, past its deadline (queue_timeout_ms {} or the call's grpc-timeout); retry later",
                    job.op.name(),
                    ep.cfg.queue_timeout_ms
                ),
            );
            self.finish_slot(ep, seq, Err(e), now_us);
        }
    }

    /// The earliest deadline of a queued request (it may have started since).
    pub fn next_deadline(&self) -> Option<u64> {
        self.deadlines.first().map(|&(d, _)| d)
    }

    /// A recorded cache hit: the request's trace id and the answer given.
    pub fn poll_cache_hit(&mut self) -> Option<(u64, Asset)> {
        self.cache_hits.as_mut()?.pop_front()
    }
}
