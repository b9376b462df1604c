//! The production server: tokio + tonic adapters around the engine, on a real disk.
//!
//! Follow a request: [`service`] (or [`stream`] for the Stream) receives it,
//! [`convert`] validates it into an engine `Op`, the [`driver`] hands it to the
//! engine's scheduler, a driver worker runs it with the engine's `AssetDb` on
//! [`fs_std::StdFs`] off the reactor, and the answer comes back out of the scheduler in
//! request order, turned into the wire answer by [`convert`].

pub mod auth;
pub mod cli;
#[cfg(not(madsim))]
pub mod client;
pub mod config;
#[cfg(not(madsim))]
pub mod conn_guard;
pub mod convert;
pub mod convert_text;
pub mod convert_scene;
pub mod driver;
pub mod fs_std;
#[cfg(not(madsim))]
pub mod mcp_front;
pub mod memory;
pub mod metrics_http;
pub mod platform;
pub mod sample;
pub mod server;
pub mod service;
pub mod stream;
pub mod surface;
#[cfg(not(madsim))]
pub mod watch;
