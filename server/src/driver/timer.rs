//! The timer: runs the adaptation and every connection's deadlines when the engine
//! asks, and lets the read-buffer pool follow the worker target.

use super::Driver;
use std::sync::atomic::Ordering;

/// Longest sleep between ticks, so a changed `poll_timeout` is never missed for long.
const MAX_SLEEP_US: u64 = 50_000;

pub(super) async fn run(driver: Driver) {
    let shared = driver.shared.clone();
    let mut last_workers = 0;
    loop {
        if shared.stopping.load(Ordering::Relaxed) {
            return;
        }
        let now = driver.now_us();
        shared.ep.handle_tick(now);
        let mut due = shared.ep.poll_timeout().unwrap_or(now + MAX_SLEEP_US).min(now + MAX_SLEEP_US);
        for cell in driver.cells() {
            let mut conn = cell.lock();
            if conn.next_deadline().is_some_and(|d| d <= now) {
                conn.handle_tick(&shared.ep, now);
                cell.wake_if_ready(&mut conn);
            }
            if let Some(d) = conn.next_deadline() {
                due = due.min(d);
            }
        }
        // Shed or unblocked work may be dispatchable now.
        shared.work.notify_one();
        shared.budget_freed.notify_waiters();
        let workers = shared.ep.worker_target();
        if workers != last_workers {
            // Two buffers per worker cover a batch in flight and the next; idle ones
            // beyond that are dropped so memory returns when load falls.
            shared.db.buffers().set_max_idle(workers * 2);
            last_workers = workers;
        }
        shared.timer_due_us.store(due, Ordering::Relaxed);
        tokio::select! {
            biased;
            _ = tokio::time::sleep_until(driver.instant_of(due.max(now + 1))) => {}
            _ = shared.timer.notified() => {}
        }
    }
}
