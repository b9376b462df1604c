//! A worker: takes a batch from the engine, runs it off the reactor, reports back.

use super::Driver;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use unity_mcp_engine::db::Stop;
use unity_mcp_engine::{ErrorKind, OpError, OpResult};

pub(super) async fn run(driver: Driver, n: usize) {
    let shared = driver.shared.clone();
    loop {
        let now = driver.now_us();
        let batch = shared.ep.poll_dispatch(now);
        let Some(batch) = batch else {
            if shared.stopping.load(Ordering::Relaxed) {
                tracing::debug!(worker = n, "worker stopped");
                return;
            }
            // Wait for new work; a partial batch held for max-wait is flushed at the
            // engine's timeout at the latest.
            match shared.ep.has_ready().then(|| shared.ep.poll_timeout()).flatten() {
                Some(t) => {
                    tokio::select! {
                        biased;
                        _ = shared.work.notified() => {}
                        _ = tokio::time::sleep_until(driver.instant_of(t)) => {}
                    }
                }
                None => shared.work.notified().await,
            }
            continue;
        };
        // There may be more dispatchable work: pass the wake-up on.
        if shared.ep.has_ready() {
            shared.work.notify_one();
        }
        let ops: Vec<_> = batch.jobs.iter().map(|d| (d.trace, d.op.clone(), d.clone())).collect();
        #[cfg(madsim)]
        {
            // In the simulator a blocking task finishes in no virtual time; model the
            // disk's latency so workers are busy, batches form and deadlines matter.
            use rand::Rng;
            let us = madsim::rand::thread_rng().gen_range(0..300 * ops.len() as u64 + 1);
            tokio::time::sleep(std::time::Duration::from_micros(us)).await;
        }
        let db = shared.db.clone();
        let observer = shared.observer.clone();
        let count = ops.len();
        let clock = driver.clone();
        // Under madsim this is a simulated task (the whole batch runs in one step).
        #[allow(deprecated)]
        let results: Vec<OpResult> = tokio::task::spawn_blocking(move || {
            ops.iter()
                .map(|(trace, op, dispatched)| {
                    // Long operations stop between items at the deadline or when the
                    // caller is gone.
                    let check = || dispatched.stop_reason(clock.now_us());
                    let stop = Stop::when(&check);
                    // A panic in one operation must not take the worker or the batch down.
                    let result = catch_unwind(AssertUnwindSafe(|| db.apply_within(op, &stop))).unwrap_or_else(|_| {
                        // It may have changed the disk half-way: the index re-reads what
                        // the operation touched, so it still says what the disk says.
                        let _ = catch_unwind(AssertUnwindSafe(|| db.repair_after_panic(op)));
                        Err(OpError::new(ErrorKind::Internal, format!("internal: the worker panicked running {}", op.name())))
                    });
                    if let Some(obs) = &observer {
                        obs.executed(*trace, op, &result);
                    }
                    result
                })
                .collect()
        })
        .await
        .unwrap_or_else(|e| (0..count).map(|_| Err(OpError::new(ErrorKind::Internal, format!("internal: worker failed: {e}")))).collect());
        let now = driver.now_us();
        let done = shared.ep.handle_batch_done(now, batch, results);
        driver.deliver(done, now);
        // Released locks may have made work ready; a worker slot is free again.
        shared.work.notify_one();
    }
}
