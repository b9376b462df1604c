//! The production server: tokio + tonic adapters around the engine, on a real disk.
//!
//! Follow a request: [`service`] receives it, [`convert`] validates it into an engine
//! `Op`, the engine's `AssetDb` runs it on [`fs_std::StdFs`] off the reactor, and
//! [`convert`] turns the outcome back into the wire answer; [`stream`] does the same
//! for the bidirectional Stream, in order and with bounded memory.

pub mod cli;
pub mod client;
pub mod convert;
pub mod fs_std;
pub mod sample;
pub mod server;
pub mod service;
pub mod stream;
