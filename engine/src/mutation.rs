//! Test-only planted bugs, one at a time, to prove the simulation's checks can fail.
//!
//! Compiled in only with the `mutations` feature (the sim crate's tests); otherwise
//! [`active`] is a constant `false` and every planted branch is dead code. The switch
//! is per thread, so parallel seed runners can test different mutations at once.

/// A known bug the simulation must catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    /// An answer is lost: the client never gets it.
    DropAnswer,
    /// The first two results of a batch are swapped: answers go to the wrong requests.
    SwapAnswers,
    /// A completed move does not invalidate the cache under its source.
    SkipMoveInvalidation,
    /// A pooled buffer is never given back.
    LeakPooled,
    /// Operations on a folder and on something inside it may run at the same time.
    ConflictOverlap,
    /// The per-connection window is ignored: buffering is unbounded.
    IgnoreWindow,
    /// A completed move does not update the asset index.
    SkipIndexOnMove,
}

/// Every mutation.
pub const ALL: [Mutation; 7] = [
    Mutation::DropAnswer,
    Mutation::SwapAnswers,
    Mutation::SkipMoveInvalidation,
    Mutation::LeakPooled,
    Mutation::ConflictOverlap,
    Mutation::IgnoreWindow,
    Mutation::SkipIndexOnMove,
];

#[cfg(feature = "mutations")]
thread_local! {
    static ACTIVE: std::cell::Cell<Option<Mutation>> = const { std::cell::Cell::new(None) };
}

/// Plants `m` (or none) on this thread.
#[cfg(feature = "mutations")]
pub fn set(m: Option<Mutation>) {
    ACTIVE.with(|a| a.set(m));
}

/// True if `m` is planted on this thread.
#[inline]
pub fn active(m: Mutation) -> bool {
    #[cfg(feature = "mutations")]
    {
        ACTIVE.with(|a| a.get() == Some(m))
    }
    #[cfg(not(feature = "mutations"))]
    {
        let _ = m;
        false
    }
}
