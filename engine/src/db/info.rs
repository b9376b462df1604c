//! Info: what Unity knows of an asset, without writing anything.

use super::{Asset, AssetDb};
use crate::error::OpError;
use crate::path::AssetPath;

impl AssetDb {
    /// The asset at `path` as its `.meta` describes it. Missing -> 5; present but
    /// never imported (no `.meta`) -> 9.
    pub fn info(&self, path: &AssetPath) -> Result<Asset, OpError> {
        // Answered in the on-disk spelling on a case-insensitive file system.
        let on_disk = self.on_disk(path);
        let path = on_disk.as_ref();
        let Some(entry) = self.entry("asset_path", path)? else {
            return Err(OpError::not_found(format!("asset_path: '{path}' does not exist")));
        };
        match self.read_meta(path)? {
            Some((meta, _)) => Ok(Asset::at(meta.guid, path, &self.kind_at(path, entry))),
            None => Err(OpError::precondition(format!("asset_path: '{path}' has no .meta yet; import it or Refresh"))),
        }
    }
}

impl AssetDb {
    /// Imported assets (those with a readable `.meta`) under `Assets/` and package
    /// folders, in a sorted depth-first walk, at most `max`. Read-only.
    pub fn list_assets(&self, max: usize) -> Result<Vec<Asset>, OpError> {
        use crate::fs::EntryKind;
        use crate::path::is_ignored_name;
        let mut out = Vec::new();
        let mut roots = vec![AssetPath::from_trusted("Assets")];
        if let Ok(entries) = self.fs.list_dir("Packages") {
            roots.extend(
                entries
                    .into_iter()
                    .filter(|(n, k)| *k == EntryKind::Dir && !is_ignored_name(n))
                    .map(|(n, _)| AssetPath::from_trusted(format!("Packages/{n}"))),
            );
        }
        for root in roots {
            let mut stack = vec![root];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = self.fs.list_dir(dir.as_str()) else { continue };
                let mut subdirs = Vec::new();
                for (name, entry) in entries {
                    if is_ignored_name(&name) || name.ends_with(".meta") || !matches!(entry, EntryKind::File | EntryKind::Dir) {
                        continue;
                    }
                    let child = dir.join(&name);
                    if let Ok(Some((meta, _))) = self.read_meta(&child) {
                        out.push(Asset::at(meta.guid, &child, &self.kind_at(&child, entry)));
                    }
                    if entry == EntryKind::Dir {
                        subdirs.push(child);
                    }
                }
                // Reversed so the stack visits sub-folders in name order.
                stack.extend(subdirs.into_iter().rev());
                if out.len() >= max {
                    out.truncate(max);
                    return Ok(out);
                }
            }
        }
        Ok(out)
    }
}
