//! The asset graph: what each asset's file and `.meta` mention ([`refs`]), kept as a
//! sharded two-way graph ([`graph`]) beside the GUID registry (GUID -> path). Both are
//! shared by every worker and follow the rule of the request path: no global lock.

pub mod graph;
pub mod refs;

use crate::meta::Guid;

/// Unity's built-in resources, referenced by real projects and never on disk: the
/// built-in extra resources (`0000000000000000f000000000000000`), default resources
/// (`0000000000000000e000000000000000`) and editor resources (`...d...`).
pub const BUILTIN_GUIDS: [Guid; 3] = [
    Guid(0x0000000000000000e000000000000000),
    Guid(0x0000000000000000f000000000000000),
    Guid(0x0000000000000000d000000000000000),
];

/// True for a built-in resource's GUID (never a dangling reference).
pub fn is_builtin(g: Guid) -> bool {
    BUILTIN_GUIDS.contains(&g)
}

pub mod glob;

pub use glob::{glob_match, Glob};

