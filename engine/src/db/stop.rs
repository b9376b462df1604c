//! Bounded work for long operations: a query or a walk asks [`Stop::tick`] between two
//! items, and stops with the error its caller's check gives (deadline passed, client
//! gone). The check itself (a clock read, an atomic load) runs once every
//! [`CHECK_EVERY_ITEMS`] items, so a tick costs a counter increment.

use crate::error::OpError;
use std::cell::Cell;

/// Items between two calls of the check: small enough that a stop lands within
/// milliseconds, large enough that the clock read is noise.
pub const CHECK_EVERY_ITEMS: u32 = 256;

/// The caller's check: `Some(error)` once the operation must stop.
pub type StopCheck<'a> = &'a (dyn Fn() -> Option<OpError> + Sync);

/// Where a long operation asks whether to stop. One per running operation (not shared
/// between threads).
pub struct Stop<'a> {
    /// The caller's check; `None` never stops.
    check: Option<StopCheck<'a>>,
    /// Items visited so far (reported when it stops).
    items: Cell<u64>,
}

impl<'a> Stop<'a> {
    /// A stop that never fires (tests, start-up, the simulations' direct calls).
    pub fn never() -> Stop<'static> {
        Stop { check: None, items: Cell::new(0) }
    }

    /// A stop that fires when `check` says so.
    pub fn when(check: StopCheck<'a>) -> Stop<'a> {
        Stop { check: Some(check), items: Cell::new(0) }
    }

    /// One more item visited; `Err` (the check's error, saying how many items were
    /// visited) if the operation must stop now.
    pub fn tick(&self) -> Result<(), OpError> {
        let n = self.items.get() + 1;
        self.items.set(n);
        if n % CHECK_EVERY_ITEMS as u64 != 0 {
            return Ok(());
        }
        self.check_now()
    }

    /// Asks the check now, whatever the count.
    pub fn check_now(&self) -> Result<(), OpError> {
        match self.check.and_then(|c| c()) {
            None => Ok(()),
            Some(mut e) => {
                e.message = format!("{} (stopped after {} items)", e.message, self.items.get());
                Err(e)
            }
        }
    }

    /// The check, to give other threads of the same operation their own [`Stop`]
    /// (a `Stop` counts in a `Cell` and stays on its thread; the check is `Sync`).
    pub fn shared_check(&self) -> Option<StopCheck<'a>> {
        self.check
    }

    /// A stop for another thread, from [`Stop::shared_check`].
    pub fn from_check(check: Option<StopCheck<'a>>) -> Stop<'a> {
        Stop { check, items: Cell::new(0) }
    }

    /// Items visited so far.
    pub fn items(&self) -> u64 {
        self.items.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_stop_fires_within_one_check_interval_of_its_check() {
        let fired = AtomicBool::new(false);
        let check = || fired.load(Ordering::Relaxed).then(|| OpError::new(ErrorKind::DeadlineExceeded, "late"));
        let stop = Stop::when(&check);
        for _ in 0..10 * CHECK_EVERY_ITEMS {
            assert!(stop.tick().is_ok());
        }
        fired.store(true, Ordering::Relaxed);
        let mut ticks = 0;
        let e = loop {
            ticks += 1;
            if let Err(e) = stop.tick() {
                break e;
            }
        };
        assert!(ticks <= CHECK_EVERY_ITEMS);
        assert_eq!(e.kind, ErrorKind::DeadlineExceeded);
        assert!(e.message.contains("stopped after"), "{}", e.message);
        assert!(Stop::never().check_now().is_ok());
    }
}
