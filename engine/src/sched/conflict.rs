//! Which live operations a new one must wait for.
//!
//! Two operations conflict when they touch the same path, or one's path contains the
//! other's (a folder move against a file inside it), or either is a Refresh. A new
//! operation waits for every live (queued or running) operation it conflicts with, so
//! conflicting operations run in arrival order and never overlap, while disjoint ones
//! run in parallel.

use super::JobId;
use crate::mutation::{self, Mutation};
use crate::op::Op;
use std::collections::HashMap;

/// Live operations indexed by path.
#[derive(Default)]
pub(super) struct PathIndex {
    /// Live jobs by each path they touch.
    exact: HashMap<String, Vec<JobId>>,
    /// For each folder path, how many live jobs touch something beneath it; the
    /// (rare) descendant search scans only when this is non-zero.
    beneath: HashMap<String, u32>,
    /// Live Refresh jobs: everything after them waits.
    barriers: Vec<JobId>,
    /// Live queries: every change after them waits (other queries do not).
    readers: Vec<JobId>,
}

fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

impl PathIndex {
    /// The live jobs `op` must wait for. `live` lists every live job with its op.
    pub(super) fn conflicts<'a>(&self, op: &Op, live: impl Iterator<Item = (JobId, &'a Op)>) -> Vec<JobId> {
        let Some(paths) = op.paths() else {
            // A Refresh waits for everything live.
            return live.map(|(id, _)| id).collect();
        };
        let mut out = self.barriers.clone();
        let mut scan_beneath = Vec::new();
        for p in &paths {
            if let Some(ids) = self.exact.get(p.as_str()) {
                out.extend_from_slice(ids);
            }
            if mutation::active(Mutation::ConflictOverlap) {
                continue;
            }
            for a in ancestors(p.as_str()) {
                if let Some(ids) = self.exact.get(a) {
                    out.extend_from_slice(ids);
                }
            }
            if self.beneath.get(p.as_str()).copied().unwrap_or(0) > 0 {
                scan_beneath.push(*p);
            }
        }
        if !scan_beneath.is_empty() {
            for (id, other) in live {
                if let Some(theirs) = other.paths() {
                    if theirs.iter().any(|q| scan_beneath.iter().any(|p| p.is_ancestor_of(q))) {
                        out.push(id);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Registers a live job.
    pub(super) fn insert(&mut self, id: JobId, op: &Op) {
        if op.is_query() {
            self.readers.push(id);
            return;
        }
        let Some(paths) = op.paths() else {
            self.barriers.push(id);
            return;
        };
        for p in paths {
            self.exact.entry(p.as_str().to_string()).or_default().push(id);
            for a in ancestors(p.as_str()) {
                *self.beneath.entry(a.to_string()).or_insert(0) += 1;
            }
        }
    }

    /// Unregisters a job that finished or was dropped.
    pub(super) fn remove(&mut self, id: JobId, op: &Op) {
        if op.is_query() {
            self.readers.retain(|r| *r != id);
            return;
        }
        let Some(paths) = op.paths() else {
            self.barriers.retain(|b| *b != id);
            return;
        };
        for p in paths {
            if let Some(ids) = self.exact.get_mut(p.as_str()) {
                if let Some(i) = ids.iter().position(|x| *x == id) {
                    ids.swap_remove(i);
                }
                if ids.is_empty() {
                    self.exact.remove(p.as_str());
                }
            }
            for a in ancestors(p.as_str()) {
                if let Some(n) = self.beneath.get_mut(a) {
                    *n -= 1;
                    if *n == 0 {
                        self.beneath.remove(a);
                    }
                }
            }
        }
    }

    /// True when nothing is registered (checked at quiescence).
    pub(super) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.beneath.is_empty() && self.barriers.is_empty()
    }
}
