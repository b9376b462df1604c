//! The whole engine behind one single-threaded API: an [`Endpoint`] and its
//! [`Connection`]s, with the routing a driver would do. The engine-level
//! simulation, the property tests and the limit tests drive it; the server drives
//! the parts directly, one connection per task.

use super::{Answer, Batch, ConnId, ConnKind, Connection, Delivery, EngineConfig, Endpoint, Seq, Stats, Submission};
use crate::db::Asset;
use crate::error::OpError;
use crate::metrics::Metrics;
use crate::op::OpResult;
use crate::path::AssetPath;
use std::collections::{BTreeMap, VecDeque};

/// The engine for one thread. `C` is the driver's per-request context.
pub struct Scheduler<C> {
    /// The shared part.
    ep: Endpoint,
    /// Every connection, open or closed with work still running (ordered: ticks
    /// visit them in a deterministic order).
    conns: BTreeMap<ConnId, Connection<C>>,
    /// Connections with an answer at their head, in the order they got it.
    woken: VecDeque<ConnId>,
    /// Cache hits gathered from the connections, when recording is on.
    cache_hits: VecDeque<(u64, Asset)>,
}

impl<C> Scheduler<C> {
    /// A new engine at time `now_us`. The config must have passed `validate`.
    pub fn new(cfg: EngineConfig, now_us: u64) -> Scheduler<C> {
        Scheduler { ep: Endpoint::new(cfg, now_us), conns: BTreeMap::new(), woken: VecDeque::new(), cache_hits: VecDeque::new() }
    }

    /// The shared part.
    pub fn endpoint(&self) -> &Endpoint {
        &self.ep
    }

    /// The configuration in force.
    pub fn config(&self) -> &EngineConfig {
        self.ep.config()
    }

    /// Collects what a call on connection `id` produced: a wake-up, cache hits.
    fn after(&mut self, id: ConnId) {
        let Some(c) = self.conns.get_mut(&id) else { return };
        if c.take_wake() {
            self.woken.push_back(id);
        }
        while let Some(hit) = c.poll_cache_hit() {
            self.cache_hits.push_back(hit);
        }
    }

    /// Opens a connection. A stream beyond `max_connections` is refused with code 8.
    pub fn handle_connect(&mut self, now_us: u64, kind: ConnKind) -> Result<ConnId, OpError> {
        let c = self.ep.connect(now_us, kind)?;
        let id = c.id();
        self.conns.insert(id, c);
        Ok(id)
    }

    /// True when a global budget (requests, counting reserved reads, or bytes) is full.
    pub fn budgets_full(&self) -> bool {
        self.ep.budgets_full()
    }

    /// See [`Connection::reserve_read`]; false for an unknown connection.
    pub fn reserve_read(&mut self, conn: ConnId) -> bool {
        let ep = &self.ep;
        self.conns.get_mut(&conn).is_some_and(|c| c.reserve_read(ep))
    }

    /// See [`Connection::wants_read`]; false for an unknown connection.
    pub fn wants_read(&mut self, conn: ConnId) -> bool {
        let ep = &self.ep;
        self.conns.get_mut(&conn).is_some_and(|c| c.wants_read(ep))
    }

    /// See [`Connection::handle_request`]; `None` for an unknown or closed connection.
    pub fn handle_request(&mut self, conn: ConnId, now_us: u64, sub: Submission<C>) -> Option<Seq> {
        let seq = self.conns.get_mut(&conn)?.handle_request(&self.ep, now_us, sub);
        self.after(conn);
        seq
    }

    /// A connection whose next answer is ready (each is reported once until polled).
    pub fn poll_woken(&mut self) -> Option<ConnId> {
        while let Some(id) = self.woken.pop_front() {
            if let Some(c) = self.conns.get_mut(&id) {
                c.ack_wake();
                return Some(id);
            }
        }
        None
    }

    /// The next answer of `conn`, strictly in request order.
    pub fn poll_answer(&mut self, conn: ConnId) -> Option<Answer<C>> {
        self.conns.get_mut(&conn)?.poll_answer(&self.ep)
    }

    /// See [`Endpoint::poll_dispatch`].
    pub fn poll_dispatch(&mut self, now_us: u64) -> Option<Batch> {
        self.ep.poll_dispatch(now_us)
    }

    /// A worker finished `batch` (whose jobs ran in order) with these results.
    pub fn handle_batch_done(&mut self, now_us: u64, batch: Batch, results: Vec<OpResult>) {
        for done in self.ep.handle_batch_done(now_us, batch, results) {
            let Some(c) = self.conns.get_mut(&done.conn) else { continue };
            match c.handle_result(&self.ep, done.seq, done.result, now_us) {
                Delivery::Finished => {
                    self.conns.remove(&done.conn);
                }
                Delivery::Recorded => self.after(done.conn),
                Delivery::Discarded => {}
            }
        }
    }

    /// The connection is gone: its queued work is dropped unrun, its running work
    /// finishes and is discarded, and its buffered answers are released.
    pub fn handle_disconnect(&mut self, conn: ConnId, now_us: u64) {
        let Some(c) = self.conns.get_mut(&conn) else { return };
        if c.handle_disconnect(&self.ep, now_us) {
            self.conns.remove(&conn);
        }
    }

    /// Sheds requests whose deadline passed and runs the adaptation.
    pub fn handle_tick(&mut self, now_us: u64) {
        let ids: Vec<ConnId> = self.conns.iter().filter(|(_, c)| c.next_deadline().is_some_and(|d| d <= now_us)).map(|(id, _)| *id).collect();
        for id in ids {
            if let Some(c) = self.conns.get_mut(&id) {
                c.handle_tick(&self.ep, now_us);
            }
            self.after(id);
        }
        self.ep.handle_tick(now_us);
    }

    /// When `handle_tick` should next run.
    pub fn poll_timeout(&self) -> Option<u64> {
        let deadline = self.conns.values().filter_map(|c| c.next_deadline()).min();
        match (self.ep.poll_timeout(), deadline) {
            (Some(t), Some(d)) => Some(t.min(d)),
            (t, d) => t.or(d),
        }
    }

    /// Requests of `conn` accepted and not yet answered-and-taken (0 if unknown).
    pub fn pending(&self, conn: ConnId) -> usize {
        self.conns.get(&conn).map_or(0, |c| c.pending())
    }

    /// Something changed at `path` behind the server's back.
    pub fn handle_external_change(&mut self, path: &AssetPath) {
        self.ep.handle_external_change(path);
    }

    /// Starts recording cache hits for `poll_cache_hit` (connections opened from
    /// now on record them).
    pub fn record_cache_hits(&mut self) {
        self.ep.record_cache_hits.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// A recorded cache hit: the request's trace id and the answer given.
    pub fn poll_cache_hit(&mut self) -> Option<(u64, Asset)> {
        self.cache_hits.pop_front()
    }

    /// Counts for leak and bound checks.
    pub fn stats(&self) -> Stats {
        let mut s = self.ep.stats();
        s.reserved_reads = self.conns.values().map(|c| c.reserved_places()).sum();
        s.buffered_requests -= s.reserved_reads;
        s.buffered_bytes -= self.conns.values().map(|c| c.reserved_bytes()).sum::<u64>();
        s
    }

    /// True when nothing is live: no jobs, no connections, no buffered requests.
    pub fn is_quiescent(&self) -> bool {
        self.conns.is_empty() && self.ep.is_quiescent()
    }

    /// The metrics, merged.
    pub fn metrics(&self) -> Metrics {
        self.ep.metrics()
    }

    /// Answers given so far.
    pub fn answers(&self) -> u64 {
        self.ep.answers()
    }

    /// What the cache holds for `path` at `now_us`, without counting a lookup.
    pub fn peek_cached(&self, path: &AssetPath, now_us: u64) -> Option<Asset> {
        self.ep.peek_cached(path, now_us)
    }
}
