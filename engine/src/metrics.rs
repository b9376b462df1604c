//! Engine metrics: per-request latency and queue-wait histograms (microseconds),
//! counters by outcome, backpressure and shedding.

use hdrhistogram::Histogram;

/// Highest latency the histograms track, in microseconds (larger values saturate).
pub const MAX_TRACKED_US: u64 = 60_000_000;

fn histogram() -> Histogram<u64> {
    // Bounds are constants known to be valid: 1 us to 60 s at 3 significant digits.
    Histogram::new_with_bounds(1, MAX_TRACKED_US, 3).unwrap_or_else(|_| Histogram::new(3).unwrap_or_else(|_| unreachable!()))
}

/// What the engine counts.
#[derive(Clone, Debug)]
pub struct Metrics {
    /// Arrival to answer ready, per request, in microseconds.
    pub latency_us: Histogram<u64>,
    /// Arrival to dispatch to a worker, per executed request, in microseconds.
    pub queue_wait_us: Histogram<u64>,
    /// Requests accepted.
    pub requests: u64,
    /// Answers by gRPC code (index = code; 0 = success).
    pub answers_by_code: [u64; 17],
    /// Requests answered RESOURCE_EXHAUSTED because their queue deadline passed.
    pub shed_deadline: u64,
    /// Requests answered RESOURCE_EXHAUSTED because a budget was full on arrival.
    pub shed_budget: u64,
    /// Times a connection went from readable to "stop reading".
    pub backpressure_events: u64,
    /// Requests dropped unrun because their connection went away.
    pub cancelled: u64,
    /// Stream connections refused at `max_connections`.
    pub refused_connections: u64,
    /// Batches handed to workers.
    pub batches: u64,
    /// Operations in those batches.
    pub batched_ops: u64,
    /// Sum over time of busy workers, in worker-microseconds.
    pub busy_worker_us: u64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            latency_us: histogram(),
            queue_wait_us: histogram(),
            requests: 0,
            answers_by_code: [0; 17],
            shed_deadline: 0,
            shed_budget: 0,
            backpressure_events: 0,
            cancelled: 0,
            refused_connections: 0,
            batches: 0,
            batched_ops: 0,
            busy_worker_us: 0,
        }
    }
}

impl Metrics {
    /// Records one value, saturating at the histogram's bound.
    pub fn record(h: &mut Histogram<u64>, us: u64) {
        h.saturating_record(us.clamp(1, MAX_TRACKED_US));
    }

    /// Total answers.
    pub fn answers(&self) -> u64 {
        self.answers_by_code.iter().sum()
    }
}
