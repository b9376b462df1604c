//! Benchmark support: generated projects, /proc sampling of a server process,
//! reports (JSON) and latency plots (SVG).

pub mod baseline;
pub mod procstat;
pub mod project;
pub mod report;
