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
    /// Answers by outcome: index 0 is success, then `ErrorKind::index()`.
    pub answers_by_outcome: [u64; 10],
    /// Requests answered RESOURCE_EXHAUSTED because their queue deadline passed.
    pub shed_deadline: u64,
    /// Requests answered RESOURCE_EXHAUSTED because a budget was full on arrival.
    pub shed_budget: u64,
    /// Times a connection went from readable to "stop reading".
    pub backpressure_events: u64,
    /// Requests dropped unrun because their connection went away.
    pub cancelled: u64,
    /// Operations stopped while running: past their deadline, or their caller gone.
    pub stopped_running: u64,
    /// Results of operations that finished after their connection closed (dropped:
    /// nobody is there to take them). At quiescence, requests = answers + cancelled +
    /// discarded.
    pub discarded: u64,
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
            answers_by_outcome: [0; 10],
            shed_deadline: 0,
            shed_budget: 0,
            backpressure_events: 0,
            cancelled: 0,
            stopped_running: 0,
            discarded: 0,
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
        self.answers_by_outcome.iter().sum()
    }
}

impl Metrics {
    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: &Metrics) {
        // Same bounds on both sides: `add` cannot fail; a failure would only lose counts.
        let _ = self.latency_us.add(&other.latency_us);
        let _ = self.queue_wait_us.add(&other.queue_wait_us);
        self.requests += other.requests;
        for (a, b) in self.answers_by_outcome.iter_mut().zip(other.answers_by_outcome.iter()) {
            *a += b;
        }
        self.shed_deadline += other.shed_deadline;
        self.shed_budget += other.shed_budget;
        self.backpressure_events += other.backpressure_events;
        self.cancelled += other.cancelled;
        self.stopped_running += other.stopped_running;
        self.discarded += other.discarded;
        self.refused_connections += other.refused_connections;
        self.batches += other.batches;
        self.batched_ops += other.batched_ops;
        self.busy_worker_us += other.busy_worker_us;
    }
}

/// Metrics written per thread and merged when read: each thread records into its own
/// stripe (picked once per thread), so recording takes no lock another thread holds
/// except a reader's.
pub struct StripedMetrics {
    /// The stripes; `METRIC_STRIPES` of them, each made on first use.
    stripes: Box<[crate::sync::Padded<std::sync::OnceLock<std::sync::Mutex<Metrics>>>]>,
}

/// Stripes of [`StripedMetrics`]: threads beyond this share stripes. Each stripe is
/// two histograms (about 280 KiB), so the count is bounded.
pub const METRIC_STRIPES: usize = 16;

static NEXT_STRIPE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    static STRIPE: usize = NEXT_STRIPE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

impl Default for StripedMetrics {
    fn default() -> Self {
        StripedMetrics { stripes: (0..METRIC_STRIPES).map(|_| crate::sync::Padded(std::sync::OnceLock::new())).collect() }
    }
}

impl StripedMetrics {
    /// Records into this thread's stripe.
    pub fn with<T>(&self, f: impl FnOnce(&mut Metrics) -> T) -> T {
        let i = STRIPE.with(|s| *s) % self.stripes.len();
        let stripe = self.stripes[i].get_or_init(|| std::sync::Mutex::new(Metrics::default()));
        let mut m = stripe.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut m)
    }

    /// The sum of every stripe.
    pub fn merged(&self) -> Metrics {
        let mut out = Metrics::default();
        for s in self.stripes.iter().filter_map(|s| s.get()) {
            out.merge(&s.lock().unwrap_or_else(|p| p.into_inner()));
        }
        out
    }

    /// Answers given so far (cheaper than `merged().answers()`).
    pub fn answers(&self) -> u64 {
        self.stripes.iter().filter_map(|s| s.get()).map(|s| s.lock().unwrap_or_else(|p| p.into_inner()).answers()).sum()
    }
}
