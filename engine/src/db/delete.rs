//! Delete: remove a file or a whole folder together with its `.meta` files.

use super::{Asset, AssetDb};
use crate::error::OpError;
use crate::fs::EntryKind;
use crate::path::AssetPath;

impl AssetDb {
    /// Deletes `path` (recursively for folders) and its `.meta`. Missing -> 5.
    ///
    /// The asset goes first, then its `.meta`: an interruption in between leaves an
    /// orphan `.meta`, which Refresh removes.
    pub fn delete(&self, path: &AssetPath) -> Result<(), OpError> {
        self.delete_checked(path, false).map(|_| ())
    }

    /// Deletes `path`; returns the assets outside it that referenced something in it
    /// (now dangling). With `only_if_unreferenced`, deletes nothing if there are any
    /// and answers 9 naming them.
    pub fn delete_checked(&self, path: &AssetPath, only_if_unreferenced: bool) -> Result<Vec<Asset>, OpError> {
        let Some(entry) = self.entry("asset_path", path)? else {
            return Err(OpError::not_found(format!("asset_path: '{path}' does not exist")));
        };
        let referenced_by = self.referrers_from_outside(path);
        if only_if_unreferenced && !referenced_by.is_empty() {
            let names: Vec<&str> = referenced_by.iter().take(20).map(|a| a.path.as_str()).collect();
            return Err(OpError::precondition(format!(
                "asset_path: '{path}' is referenced by {} asset{} ({}{}); nothing was deleted",
                referenced_by.len(),
                if referenced_by.len() == 1 { "" } else { "s" },
                names.join(", "),
                if referenced_by.len() > names.len() { ", ..." } else { "" }
            ))
            .with_referrers(referenced_by));
        }
        // The GUIDs it held are free again (a file's is read first; a folder's are
        // found by path).
        let file_guid = if entry == EntryKind::Dir { None } else { self.read_meta(path).ok().flatten().map(|(m, _)| m.guid) };
        let removed = if entry == EntryKind::Dir {
            self.fs.remove_dir_all(path.as_str())
        } else {
            self.fs.remove_file(path.as_str())
        };
        removed.map_err(|e| OpError::io(&format!("asset_path: cannot delete '{path}'"), &e))?;
        match file_guid {
            // A copy that still shares its GUID with the asset that holds it (not yet
            // re-identified) takes nothing of that asset's with it.
            Some(guid) => {
                if self.registry.forget(guid, path) {
                    self.graph.remove(guid);
                }
                self.forget_at(path);
            }
            None if entry == EntryKind::Dir => {
                for guid in self.registry.forget_under(path) {
                    self.graph.remove(guid);
                }
            }
            None => {}
        }
        let meta_path = path.meta_path();
        match self.fs.remove_file(&meta_path) {
            Ok(()) => Ok(referenced_by),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(referenced_by),
            Err(e) => Err(OpError::io(&format!("deleted '{path}' but cannot delete '{meta_path}' (Refresh removes it)"), &e)),
        }
    }
}
