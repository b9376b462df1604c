//! Refresh: bring every `.meta` in line with the folder, as the Editor does on focus.
//! Creates missing metas (folders too), removes orphan metas (a folder's too, as the
//! Editor does, unless `keep_orphan_folder_metas`) and leftover temporaries,
//! and honours Unity's ignore rules. Knows every asset's GUID to find GUIDs held
//! twice: the copies get fresh GUIDs (see `duplicates.rs`). An asset whose files still
//! have the stamp they had when the index read them costs its listing entry only;
//! any other is read again.

use super::{AssetDb, Reidentified, Stop};
use crate::error::OpError;
use crate::fs::{is_temp_name, EntryKind, Stamp};
use crate::meta::Guid;
use crate::path::{is_ignored_name, AssetPath};
use std::collections::{HashMap, HashSet};

/// Most re-identified copies listed in one report (the count is always exact): a
/// copied tree of a million assets must not make a reply of hundreds of MiB.
pub const MAX_REPORTED_REIDENTIFIED: usize = 10_000;

/// What a refresh changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefreshReport {
    /// `.meta` files written for assets that had none.
    pub metas_created: u32,
    /// Orphan `.meta` files removed.
    pub metas_removed: u32,
    /// Temporaries of interrupted atomic writes removed.
    pub temps_removed: u32,
    /// Copies whose duplicate GUID was replaced by a fresh one (at most
    /// [`MAX_REPORTED_REIDENTIFIED`] listed).
    pub reidentified: Vec<Reidentified>,
    /// How many copies were re-identified in all.
    pub reidentified_count: u32,
}

/// One asset found by the walk, holding the GUID it is filed under.
struct Found {
    /// Its path.
    path: AssetPath,
    /// True for a folder.
    folder: bool,
    /// Its files' stamp, taken before anything was read (`None`: unknown).
    stamp: Option<Stamp>,
    /// Its stamp is the one the index read it at: nothing of it was read again.
    unchanged: bool,
}

impl Found {
    fn read(path: AssetPath, folder: bool, stamp: Option<Stamp>) -> Found {
        Found { path, folder, stamp, unchanged: false }
    }
}

/// What the walk found: the GUIDs of unchanged assets (each held where the registry
/// files it, so only the GUID is kept), and every other asset by the GUID it holds.
#[derive(Default)]
struct Walk {
    unchanged: HashSet<Guid>,
    read: HashMap<Guid, Vec<Found>>,
}

impl AssetDb {
    /// Refreshes `Assets/` and every package folder under `Packages/`.
    pub fn refresh(&self) -> Result<RefreshReport, OpError> {
        self.refresh_within(&Stop::never())
    }

    /// [`AssetDb::refresh`], stopping between two entries of the walk when `stop` says
    /// so: what was repaired until then stays repaired (each step is whole), the
    /// message says how far it got, and the next Refresh finishes the work.
    pub fn refresh_within(&self, stop: &Stop) -> Result<RefreshReport, OpError> {
        let mut report = RefreshReport::default();
        // Every GUID found, with the paths holding it.
        let mut seen = Walk::default();
        let mut roots = vec![AssetPath::from_trusted("Assets")];
        if let Ok(Some(EntryKind::Dir)) = self.fs.kind("Packages") {
            let packages = self.fs.list_dir("Packages").map_err(|e| OpError::io("cannot list 'Packages'", &e))?;
            for (name, entry) in packages {
                if entry == EntryKind::Dir && !is_ignored_name(&name) {
                    roots.push(AssetPath::from_trusted(format!("Packages/{name}")));
                }
            }
        }
        for root in roots {
            if self.fs.kind(root.as_str()).map_err(|e| OpError::io(&format!("cannot inspect '{root}'"), &e))? != Some(EntryKind::Dir) {
                continue;
            }
            self.refresh_tree(&root, &mut report, &mut seen, stop).map_err(|mut e| {
                if e.kind == crate::error::ErrorKind::DeadlineExceeded || e.kind == crate::error::ErrorKind::Unavailable {
                    e.message = format!(
                        "{}; refresh did part of its work: {} metas created, {} removed, {} temporaries removed (run refresh again to finish)",
                        e.message, report.metas_created, report.metas_removed, report.temps_removed
                    );
                }
                e
            })?;
        }
        self.resolve_duplicates(seen, &mut report)?;
        Ok(report)
    }

    /// Gives every copy of a GUID held twice a fresh one, then remembers exactly what
    /// the project now holds: what is gone is forgotten, what changed is read again,
    /// what is unchanged stays as the index has it.
    fn resolve_duplicates(&self, seen: Walk, report: &mut RefreshReport) -> Result<(), OpError> {
        let Walk { mut unchanged, read } = seen;
        let mut holders: Vec<(Guid, Found)> = Vec::with_capacity(read.len());
        let mut groups: Vec<(Guid, Vec<Found>)> = Vec::new();
        for (guid, mut held) in read {
            // An unchanged holder of the same GUID: it sits where the registry files it.
            if unchanged.remove(&guid) {
                if let Some(h) = self.registry.get(guid) {
                    held.insert(0, Found { path: h.path, folder: h.folder, stamp: self.graph.stamp(guid), unchanged: true });
                }
            }
            if held.len() == 1 {
                holders.extend(held.into_iter().map(|f| (guid, f)));
            } else {
                groups.push((guid, held));
            }
        }
        // Sorted so the fresh GUIDs are drawn in a reproducible order.
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut fresh = Vec::new();
        for (guid, held) in groups {
            let paths: Vec<AssetPath> = held.iter().map(|f| f.path.clone()).collect();
            let keeper = self.keeper(guid, &paths);
            for found in held {
                if found.path == keeper {
                    holders.push((guid, found));
                    continue;
                }
                let Some((meta, bytes)) = self.read_meta(&found.path)? else { continue };
                let event = self.reidentify(&found.path, found.folder, &meta, &bytes, &keeper)?;
                fresh.push((event.new_guid, Found::read(found.path, found.folder, None)));
                report.reidentified_count += 1;
                if report.reidentified.len() < MAX_REPORTED_REIDENTIFIED {
                    report.reidentified.push(event);
                }
            }
        }
        holders.extend(fresh);
        // Forget what the project no longer holds (first: it frees the capacity).
        let mut present: HashSet<Guid> = holders.iter().map(|(g, _)| *g).collect();
        present.extend(unchanged.iter().copied());
        for guid in self.registry.forget_absent(&present) {
            self.graph.remove(guid);
        }
        self.registry.clear_ambiguous();
        // What is unchanged stays as the index has it; the rest is read again.
        for (guid, found) in &holders {
            let kept = found.unchanged
                && self.registry.get(*guid).is_some_and(|h| h.path == found.path && h.folder == found.folder)
                && (self.graph.stamp(*guid) == found.stamp || crate::mutation::active(crate::mutation::Mutation::TrustStaleStamp));
            if !kept {
                self.hold_stamped(*guid, &found.path, found.folder, found.stamp);
            }
        }
        Ok(())
    }

    /// Whether the `.meta` at `meta_path` says `folderAsset: yes`, and its GUID.
    fn folder_meta(&self, meta_path: &AssetPath) -> (bool, Option<Guid>) {
        let mut bytes = self.buffers.get();
        if self.fs.read_into(meta_path.as_str(), crate::meta::MAX_META_BYTES, &mut bytes).is_err() {
            return (false, None);
        }
        match crate::meta::parse(&bytes) {
            Ok(m) => (m.folder_asset, Some(m.guid)),
            Err(_) => (false, None),
        }
    }

    fn refresh_tree(
        &self,
        root: &AssetPath,
        report: &mut RefreshReport,
        seen: &mut Walk,
        stop: &Stop,
    ) -> Result<(), OpError> {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let listed = self
                .fs
                .list_dir_stamped(dir.as_str(), &super::index::stamp_wanted)
                .map_err(|e| OpError::io(&format!("cannot list '{dir}'"), &e))?;
            let find = |name: &str| self.find_listed(&listed, name);
            for (name, entry, own_stamp) in &listed {
                stop.tick()?;
                let child = dir.join(name);
                if *entry == EntryKind::File && is_temp_name(name) {
                    self.fs.remove_file(child.as_str()).map_err(|e| OpError::io(&format!("cannot remove '{child}'"), &e))?;
                    report.temps_removed += 1;
                    continue;
                }
                if let Some(target) = name.strip_suffix(".meta") {
                    if *entry != EntryKind::File {
                        continue;
                    }
                    let orphan = match find(target) {
                        // The Editor deletes a folder meta without its folder too (with a
                        // warning; it is what git leaves of an empty folder). Teams that
                        // want that GUID kept say `keep_orphan_folder_metas`.
                        None => {
                            let (folder, guid) = self.folder_meta(&child);
                            if folder && self.keep_orphan_folder_metas {
                                false
                            } else {
                                if folder {
                                    if let Some(observe) = &self.orphan_observer {
                                        observe(&child, guid);
                                    }
                                }
                                true
                            }
                        }
                        Some(EntryKind::File | EntryKind::Dir) => is_ignored_name(target),
                        // Links are not followed and so not judged: their .meta stays.
                        Some(_) => false,
                    };
                    if orphan {
                        self.fs.remove_file(child.as_str()).map_err(|e| OpError::io(&format!("cannot remove '{child}'"), &e))?;
                        report.metas_removed += 1;
                    }
                    continue;
                }
                if is_ignored_name(name) || !matches!(entry, EntryKind::File | EntryKind::Dir) {
                    continue;
                }
                let folder = *entry == EntryKind::Dir;
                if find(&format!("{name}.meta")).is_none() {
                    let guid = self.write_new_meta(&child, &self.kind_at(&child, *entry))?;
                    seen.read.entry(guid).or_default().push(Found::read(child.clone(), folder, None));
                    report.metas_created += 1;
                } else {
                    // Unchanged since the index read it: its GUID is the one filed at
                    // its path, and nothing needs reading.
                    let stamp = super::index::asset_stamp(&listed, name, folder, *own_stamp);
                    let known = if crate::mutation::active(crate::mutation::Mutation::TrustStaleStamp) {
                        self.registry.guid_at(&child)
                    } else {
                        stamp.and_then(|s| self.registry.guid_at(&child).filter(|g| self.graph.stamp(*g) == Some(s)))
                    };
                    if let Some(guid) = known {
                        seen.unchanged.insert(guid);
                    } else if let Ok(Some((meta, _))) = self.read_meta(&child) {
                        // A corrupt .meta is not Refresh's to judge (Import names it).
                        seen.read.entry(meta.guid).or_default().push(Found::read(child.clone(), folder, stamp));
                    }
                }
                if *entry == EntryKind::Dir {
                    stack.push(child);
                }
            }
        }
        Ok(())
    }
}
