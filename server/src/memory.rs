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
