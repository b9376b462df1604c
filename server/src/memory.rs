//! Giving freed heap memory back to the operating system.

/// Returns the allocator's free pages to the OS: glibc's `malloc_trim` releases free
/// pages inside every arena, not only at the top of the heap. Elsewhere a no-op.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only inspects and releases the allocator's free memory; it
    // takes the arena locks itself and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Free memory an arena keeps at its top before giving it back on its own.
/// glibc's default (128 KiB, then adaptive) makes a thread whose allocations swing
/// by more than that return pages on almost every swing; each return is an
/// `madvise` whose TLB shootdown interrupts every other core running the server, and
/// measured on 2 cores it made two threads slower than one. The periodic
/// [`trim`] (`memory_trim_interval_ms`) gives the pages back instead.
pub const ARENA_TRIM_THRESHOLD_BYTES: i32 = 64 << 20;

/// Sets [`ARENA_TRIM_THRESHOLD_BYTES`] (call once, before the threads start).
/// Elsewhere than glibc a no-op.
pub fn defer_trimming() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning parameters.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, ARENA_TRIM_THRESHOLD_BYTES);
    }
}
