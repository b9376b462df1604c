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
