//! No GUID twice in a project. When the same GUID turns up at two paths (a folder
//! copied outside Unity, a merge), the path that held it first keeps it and every
//! other copy gets a fresh GUID, as the Editor does; only the copy's `guid:` value
//! changes, every other byte of its `.meta` stays.
//!
//! "First" is what the server saw: the registry filled at start-up ([`AssetDb::scan_guids`])
//! and kept by every operation. Where it knows none of the paths (both were there
//! before start-up, or both appeared behind its back), the path first in byte order
//! keeps the GUID (`Foo` before `Foo copy` and `Foo (1)`): a rule that gives the same
//! answer on every machine, unlike modification times, which copy tools may or may
//! not preserve. Import and Refresh apply it.

use super::AssetDb;
use crate::error::OpError;
use crate::fs::EntryKind;
use crate::meta::{self, Guid, MetaFile};
use crate::path::AssetPath;
use std::collections::HashMap;

/// One copy that got a fresh GUID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reidentified {
    /// The copy.
    pub path: AssetPath,
    /// The GUID it had (and the original keeps).
    pub old_guid: Guid,
    /// Its fresh GUID.
    pub new_guid: Guid,
    /// The asset that kept `old_guid`.
    pub kept_by: AssetPath,
}

/// What a start-up scan found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanReport {
    /// Assets with a readable `.meta`.
    pub assets: usize,
    /// GUIDs found at more than one path (Refresh or Import repairs them).
    pub duplicate_guids: usize,
}

impl AssetDb {
    /// Reads every `.meta` of the project and remembers which path holds each GUID
    /// (duplicates already present: the one the rule picks). Changes nothing on disk.
    pub fn scan_guids(&self) -> Result<ScanReport, OpError> {
        let assets = self.list_assets(usize::MAX)?;
        Ok(self.register(&assets))
    }

    /// Remembers which of `assets` (a whole project's) holds each GUID, replacing
    /// what was remembered: the registry half of the start-up scan.
    pub fn register(&self, assets: &[super::Asset]) -> ScanReport {
        let mut by_guid: HashMap<Guid, Vec<(AssetPath, bool)>> = HashMap::with_capacity(assets.len());
        for a in assets {
            by_guid.entry(a.guid).or_default().push((a.path.clone(), a.folder));
        }
        let mut report = ScanReport { assets: assets.len(), duplicate_guids: 0 };
        // Keepers first: a rescan keeps what the registry remembered.
        let mut keep = Vec::with_capacity(by_guid.len());
        for (guid, held) in by_guid {
            if held.len() > 1 {
                report.duplicate_guids += 1;
            }
            let paths: Vec<AssetPath> = held.iter().map(|(p, _)| p.clone()).collect();
            let keeper = self.keeper(guid, &paths);
            let folder = held.iter().any(|(p, f)| *p == keeper && *f);
            keep.push((guid, keeper, folder, held.len() > 1));
        }
        self.registry.clear();
        for (guid, keeper, folder, twice) in keep {
            self.registry.record(guid, &keeper, folder);
            if twice {
                self.registry.mark_ambiguous(guid);
            }
        }
        report
    }

    /// Of `paths`, all holding `guid`, the one that keeps it: the remembered owner if
    /// it is among them, else the first in byte order.
    pub(super) fn keeper(&self, guid: Guid, paths: &[AssetPath]) -> AssetPath {
        if let Some(owner) = self.registry.owner(guid).filter(|o| paths.contains(o)) {
            return owner;
        }
        paths
            .iter()
            .min()
            .cloned()
            .unwrap_or_else(|| AssetPath::from_trusted("Assets"))
    }

    /// Import's check of the `.meta` just read at `path`: if another asset the
    /// registry knows still holds the GUID, this is a copy and gets a fresh one.
    /// Returns the GUID the asset ends with.
    /// With `reindex`, what the asset mentions is read again even if it is already
    /// known at this path (an explicit import of it); otherwise (a folder import's
    /// contents) only new or moved assets are read.
    pub(super) fn claim(&self, path: &AssetPath, folder: bool, meta: &MetaFile, bytes: &[u8], reindex: bool) -> Result<Guid, OpError> {
        match self.registry.owner(meta.guid) {
            Some(owner) if owner != *path && self.holds(&owner, meta.guid) => {
                Ok(self.reidentify(path, folder, meta, bytes, &owner)?.new_guid)
            }
            Some(owner) if owner == *path && !reindex => Ok(meta.guid),
            Some(owner) if owner != *path => {
                // The remembered holder no longer holds it: this copy takes it over.
                self.registry.mark_ambiguous(meta.guid);
                self.hold(meta.guid, path, folder);
                Ok(meta.guid)
            }
            _ => {
                self.hold(meta.guid, path, folder);
                Ok(meta.guid)
            }
        }
    }

    /// True if the asset at `path` exists and its `.meta` has `guid`.
    pub(super) fn holds(&self, path: &AssetPath, guid: Guid) -> bool {
        matches!(self.probe(path.as_str()), Ok(Some(EntryKind::File | EntryKind::Dir)))
            && matches!(self.read_meta(path), Ok(Some((m, _))) if m.guid == guid)
    }

    /// Gives the asset at `path` a fresh GUID, changing only the `guid:` value of its
    /// `.meta` (read as `bytes`).
    pub(super) fn reidentify(
        &self,
        path: &AssetPath,
        folder: bool,
        meta: &MetaFile,
        bytes: &[u8],
        kept_by: &AssetPath,
    ) -> Result<Reidentified, OpError> {
        let new_guid = self.guids.next_guid();
        let meta_path = path.meta_path();
        self.fs
            .write_atomic(&meta_path, &meta::with_guid(bytes, meta, new_guid))
            .map_err(|e| OpError::io(&format!("cannot give the duplicate '{meta_path}' a fresh GUID"), &e))?;
        self.hold(new_guid, path, folder);
        let event = Reidentified { path: path.clone(), old_guid: meta.guid, new_guid, kept_by: kept_by.clone() };
        if let Some(observer) = &self.observer {
            observer(&event);
        }
        Ok(event)
    }
}
