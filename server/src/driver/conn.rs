//! One caller's view of the engine: submit requests, take answers in order. Every
//! call locks only this connection's state.

use super::{ConnCell, Ctx, Driver};
use std::sync::Arc;
use unity_mcp_engine::sched::{Answer, ConnId, Seq, Submission};

/// A connection in the engine; dropping it disconnects (queued work is dropped,
/// running work finishes and is discarded).
pub struct ConnHandle {
    driver: Driver,
    id: ConnId,
    /// Its state and wake-ups, shared with the workers that hand it results.
    cell: Arc<ConnCell>,
}

impl ConnHandle {
    pub(super) fn new(driver: Driver, id: ConnId, cell: Arc<ConnCell>) -> ConnHandle {
        ConnHandle { driver, id, cell }
    }

    /// The driver.
    pub fn driver(&self) -> &Driver {
        &self.driver
    }

    /// The engine's id of this connection.
    pub fn id(&self) -> ConnId {
        self.id
    }

    /// Waits until the engine wants another request from this connection (window and
    /// global budget) and reserves its place. While this waits, the caller does not
    /// read: HTTP/2 flow control pushes back on the client.
    pub async fn readable(&self) {
        let ep = &self.driver.shared.ep;
        // The common case touches only this connection: the budget's Notify is
        // shared by every connection, so it is registered with only when needed.
        if self.cell.lock().reserve_read(ep) {
            return;
        }
        loop {
            let budget = self.driver.shared.budget_freed.notified();
            tokio::pin!(budget);
            budget.as_mut().enable();
            // Looked at again once registered, so a release in between is not missed.
            if self.cell.lock().reserve_read(ep) {
                return;
            }
            tokio::select! {
                biased;
                _ = self.cell.window.notified() => {}
                _ = budget => {}
            }
        }
    }

    /// Hands a request to the engine; `None` if the connection is closed.
    pub fn submit(&self, sub: Submission<Ctx>) -> Option<Seq> {
        let now = self.driver.now_us();
        let deadline = sub.deadline_us;
        let shared = &self.driver.shared;
        let mut conn = self.cell.lock();
        let seq = conn.handle_request(&shared.ep, now, sub);
        if let Some(obs) = &shared.observer {
            while let Some((trace, asset)) = conn.poll_cache_hit() {
                obs.cache_hit(trace, &asset);
            }
        }
        self.cell.wake_if_ready(&mut conn);
        drop(conn);
        if shared.ep.has_ready() {
            shared.work.notify_one();
        }
        if let Some(d) = deadline {
            self.driver.deadline_hint(d);
        }
        seq
    }

    /// The next answer, if ready.
    pub fn try_answer(&self) -> Option<Answer<Ctx>> {
        let ep = &self.driver.shared.ep;
        let mut conn = self.cell.lock();
        let a = conn.poll_answer(ep)?;
        let freed = conn.take_budget_freed();
        drop(conn);
        self.cell.window.notify_one();
        if freed {
            self.driver.shared.budget_freed.notify_waiters();
        }
        Some(a)
    }

    /// Resolves when an answer may be ready (a permit is stored if none waits, so a
    /// wake-up between `try_answer` and this call is not lost).
    pub async fn answer_ready(&self) {
        self.cell.answers.notified().await
    }

    /// Waits for the next answer.
    pub async fn next_answer(&self) -> Answer<Ctx> {
        loop {
            if let Some(a) = self.try_answer() {
                return a;
            }
            self.cell.answers.notified().await;
        }
    }

    /// Requests accepted and not yet answered-and-taken.
    pub fn pending(&self) -> usize {
        self.cell.lock().pending()
    }
}

/// Counts a per-connection task as live until dropped.
pub struct TaskGuard(Driver);

impl TaskGuard {
    /// Counts one more live task.
    pub fn new(driver: &Driver) -> TaskGuard {
        driver.shared.live_tasks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        TaskGuard(driver.clone())
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        self.0.shared.live_tasks.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for ConnHandle {
    fn drop(&mut self) {
        self.driver.disconnect(self.id, &self.cell);
    }
}
