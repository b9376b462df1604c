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
}

/// Runs `f` with this thread's panics kept off stderr (a panic still unwinds and is
/// returned by the caller's `catch_unwind`). Installs the filtering hook once.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let injected = info.payload().downcast_ref::<String>().is_some_and(|m| m.starts_with("injected worker panic"));
            if !injected && !IN_SEED.with(|q| q.get()) {
                default(info);
            }
        }));
    });
    let before = IN_SEED.with(|q| q.replace(true));
    let out = f();
    IN_SEED.with(|q| q.set(before));
    out
}
