//! A bounded, thread-safe object pool with guards that return objects on drop.
//!
//! `max_idle` is enforced: an object given back when `max_idle` objects already wait
//! is dropped, never kept (the seed sketch's pool grew without bound). The bound can be
//! changed at run time (the driver follows the worker target) and [`Pool::trim`]
//! drops idle objects so memory returns to the system when load falls. Every count is
//! kept under the one lock, so `created - discarded == idle + outstanding` holds at
//! every moment anyone can observe; the leak checks read `outstanding`.

use crate::sync::{Arc, Mutex, MutexGuard};
use std::ops::{Deref, DerefMut};

/// Counts of a pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Objects waiting in the pool.
    pub idle: usize,
    /// Objects handed out and not yet returned.
    pub outstanding: usize,
    /// Objects ever created.
    pub created: u64,
    /// Gets served by an idle object.
    pub reused: u64,
    /// Objects dropped: returned over `max_idle`, or trimmed.
    pub discarded: u64,
    /// The current bound on idle objects.
    pub max_idle: usize,
}

struct State<T> {
    idle: Vec<T>,
    stats: PoolStats,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    /// Makes a new object when none is idle.
    make: Box<dyn Fn() -> T + Send + Sync>,
    /// Cleans an object on its way back; returns false to drop it instead (e.g. a
    /// buffer that grew too large to be worth keeping).
    reset: Box<dyn Fn(&mut T) -> bool + Send + Sync>,
}

/// The pool (cheap to clone; clones share the objects).
pub struct Pool<T> {
    shared: Arc<Shared<T>>,
}

impl<T> Clone for Pool<T> {
    fn clone(&self) -> Self {
        Pool { shared: self.shared.clone() }
    }
}

impl<T: Send + 'static> Pool<T> {
    /// A pool keeping at most `max_idle` idle objects.
    pub fn new(max_idle: usize, make: impl Fn() -> T + Send + Sync + 'static, reset: impl Fn(&mut T) -> bool + Send + Sync + 'static) -> Pool<T> {
        Pool {
            shared: Arc::new(Shared {
                state: Mutex::new(State { idle: Vec::new(), stats: PoolStats { max_idle, ..PoolStats::default() } }),
                make: Box::new(make),
                reset: Box::new(reset),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        lock(&self.shared)
    }

    /// An object: an idle one, or a new one (never blocks, never fails).
    pub fn get(&self) -> Pooled<T> {
        let mut st = self.lock();
        let obj = match st.idle.pop() {
            Some(o) => {
                st.stats.reused += 1;
                o
            }
            None => {
                st.stats.created += 1;
                // Made under the lock so the counts stay exact; objects are cheap to make.
                (self.shared.make)()
            }
        };
        st.stats.outstanding += 1;
        check(&st);
        drop(st);
        Pooled { obj: Some(obj), shared: self.shared.clone() }
    }

    /// Changes the bound; idle objects over it are dropped now.
    pub fn set_max_idle(&self, max_idle: usize) {
        let mut st = self.lock();
        st.stats.max_idle = max_idle;
        trim_to(&mut st, max_idle);
    }

    /// Drops idle objects down to `keep` (memory returns to the system).
    pub fn trim(&self, keep: usize) {
        let mut st = self.lock();
        trim_to(&mut st, keep);
    }

    /// The counts.
    pub fn stats(&self) -> PoolStats {
        let st = self.lock();
        PoolStats { idle: st.idle.len(), ..st.stats }
    }
}

fn lock<T>(shared: &Shared<T>) -> MutexGuard<'_, State<T>> {
    // Every update under the lock is completed before anything can panic (make and
    // reset run outside any half-done update), so a poisoned lock is still consistent.
    shared.state.lock().unwrap_or_else(|p| p.into_inner())
}

fn trim_to<T>(st: &mut State<T>, keep: usize) {
    while st.idle.len() > keep {
        st.idle.pop();
        st.stats.discarded += 1;
    }
    check(st);
}

fn check<T>(st: &State<T>) {
    debug_assert_eq!(
        st.stats.created - st.stats.discarded,
        (st.idle.len() + st.stats.outstanding) as u64,
        "an object was lost or duplicated"
    );
    debug_assert!(st.idle.len() <= st.stats.max_idle, "max_idle exceeded");
}

/// An object on loan; goes back to the pool (or is dropped at the bound) on drop.
pub struct Pooled<T> {
    obj: Option<T>,
    shared: Arc<Shared<T>>,
}

impl<T> Deref for Pooled<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // `obj` is Some from construction until drop.
        self.obj.as_ref().unwrap_or_else(|| unreachable!("pooled object used after drop"))
    }
}

impl<T> DerefMut for Pooled<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.obj.as_mut().unwrap_or_else(|| unreachable!("pooled object used after drop"))
    }
}

impl<T> Drop for Pooled<T> {
    fn drop(&mut self) {
        let Some(mut obj) = self.obj.take() else { return };
        if crate::mutation::active(crate::mutation::Mutation::LeakPooled) {
            std::mem::forget(obj);
            return;
        }
        let keep = (self.shared.reset)(&mut obj);
        let mut st = lock(&self.shared);
        st.stats.outstanding -= 1;
        if keep && st.idle.len() < st.stats.max_idle {
            st.idle.push(obj);
        } else {
            st.stats.discarded += 1;
            // Dropped after the lock is released.
            drop(st);
            drop(obj);
            return;
        }
        check(&st);
    }
}

/// A pool of byte buffers: cleared on return, dropped if they grew past `max_keep_bytes`.
pub fn buffer_pool(max_idle: usize, initial_bytes: usize, max_keep_bytes: usize) -> Pool<Vec<u8>> {
    Pool::new(
        max_idle,
        move || Vec::with_capacity(initial_bytes),
        move |v: &mut Vec<u8>| {
            v.clear();
            v.capacity() <= max_keep_bytes
        },
    )
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn max_idle_is_enforced_and_objects_are_reused() {
        let pool = buffer_pool(2, 16, 1024);
        let a = pool.get();
        let b = pool.get();
        let c = pool.get();
        assert_eq!(pool.stats().outstanding, 3);
        drop((a, b, c));
        let s = pool.stats();
        assert_eq!((s.idle, s.outstanding, s.created, s.discarded), (2, 0, 3, 1));
        let mut d = pool.get();
        assert!(d.is_empty());
        d.extend_from_slice(b"hello");
        drop(d);
        assert!(pool.get().is_empty(), "returned buffers are cleared");
        assert_eq!(pool.stats().reused, 2);
    }

    #[test]
    fn oversized_buffers_are_not_kept_and_trim_returns_memory() {
        let pool = buffer_pool(4, 16, 64);
        let mut big = pool.get();
        big.resize(1000, 0);
        drop(big);
        assert_eq!(pool.stats().idle, 0);
        let held: Vec<_> = (0..4).map(|_| pool.get()).collect();
        drop(held);
        assert_eq!(pool.stats().idle, 4);
        pool.set_max_idle(1);
        assert_eq!(pool.stats().idle, 1);
        pool.trim(0);
        let s = pool.stats();
        assert_eq!((s.idle, s.outstanding), (0, 0));
        assert_eq!(s.created - s.discarded, 0);
    }
}
