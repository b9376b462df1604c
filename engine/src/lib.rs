//! The engine of the Unity MCP server: everything that decides, nothing that waits.
//!
//! - [`path`]: client strings -> validated [`path::AssetPath`]s.
//! - [`meta`], [`kind`], [`importers`]: Unity `.meta` files, asset types, the importer table.
//! - [`fs`]: the file-system interface, and an in-memory implementation.
//! - [`db`]: Unity's asset semantics (import, move, delete, refresh) over it.
//! - [`op`]: validated operations and their outcomes.
//! - [`text`]: text assets as lines and columns over their bytes; span edits.

//!
//! No tokio, no sockets, no clock reads: time and randomness come in as parameters.

pub mod db;
pub mod error;
pub mod fs;
pub mod importers;
pub mod index;
pub mod kind;
pub mod meta;
pub mod op;
pub mod path;
pub mod script;
pub mod text;
pub mod yaml;

pub use db::{Asset, AssetDb, GuidSource, ProjectInfo, RandomGuids, RefreshReport};
pub use error::{ErrorKind, OpError};
pub use op::{Op, OpResult, Outcome, Query};
pub use path::AssetPath;
pub mod cache;
pub mod metrics;
pub mod mutation;
pub mod sched;
pub mod pool;
pub mod sync;
