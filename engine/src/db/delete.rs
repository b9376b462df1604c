//! Delete: remove a file or a whole folder together with its `.meta` files.

use super::AssetDb;
use crate::error::OpError;
use crate::fs::EntryKind;
use crate::path::AssetPath;

impl AssetDb {
    /// Deletes `path` (recursively for folders) and its `.meta`. Missing -> 5.
    ///
    /// The asset goes first, then its `.meta`: an interruption in between leaves an
    /// orphan `.meta`, which Refresh removes.
    pub fn delete(&self, path: &AssetPath) -> Result<(), OpError> {
        let Some(entry) = self.entry("asset_path", path)? else {
            return Err(OpError::not_found(format!("asset_path: '{path}' does not exist")));
        };
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
            Some(guid) => self.registry.forget(guid, path),
            None if entry == EntryKind::Dir => self.registry.forget_under(path),
            None => {}
        }
        let meta_path = path.meta_path();
        match self.fs.remove_file(&meta_path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(OpError::io(&format!("deleted '{path}' but cannot delete '{meta_path}' (Refresh removes it)"), &e)),
        }
    }
}
