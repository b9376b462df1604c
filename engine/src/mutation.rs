//! Test-only planted bugs, one at a time, to prove the simulation's checks can fail.
//!
//! Compiled in only under `--cfg mutations` (the mutation tests' own build, as
//! madsim and loom use a cfg); otherwise [`active`] is a constant `false` and every
//! planted branch is dead code, so no other build carries live hooks. The switch
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
    /// Operations on a folder and on something inside it may run at the same time
    /// (the lock table grants an intention beside an exclusive lock).
    ConflictOverlap,
    /// An operation skips its intention locks on ancestor folders below the top
    /// level (so a folder's move does not see it).
    SkipIntentionLock,
    /// The per-connection window is ignored: buffering is unbounded.
    IgnoreWindow,
    /// A completed move does not update the asset index.
    SkipIndexOnMove,
    /// A lookup ignores the case rule of a case-insensitive file system: paths are not
    /// brought to their on-disk spelling and lock keys are not folded.
    IgnoreCaseRule,
    /// Refresh trusts the index for every asset it knows, whatever its files' stamps
    /// say: an edit behind the server's back is never read.
    TrustStaleStamp,
    /// WriteText and EditText ignore a mismatching `expected_sha256`: an edit based
    /// on an old read silently overwrites a newer one (a lost update).
    SkipTextPrecondition,
}

/// Every mutation.
pub const ALL: [Mutation; 11] = [
    Mutation::DropAnswer,
    Mutation::SwapAnswers,
    Mutation::SkipMoveInvalidation,
    Mutation::LeakPooled,
    Mutation::ConflictOverlap,
    Mutation::SkipIntentionLock,
    Mutation::IgnoreWindow,
    Mutation::SkipIndexOnMove,
    Mutation::IgnoreCaseRule,
    Mutation::TrustStaleStamp,
    Mutation::SkipTextPrecondition,
];

#[cfg(mutations)]
thread_local! {
    static ACTIVE: std::cell::Cell<Option<Mutation>> = const { std::cell::Cell::new(None) };
}

/// Plants `m` (or none) on this thread.
#[cfg(mutations)]
pub fn set(m: Option<Mutation>) {
    ACTIVE.with(|a| a.set(m));
}

/// True if `m` is planted on this thread.
#[inline]
pub fn active(m: Mutation) -> bool {
    #[cfg(mutations)]
    {
        ACTIVE.with(|a| a.get() == Some(m))
    }
    #[cfg(not(mutations))]
    {
        let _ = m;
        false
    }
}
