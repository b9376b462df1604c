//! Deterministic simulation of the Unity MCP server.
//!
//! - [`engine_sim`]: the scheduler driven directly by seeded random events against a
//!   sequential model (fast: 100,000 seeds in CI).
//! - `full_stack` (under `--cfg madsim`): the production server and real tonic
//!   clients on simulated nodes and network, over the in-memory file system, with
//!   seeded faults; see `tests/full_stack.rs`.
//!
//! Every run is a seed; the same seed gives the same run.

pub mod engine_sim;
#[cfg(madsim)]
pub mod full_stack;

thread_local! {
    /// Set while a seed runs under `catch_unwind`: its panics are findings to report
    /// (as errors), not noise to print.
    static IN_SEED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message of this thread's last panic inside a seed (injected worker panics
    /// excepted): what a planted bug tripped over.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The message of this thread's last panic inside [`quietly`] (injected worker panics
/// excepted), and forgets it.
pub fn take_last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// Runs `f` with this thread's panics kept off stderr (a panic still unwinds and is
/// returned by the caller's `catch_unwind`). Installs the filtering hook once.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let injected = message.starts_with("injected worker panic");
            let in_seed = IN_SEED.with(|q| q.get());
            if in_seed && !injected {
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
            }
            if !injected && !in_seed {
                default(info);
            }
        }));
    });
    let before = IN_SEED.with(|q| q.replace(true));
    let out = f();
    IN_SEED.with(|q| q.set(before));
    out
}
