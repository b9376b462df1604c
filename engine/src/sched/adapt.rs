//! Dynamic resource adjustment: the worker target and the batch size follow measured
//! queue wait and utilisation, within the configured bounds.
//!
//! The rule, evaluated every `adapt_interval_ms` over the interval just ended:
//! - utilisation `u` = busy worker-time / (worker target x interval);
//! - mean queue wait `w` of the operations dispatched in the interval;
//! - workers, AIMD: if `w > target_queue_wait_us` and `u >= 0.75`, add one (the queue
//!   is slow because workers are saturated); else if `u < 0.25`, remove a quarter
//!   (at least one) so idle capacity and its memory return; clamp to [min, max];
//! - batch size: if batches left full (mean fill >= 90 %) with more work still queued,
//!   double it (fewer hand-offs per operation); if batches leave at most half full,
//!   halve it (it converges on what really arrives together); clamp to
//!   [batch_min, batch_max].

use super::config::EngineConfig;

/// The controller's state.
#[derive(Clone, Debug)]
pub struct Adaptive {
    /// Current worker target.
    pub workers: usize,
    /// Current batch size.
    pub batch: usize,
    /// Start of the current interval (us).
    interval_start_us: u64,
    /// Busy worker-time in the interval (worker-us).
    busy_us: u64,
    /// Queue wait summed over dispatched operations in the interval (us).
    wait_sum_us: u64,
    /// Operations dispatched in the interval.
    dispatched: u64,
    /// Batches dispatched in the interval.
    batches: u64,
    /// Ready operations left behind after a dispatch, summed over batches.
    backlog_sum: u64,
    /// Adjustments made (for metrics and tests).
    pub adjustments: u64,
}

impl Adaptive {
    /// Starts at the configured initial values.
    pub fn new(cfg: &EngineConfig, now_us: u64) -> Adaptive {
        Adaptive {
            workers: cfg.workers_initial,
            batch: cfg.batch_initial,
            interval_start_us: now_us,
            busy_us: 0,
            wait_sum_us: 0,
            dispatched: 0,
            batches: 0,
            backlog_sum: 0,
            adjustments: 0,
        }
    }

    /// When the interval ends.
    pub fn next_tick_us(&self, cfg: &EngineConfig) -> u64 {
        self.interval_start_us + cfg.adapt_interval_ms * 1000
    }

    /// Accounts busy worker-time.
    pub fn on_busy(&mut self, worker_us: u64) {
        self.busy_us += worker_us;
    }

    /// Accounts one dispatched batch.
    pub fn on_dispatch(&mut self, ops: usize, wait_sum_us: u64, backlog_after: usize) {
        self.dispatched += ops as u64;
        self.wait_sum_us += wait_sum_us;
        self.batches += 1;
        self.backlog_sum += backlog_after as u64;
    }

    /// Runs the rule if the interval is over.
    pub fn on_tick(&mut self, cfg: &EngineConfig, now_us: u64) {
        let end = self.next_tick_us(cfg);
        if now_us < end {
            return;
        }
        let interval_us = (now_us - self.interval_start_us).max(1);
        let utilisation = self.busy_us as f64 / (self.workers as f64 * interval_us as f64);
        let mean_wait = if self.dispatched > 0 { self.wait_sum_us / self.dispatched } else { 0 };
        let (before_w, before_b) = (self.workers, self.batch);
        if mean_wait > cfg.target_queue_wait_us && utilisation >= 0.75 {
            self.workers += 1;
        } else if utilisation < 0.25 {
            self.workers -= (self.workers / 4).max(1).min(self.workers);
        }
        self.workers = self.workers.clamp(cfg.workers_min, cfg.workers_max);
        if self.batches > 0 {
            let fill = self.dispatched as f64 / (self.batches as f64 * self.batch as f64);
            let backlog = self.backlog_sum / self.batches;
            if fill >= 0.9 && backlog > 0 {
                self.batch *= 2;
            } else if fill <= 0.5 {
                self.batch /= 2;
            }
        }
        self.batch = self.batch.clamp(cfg.batch_min, cfg.batch_max);
        if (before_w, before_b) != (self.workers, self.batch) {
            self.adjustments += 1;
        }
        self.interval_start_us = now_us;
        self.busy_us = 0;
        self.wait_sum_us = 0;
        self.dispatched = 0;
        self.batches = 0;
        self.backlog_sum = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> EngineConfig {
        EngineConfig { workers_min: 1, workers_max: 4, workers_initial: 2, batch_min: 1, batch_max: 16, batch_initial: 4, adapt_interval_ms: 100, target_queue_wait_us: 1000, ..EngineConfig::default() }
    }

    #[test]
    fn saturated_and_slow_adds_workers_up_to_max() {
        let c = cfg();
        let mut a = Adaptive::new(&c, 0);
        for i in 1..=10u64 {
            a.on_busy(a.workers as u64 * 100_000);
            a.on_dispatch(a.batch, a.batch as u64 * 5_000, a.batch * 3);
            a.on_tick(&c, i * 100_000);
        }
        assert_eq!(a.workers, 4, "clamped at workers_max");
        assert_eq!(a.batch, 16, "clamped at batch_max");
    }

    #[test]
    fn idle_shrinks_to_min() {
        let c = cfg();
        let mut a = Adaptive::new(&c, 0);
        for i in 1..=10u64 {
            a.on_dispatch(1, 10, 0);
            a.on_tick(&c, i * 100_000);
        }
        assert_eq!((a.workers, a.batch), (1, 1), "clamped at the minimums");
    }

    #[test]
    fn nothing_happens_before_the_interval_ends() {
        let c = cfg();
        let mut a = Adaptive::new(&c, 0);
        a.on_tick(&c, 99_999);
        assert_eq!((a.workers, a.batch, a.adjustments), (2, 4, 0));
    }
}
