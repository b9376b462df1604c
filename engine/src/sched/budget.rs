//! The global budgets (requests, bytes, streams) as atomics: every connection
//! charges them without a shared lock.
//!
//! `held` counts buffered requests plus reserved reads. A reservation is taken by
//! compare-and-swap only below `max_requests`, so reservations never push `held`
//! past it; a request that arrives without one (a unary call, or a driver that
//! ignored `wants_read`) is counted anyway and answered RESOURCE_EXHAUSTED at once
//! if the budget was full, so every request still gets exactly one answer. Bytes are
//! checked before the request is read and charged after: the byte budget can be
//! passed by at most one request per stream.

use crate::sync::{AtomicU64, AtomicUsize, Ordering};

/// The counters and their limits.
pub struct Budgets {
    /// `global_max_requests`.
    max_requests: usize,
    /// `global_max_bytes`.
    max_bytes: u64,
    /// `max_connections` (streams).
    max_streams: usize,
    /// Buffered requests plus reserved reads.
    held: AtomicUsize,
    /// Reserved reads (a part of `held`).
    reserved: AtomicUsize,
    /// Encoded bytes of the buffered requests.
    bytes: AtomicU64,
    /// Open streams.
    streams: AtomicUsize,
}

impl Budgets {
    /// Empty budgets with these limits.
    pub fn new(max_requests: usize, max_bytes: u64, max_streams: usize) -> Budgets {
        Budgets {
            max_requests,
            max_bytes,
            max_streams,
            held: AtomicUsize::new(0),
            reserved: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            streams: AtomicUsize::new(0),
        }
    }

    /// True when the request or the byte budget is full.
    pub fn full(&self) -> bool {
        self.held.load(Ordering::SeqCst) >= self.max_requests || self.bytes.load(Ordering::SeqCst) >= self.max_bytes
    }

    /// Reserves the place of one request, if both budgets have room.
    pub fn try_reserve(&self) -> bool {
        if self.bytes.load(Ordering::SeqCst) >= self.max_bytes {
            return false;
        }
        let max = self.max_requests;
        if self.held.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |h| (h < max).then_some(h + 1)).is_err() {
            return false;
        }
        self.reserved.fetch_add(1, Ordering::SeqCst);
        true
    }

    /// Gives a reservation back unused (the connection closed).
    pub fn cancel_reservation(&self) {
        self.reserved.fetch_sub(1, Ordering::SeqCst);
        self.held.fetch_sub(1, Ordering::SeqCst);
    }

    /// Charges a request of `bytes`: with a reservation it takes that place and is
    /// never over budget; without one, returns true if a budget was already full
    /// (the request is to be answered RESOURCE_EXHAUSTED).
    pub fn admit(&self, bytes: u32, reserved: bool) -> bool {
        let bytes_before = self.bytes.fetch_add(bytes as u64, Ordering::SeqCst);
        if reserved {
            self.reserved.fetch_sub(1, Ordering::SeqCst);
            return false;
        }
        let held_before = self.held.fetch_add(1, Ordering::SeqCst);
        held_before >= self.max_requests || bytes_before >= self.max_bytes
    }

    /// A buffered request of `bytes` left (its answer was taken, or its connection
    /// closed). Returns true if this made a full budget not full: readers stopped by
    /// it may go on.
    pub fn release(&self, bytes: u32) -> bool {
        let held_before = self.held.fetch_sub(1, Ordering::SeqCst);
        let bytes_before = self.bytes.fetch_sub(bytes as u64, Ordering::SeqCst);
        debug_assert!(held_before > 0 && bytes_before >= bytes as u64, "released more than was charged");
        let was_full = held_before >= self.max_requests || bytes_before >= self.max_bytes;
        was_full && !self.full()
    }

    /// Opens a stream if fewer than `max_connections` are open.
    pub fn try_open_stream(&self) -> bool {
        let max = self.max_streams;
        self.streams.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1)).is_ok()
    }

    /// A stream closed.
    pub fn close_stream(&self) {
        self.streams.fetch_sub(1, Ordering::SeqCst);
    }

    /// Open streams.
    pub fn streams(&self) -> usize {
        self.streams.load(Ordering::SeqCst)
    }

    /// Buffered requests (not counting reservations).
    pub fn buffered(&self) -> usize {
        self.held.load(Ordering::SeqCst).saturating_sub(self.reserved.load(Ordering::SeqCst))
    }

    /// Reserved reads.
    pub fn reserved(&self) -> usize {
        self.reserved.load(Ordering::SeqCst)
    }

    /// Buffered bytes.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::SeqCst)
    }

    /// Buffered requests plus reservations: never above `global_max_requests` while
    /// every reader reserves first.
    pub fn held(&self) -> usize {
        self.held.load(Ordering::SeqCst)
    }
}
