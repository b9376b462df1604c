//! The domain form of an asset operation: validated input, typed outcome.

use crate::db::{Asset, AssetDb, RefreshReport};
use crate::error::OpError;
use crate::path::AssetPath;

/// A validated asset operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Import a file or folder.
    Import(AssetPath),
    /// Move `src` to `dst`.
    Move {
        /// Source.
        src: AssetPath,
        /// Destination.
        dst: AssetPath,
    },
    /// Delete a file or folder.
    Delete(AssetPath),
    /// Refresh the whole project (a barrier against every other operation).
    Refresh,
}

/// The successful result of an [`Op`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Import or Move: the asset where it now is.
    Asset(Asset),
    /// Delete succeeded.
    Deleted,
    /// Refresh succeeded.
    Refreshed(RefreshReport),
}

/// The answer to one operation.
pub type OpResult = Result<Outcome, OpError>;

impl Op {
    /// Validates the fields of an import request.
    pub fn import(asset_path: &str) -> Result<Op, OpError> {
        Ok(Op::Import(AssetPath::parse("asset_path", asset_path)?))
    }

    /// Validates the fields of a move request.
    pub fn move_asset(src_path: &str, dst_path: &str) -> Result<Op, OpError> {
        Ok(Op::Move { src: AssetPath::parse("src_path", src_path)?, dst: AssetPath::parse("dst_path", dst_path)? })
    }

    /// Validates the fields of a delete request.
    pub fn delete(asset_path: &str) -> Result<Op, OpError> {
        Ok(Op::Delete(AssetPath::parse("asset_path", asset_path)?))
    }

    /// The paths this operation touches; `None` means all of them (Refresh).
    pub fn paths(&self) -> Option<Vec<&AssetPath>> {
        match self {
            Op::Import(p) | Op::Delete(p) => Some(vec![p]),
            Op::Move { src, dst } => Some(vec![src, dst]),
            Op::Refresh => None,
        }
    }

    /// True if this operation and `other` must not run at the same time: they touch
    /// the same path or one contains the other, or either is a Refresh.
    pub fn conflicts_with(&self, other: &Op) -> bool {
        match (self.paths(), other.paths()) {
            (Some(a), Some(b)) => a.iter().any(|p| b.iter().any(|q| p.overlaps(q))),
            _ => true,
        }
    }

    /// The operation's name, for logs and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Import(_) => "import_asset",
            Op::Move { .. } => "move_asset",
            Op::Delete(_) => "delete_asset",
            Op::Refresh => "refresh",
        }
    }
}

impl AssetDb {
    /// Runs one operation against the project.
    pub fn apply(&self, op: &Op) -> OpResult {
        match op {
            Op::Import(p) => self.import(p).map(Outcome::Asset),
            Op::Move { src, dst } => self.move_asset(src, dst).map(Outcome::Asset),
            Op::Delete(p) => self.delete(p).map(|()| Outcome::Deleted),
            Op::Refresh => self.refresh().map(Outcome::Refreshed),
        }
    }
}
