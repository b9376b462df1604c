//! Import: make Unity know an asset. Creates the `.meta` if missing, keeps the GUID if
//! present (unless another asset already holds it: then the copy gets a fresh one); a
//! folder import also gives metas to contents lacking one.

use super::{Asset, AssetDb};
use crate::error::OpError;
use crate::fs::{is_temp_name, EntryKind};
use crate::path::{is_ignored_name, AssetPath};

impl AssetDb {
    /// Imports the file or folder at `path`. Missing -> code 5.
    pub fn import(&self, path: &AssetPath) -> Result<Asset, OpError> {
        let Some(entry) = self.entry("asset_path", path)? else {
            return Err(OpError::not_found(format!("asset_path: '{path}' does not exist")));
        };
        let kind = self.kind_at(path, entry);
        let guid = match self.read_meta(path)? {
            Some((meta, bytes)) => self.claim(path, entry == EntryKind::Dir, &meta, &bytes, true)?,
            None => self.write_new_meta(path, &kind)?,
        };
        if entry == EntryKind::Dir {
            self.import_contents(path)?;
        }
        Ok(Asset::at(guid, path, &kind))
    }

    /// Gives a `.meta` to every entry under `dir` lacking one (Unity's ignore rules
    /// apply; links are neither followed nor given metas). Returns how many it wrote.
    pub(super) fn import_contents(&self, dir: &AssetPath) -> Result<u32, OpError> {
        let mut created = 0u32;
        let mut stack = vec![dir.clone()];
        while let Some(dir) = stack.pop() {
            let entries = self
                .fs
                .list_dir(dir.as_str())
                .map_err(|e| OpError::io(&format!("cannot list '{dir}'"), &e))?;
            let has = |name: &str| entries.binary_search_by(|(n, _)| n.as_str().cmp(name)).is_ok();
            for (name, entry) in &entries {
                if is_ignored_name(name) || is_temp_name(name) || name.ends_with(".meta") {
                    continue;
                }
                if !matches!(entry, EntryKind::File | EntryKind::Dir) {
                    continue;
                }
                let child = dir.join(name);
                if !has(&format!("{name}.meta")) {
                    self.write_new_meta(&child, &self.kind_at(&child, *entry))?;
                    created += 1;
                } else if let Ok(Some((meta, bytes))) = self.read_meta(&child) {
                    // A copied folder brings its metas: its duplicates get fresh GUIDs.
                    // (A corrupt .meta is left alone here; importing it names the fault.)
                    self.claim(&child, *entry == EntryKind::Dir, &meta, &bytes, false)?;
                }
                if *entry == EntryKind::Dir {
                    stack.push(child);
                }
            }
        }
        Ok(created)
    }
}
