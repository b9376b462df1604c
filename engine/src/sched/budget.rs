//! The global budgets (requests, bytes, streams) as atomics: every connection
//! charges them without a shared lock.
//!
//! Requests held (buffered plus reserved or leased places) and their bytes share
//! one 64-bit word — requests in the top 24 bits, bytes in the low 40 — so taking
//! places checks both budgets in one compare-and-swap. Places are taken only below
//! both limits, so they never push the count past `global_max_requests`; connections
//! keep a small lease of them (see `Connection`), so a steady stream rarely touches
//! the word. A request that arrives without a place (a unary call, or a driver that
//! ignored `wants_read`) is counted anyway and answered RESOURCE_EXHAUSTED at once if
//! a budget was full, so every request still gets exactly one answer. Bytes are
//! known only when the request arrives: the byte budget can be passed by at most one
//! request per stream.

use crate::sync::{AtomicU64, AtomicUsize, Ordering, Padded};

/// Bits of the word below the request count.
const SHIFT: u32 = 40;
/// One request in the word.
const ONE: u64 = 1 << SHIFT;
/// The bytes part of the word.
const BYTES: u64 = ONE - 1;
/// Largest `global_max_requests` the word holds with room for requests over it.
pub const MAX_REQUESTS_LIMIT: usize = 1 << 22;
/// Largest `global_max_bytes` the word holds with room for requests over it.
pub const MAX_BYTES_LIMIT: u64 = 1 << 38;

/// The counters and their limits.
pub struct Budgets {
    /// `global_max_requests`.
    max_requests: usize,
    /// `global_max_bytes`.
    max_bytes: u64,
    /// `max_connections` (streams).
    max_streams: usize,
    /// Requests held (buffered plus reserved) << 40 | their bytes. Alone on its
    /// cache lines: every request writes it, and what is read beside it (limits,
    /// pointers to the shards) must not be dragged along.
    word: Padded<AtomicU64>,
    /// Open streams.
    streams: AtomicUsize,
}

impl Budgets {
    /// Empty budgets with these limits (clamped to what the word holds).
    pub fn new(max_requests: usize, max_bytes: u64, max_streams: usize) -> Budgets {
        Budgets {
            max_requests: max_requests.min(MAX_REQUESTS_LIMIT),
            max_bytes: max_bytes.min(MAX_BYTES_LIMIT),
            max_streams,
            word: Padded(AtomicU64::new(0)),
            streams: AtomicUsize::new(0),
        }
    }

    fn full_at(&self, word: u64) -> bool {
        (word >> SHIFT) as usize >= self.max_requests || word & BYTES >= self.max_bytes
    }

    /// True when the request or the byte budget is full.
    pub fn full(&self) -> bool {
        self.full_at(self.word.load(Ordering::SeqCst))
    }

    /// True when the byte budget is full.
    pub fn bytes_full(&self) -> bool {
        self.word.load(Ordering::SeqCst) & BYTES >= self.max_bytes
    }

    /// Takes up to `n` request places (at least one) if both budgets have room;
    /// returns how many were taken (0 when full).
    pub fn try_take(&self, n: usize) -> usize {
        let mut taken = 0;
        let _ = self.word.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |w| {
            if self.full_at(w) {
                // A retry after a lost race: an earlier attempt's count is void.
                taken = 0;
                return None;
            }
            taken = n.clamp(1, self.max_requests - (w >> SHIFT) as usize);
            Some(w + taken as u64 * ONE)
        });
        taken
    }

    /// Charges `bytes` without a check (the request's place was reserved under the
    /// budgets).
    pub fn take_bytes(&self, bytes: u64) {
        self.word.fetch_add(bytes, Ordering::SeqCst);
    }

    /// Gives back `requests` places and `bytes`. Returns true if this made a full
    /// budget not full: readers stopped by it may go on.
    pub fn give_back(&self, requests: usize, bytes: u64) -> bool {
        let delta = requests as u64 * ONE + bytes;
        if delta == 0 {
            return false;
        }
        let before = self.word.fetch_sub(delta, Ordering::SeqCst);
        debug_assert!(before >> SHIFT >= requests as u64 && before & BYTES >= bytes, "gave back more than was taken");
        self.full_at(before) && !self.full_at(before.wrapping_sub(delta))
    }

    /// Charges a request of `bytes` that came without a reserved place (a unary
    /// call, or a driver that ignored `wants_read`); returns true if a budget was
    /// already full (the request is to be answered RESOURCE_EXHAUSTED).
    pub fn admit(&self, bytes: u32) -> bool {
        let before = self.word.fetch_add(ONE + bytes as u64, Ordering::SeqCst);
        self.full_at(before)
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

    /// Requests held: buffered plus reserved reads. Never above
    /// `global_max_requests` while every reader reserves first.
    pub fn held(&self) -> usize {
        (self.word.load(Ordering::SeqCst) >> SHIFT) as usize
    }

    /// Buffered bytes.
    pub fn bytes(&self) -> u64 {
        self.word.load(Ordering::SeqCst) & BYTES
    }
}
