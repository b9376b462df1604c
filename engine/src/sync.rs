//! Shared-memory primitives, swapped for loom's under `--cfg loom` so the model
//! checker explores every interleaving of the code that uses them.

#[cfg(loom)]
pub(crate) use loom::sync::{Arc, Mutex, MutexGuard};
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, Mutex, MutexGuard};
