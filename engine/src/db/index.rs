//! Upkeep of the asset graph: every operation that gives an asset its GUID records
//! it here ([`AssetDb::hold`]) and re-reads what its file and `.meta` mention.

use super::{Asset, AssetDb, ScanReport};
use crate::fs::{EntryKind, Stamp};
use crate::path::is_ignored_name;

/// Most entries one reconcile visits (a huge folder appearing at once is caught up
/// with by the next Refresh).
pub const MAX_RECONCILE_ENTRIES: usize = 200_000;
use crate::error::OpError;
use crate::index::refs::{self, FileRefs, MAX_SCAN_BYTES};
use crate::meta::{Guid, MAX_META_BYTES};
use crate::path::AssetPath;

impl AssetDb {
    /// Records that `path` holds `guid` and indexes what it mentions.
    pub(super) fn hold(&self, guid: Guid, path: &AssetPath, folder: bool) {
        if self.registry.record(guid, path, folder) {
            self.index_refs(guid, path, folder);
        }
    }

    /// [`AssetDb::hold`] with the stamp its files had before they are read now.
    pub(super) fn hold_stamped(&self, guid: Guid, path: &AssetPath, folder: bool, stamp: Option<Stamp>) {
        if self.registry.record(guid, path, folder) {
            let mut refs = self.scan_refs(path, folder);
            refs.stamp = stamp;
            self.graph.set(guid, refs);
        }
    }

    /// A file renamed from `src` to `dst` (holding `guid`): what it mentions is read
    /// again where the new name changes whether its content is read (`x.png` to `x.txt`).
    pub(super) fn reindex_renamed_file(&self, guid: Guid, src: &AssetPath, dst: &AssetPath) {
        if reads_content(src.file_name()) != reads_content(dst.file_name()) && self.registry.owner(guid).as_ref() == Some(dst) {
            self.index_refs(guid, dst, false);
        }
    }

    /// Nothing is at `path` any more: whatever GUID the registry files there is
    /// forgotten (one whose `.meta` was edited behind the server's back would stay).
    pub(super) fn forget_at(&self, path: &AssetPath) {
        if let Some(guid) = self.registry.guid_at(path) {
            if self.registry.forget(guid, path) {
                self.graph.remove(guid);
            }
        }
    }

    /// What the asset at `path` (and its `.meta`) mentions, into the graph.
    fn index_refs(&self, guid: Guid, path: &AssetPath, folder: bool) {
        self.graph.set(guid, self.scan_refs(path, folder));
    }

    /// [`AssetDb::hold`] for a file just written with `content`: what it mentions is
    /// read from those bytes, not from disk again.
    pub(super) fn hold_written(&self, guid: Guid, path: &AssetPath, content: &[u8]) {
        if self.registry.record(guid, path, false) {
            self.graph.set(guid, self.scan_refs_with(path, false, Some(content)));
        }
    }

    /// What the asset at `path` and its `.meta` mention now.
    fn scan_refs(&self, path: &AssetPath, folder: bool) -> FileRefs {
        self.scan_refs_with(path, folder, None)
    }

    /// [`AssetDb::scan_refs`], the file's content given when the caller has it.
    fn scan_refs_with(&self, path: &AssetPath, folder: bool, content: Option<&[u8]>) -> FileRefs {
        let mut found = FileRefs { scanned: true, ..FileRefs::default() };
        if let Ok(meta) = self.fs.read(&path.meta_path(), MAX_META_BYTES) {
            found = refs::mentions(&meta);
        }
        if !folder {
            let content = self.content_refs(path, content);
            merge(&mut found, content);
        }
        found
    }

    /// What the file at `path` (with `content`, else read) mentions (nothing read for
    /// types that cannot mention).
    fn content_refs(&self, path: &AssetPath, content: Option<&[u8]>) -> FileRefs {
        let ext = path.extension().unwrap_or_default();
        if refs::never_references(&ext) {
            return FileRefs { scanned: true, ..FileRefs::default() };
        }
        match content {
            Some(bytes) if bytes.len() <= MAX_SCAN_BYTES => refs::scan(Some(bytes)),
            // Too large: what it mentions is unknown, as for a read past the bound.
            Some(_) => FileRefs { scanned: false, ..FileRefs::default() },
            None => match self.fs.read(path.as_str(), MAX_SCAN_BYTES) {
                Ok(bytes) => refs::scan(Some(&bytes)),
                // Too large or unreadable: what it mentions is unknown.
                Err(_) => FileRefs { scanned: false, ..FileRefs::default() },
            },
        }
    }

    /// Checks that the index says what the disk says (the simulation runs it at
    /// quiescence): every remembered GUID is held where remembered; every asset with
    /// a readable `.meta` is remembered, unless its GUID is or was held twice since the
    /// last rescan (a copy not yet re-identified: the registry may not know the copy
    /// once the original is gone, until Import or Refresh); what each remembered asset
    /// mentions is what it mentions now.
    pub fn verify_index(&self) -> Result<(), String> {
        let assets = self.list_assets(usize::MAX).map_err(|e| e.message)?;
        let mut holders: std::collections::HashMap<Guid, Vec<&Asset>> = std::collections::HashMap::new();
        for a in &assets {
            holders.entry(a.guid).or_default().push(a);
        }
        let entries = self.registry.entries();
        for (g, held) in &entries {
            match holders.get(g) {
                Some(on_disk) if on_disk.iter().any(|a| a.path == held.path) => {}
                _ => return Err(format!("the index has {g} at '{}', the disk does not", held.path)),
            }
        }
        for (g, on_disk) in &holders {
            if on_disk.len() > 1 || self.registry.is_ambiguous(*g) {
                // Held twice now or since the last rescan: the registry knows one
                // holder (checked above) or none yet.
                continue;
            }
            let Some(held) = self.registry.get(*g) else {
                return Err(format!("'{}' holds {g} on disk; the index does not know it", on_disk[0].path));
            };
            let mut want = self.scan_refs(&held.path, held.folder);
            want.guids.retain(|x| x != g);
            want.loose.retain(|x| x != g && want.guids.binary_search(x).is_err());
            if self.graph.mentions(*g) != Some((want.guids.clone(), want.loose.clone(), want.scanned)) {
                return Err(format!(
                    "the index's references of '{}' ({g}) differ from the disk's: index {:?}, disk {:?}",
                    held.path,
                    self.graph.mentions(*g),
                    (want.guids, want.loose, want.scanned)
                ));
            }
        }
        Ok(())
    }

    /// One folder of the start-up scan: its assets with a readable `.meta`, each with
    /// what it mentions (every file read once), and its sub-folders to scan next. The
    /// server runs it on all cores over a queue of folders, then [`AssetDb::install`].
    /// `Err` if the folder cannot be listed (one that vanished meanwhile is empty).
    pub fn scan_dir(&self, dir: &AssetPath) -> Result<(Vec<(Asset, FileRefs)>, Vec<AssetPath>), OpError> {
        let mut found = Vec::new();
        let mut subdirs = Vec::new();
        let entries = match self.fs.list_dir_stamped(dir.as_str(), &stamp_wanted) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((found, subdirs)),
            Err(e) => return Err(OpError::io(&format!("cannot list '{dir}'"), &e)),
        };
        for (name, entry, stamp) in &entries {
            let (name, entry) = (name.as_str(), *entry);
            if is_ignored_name(name) || name.ends_with(".meta") || !matches!(entry, EntryKind::File | EntryKind::Dir) {
                continue;
            }
            let child = dir.join(name);
            let folder = entry == EntryKind::Dir;
            if folder {
                subdirs.push(child.clone());
            }
            // Taken (by the listing) before the files are read: a change after it
            // moves the stamp, so a stale read is never taken for current.
            let stamp = asset_stamp(&entries, name, folder, *stamp);
            let Ok(meta_bytes) = self.fs.read(&child.meta_path(), MAX_META_BYTES) else { continue };
            let Ok(meta) = crate::meta::parse(&meta_bytes) else { continue };
            let mut refs = refs::mentions(&meta_bytes);
            if !folder {
                let content = self.content_refs(&child, None);
                merge(&mut refs, content);
            }
            refs.stamp = stamp;
            found.push((Asset::at(meta.guid, &child, &self.kind_at(&child, entry)), refs));
        }
        Ok((found, subdirs))
    }

    /// Installs a whole scan: the registry (see [`AssetDb::register`]) and the graph.
    pub fn install(&self, scanned: Vec<(Asset, FileRefs)>) -> ScanReport {
        let assets: Vec<Asset> = scanned.iter().map(|(a, _)| a.clone()).collect();
        let report = self.register(&assets);
        self.graph.clear();
        for (a, refs) in scanned {
            if self.registry.owner(a.guid).as_ref() == Some(&a.path) {
                self.graph.set(a.guid, refs);
            }
        }
        report
    }

    /// The roots a scan starts from: `Assets` and every package folder.
    pub fn scan_roots(&self) -> Vec<AssetPath> {
        self.roots().unwrap_or_else(|_| vec![AssetPath::from_trusted("Assets")])
    }

    /// Indexes what `assets` mention (the graph half of the start-up scan; the server
    /// runs it on several threads, each on a slice).
    pub fn index_assets(&self, assets: &[Asset]) {
        for a in assets {
            if self.registry.owner(a.guid).as_ref() == Some(&a.path) {
                self.index_refs(a.guid, &a.path, a.folder);
            }
        }
    }

    /// The whole start-up scan on this thread. A folder that cannot be listed fails
    /// the rebuild and leaves the index as it was (a partial index would silently
    /// forget that folder's assets).
    pub fn build_index(&self) -> Result<ScanReport, OpError> {
        let mut queue = self.scan_roots();
        let mut scanned = Vec::new();
        while let Some(dir) = queue.pop() {
            let (found, subdirs) = self.scan_dir(&dir)?;
            scanned.extend(found);
            queue.extend(subdirs);
        }
        Ok(self.install(scanned))
    }

    /// After an operation was cut short by a panic (a bug, or an injected fault), the
    /// index may not know what it changed on disk: re-read what the operation touched
    /// (its paths, deep), or the whole project for one without paths (Refresh).
    pub fn repair_after_panic(&self, op: &crate::op::Op) {
        match op.paths() {
            Some(paths) => {
                for p in paths {
                    self.reconcile(&self.on_disk(p), true);
                }
            }
            None if op.is_query() => {}
            None => {
                let _ = self.build_index();
            }
        }
    }

    /// Brings the index in line with what is at `path` now, after a change made
    /// behind the server's back (the Editor, `git checkout`, a file manager): a path
    /// that exists is re-read (with `deep`, a folder with everything in it, at most
    /// [`MAX_RECONCILE_ENTRIES`] entries), a path that is gone is forgotten. A GUID
    /// another asset already holds is left to Refresh or Import, which re-identify the
    /// copy: a watcher never takes a GUID from the asset that held it first.
    pub fn reconcile(&self, path: &AssetPath, deep: bool) {
        let mut stack = vec![path.clone()];
        let mut visited = 0usize;
        while let Some(p) = stack.pop() {
            visited += 1;
            if visited > MAX_RECONCILE_ENTRIES {
                return;
            }
            match self.probe(p.as_str()) {
                Ok(Some(kind @ (EntryKind::File | EntryKind::Dir))) => {
                    let folder = kind == EntryKind::Dir;
                    if let Ok(Some((meta, _))) = self.read_meta(&p) {
                        match self.registry.owner(meta.guid) {
                            Some(owner) if owner != p && self.holds(&owner, meta.guid) => self.registry.mark_ambiguous(meta.guid),
                            _ => self.hold(meta.guid, &p, folder),
                        }
                    }
                    if folder && deep {
                        if let Ok(entries) = self.fs.list_dir(p.as_str()) {
                            stack.extend(
                                entries
                                    .into_iter()
                                    .filter(|(n, k)| !is_ignored_name(n) && !n.ends_with(".meta") && matches!(k, EntryKind::File | EntryKind::Dir))
                                    .map(|(n, _)| p.join(&n)),
                            );
                        }
                    }
                }
                Ok(_) => {
                    for guid in self.registry.forget_under(&p) {
                        self.graph.remove(guid);
                    }
                }
                Err(_) => {}
            }
        }
    }

    /// Assets indexed in the graph.
    pub fn indexed_assets(&self) -> usize {
        self.graph.len()
    }
}

/// The stamp of the asset `name` in a stamped listing of its folder: its `.meta`'s
/// and, for a file, its own (`own`) and whether its name says it is read for
/// references (a renamed file may change that); `None` when either is unknown.
pub(super) fn asset_stamp(entries: &[(String, EntryKind, Option<Stamp>)], name: &str, folder: bool, own: Option<Stamp>) -> Option<Stamp> {
    let meta_name = format!("{name}.meta");
    let meta = entries.binary_search_by(|(n, _, _)| n.as_str().cmp(&meta_name)).ok().and_then(|i| entries[i].2);
    // A file whose content is never read counts by its name alone (a different
    // constant from a folder's, and from any stamp of read content).
    let content = if folder {
        Some(Stamp(0))
    } else if reads_content(name) {
        Some(Stamp::of(&[own?.0, 1]))
    } else {
        Some(Stamp(1))
    };
    Stamp::pair(meta, content)
}

/// The files of a listing whose stamps Refresh and the start-up scan use: every
/// `.meta`, and assets whose content is read for references.
pub(super) fn stamp_wanted(name: &str) -> bool {
    name.ends_with(".meta") || reads_content(name)
}

/// True if a file called `name` is read for what it references.
fn reads_content(name: &str) -> bool {
    !crate::path::extension_of(name).is_some_and(|e| refs::never_references(&e))
}

/// Adds `more` (a file's mentions) to `into` (its `.meta`'s).
fn merge(into: &mut FileRefs, more: FileRefs) {
    into.guids.extend(more.guids);
    into.guids.sort_unstable();
    into.guids.dedup();
    into.loose.extend(more.loose);
    into.loose.retain(|g| into.guids.binary_search(g).is_err());
    into.loose.sort_unstable();
    into.loose.dedup();
    into.scanned = more.scanned;
}
