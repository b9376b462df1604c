//! One caller's view of the engine: submit requests, take answers in order.

use super::{Ctx, Driver};
use std::sync::Arc;
use tokio::sync::Notify;
use unity_mcp_engine::sched::{Answer, ConnId, Seq, Submission};

/// A connection in the engine; dropping it disconnects (queued work is dropped,
/// running work finishes and is discarded).
pub struct ConnHandle {
    driver: Driver,
    id: ConnId,
    /// Notified when an answer is ready at the head of this connection.
    answers: Arc<Notify>,
    /// Notified when this connection's window frees (an answer was taken).
    window: Notify,
}

impl ConnHandle {
    pub(super) fn new(driver: Driver, id: ConnId, answers: Arc<Notify>) -> ConnHandle {
        ConnHandle { driver, id, answers, window: Notify::new() }
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
        loop {
            let budget = self.driver.shared.budget_freed.notified();
            tokio::pin!(budget);
            budget.as_mut().enable();
            if self.driver.lock().sched.reserve_read(self.id) {
                return;
            }
            tokio::select! {
                biased;
                _ = self.window.notified() => {}
                _ = budget => {}
            }
        }
    }

    /// Hands a request to the engine; `None` if the connection is closed.
    pub fn submit(&self, sub: Submission<Ctx>) -> Option<Seq> {
        let now = self.driver.now_us();
        let deadline = sub.deadline_us;
        let mut core = self.driver.lock();
        let seq = core.sched.handle_request(self.id, now, sub);
        if let Some(obs) = &self.driver.shared.observer {
            while let Some((trace, asset)) = core.sched.poll_cache_hit() {
                obs.cache_hit(trace, &asset);
            }
        }
        core.wake_ready();
        drop(core);
        self.driver.shared.work.notify_one();
        if let Some(d) = deadline {
            self.driver.deadline_hint(d);
        }
        seq
    }

    /// The next answer, if ready.
    pub fn try_answer(&self) -> Option<Answer<Ctx>> {
        let mut core = self.driver.lock();
        let was_full = core.sched.budgets_full();
        let a = core.sched.poll_answer(self.id)?;
        let freed = was_full && !core.sched.budgets_full();
        drop(core);
        self.window.notify_one();
        if freed {
            self.driver.shared.budget_freed.notify_waiters();
        }
        Some(a)
    }

    /// Resolves when an answer may be ready (a permit is stored if none waits, so a
    /// wake-up between `try_answer` and this call is not lost).
    pub async fn answer_ready(&self) {
        self.answers.notified().await
    }

    /// Waits for the next answer.
    pub async fn next_answer(&self) -> Answer<Ctx> {
        loop {
            if let Some(a) = self.try_answer() {
                return a;
            }
            self.answers.notified().await;
        }
    }

    /// Requests accepted and not yet answered-and-taken.
    pub fn pending(&self) -> usize {
        self.driver.lock().sched.pending(self.id)
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
        self.driver.disconnect(self.id);
    }
}
