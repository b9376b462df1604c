//! Info: what Unity knows of an asset, without writing anything.

use super::{kind_at, Asset, AssetDb};
use crate::error::OpError;
use crate::path::AssetPath;

impl AssetDb {
    /// The asset at `path` as its `.meta` describes it. Missing -> 5; present but
    /// never imported (no `.meta`) -> 9.
    pub fn info(&self, path: &AssetPath) -> Result<Asset, OpError> {
        let Some(entry) = self.entry("asset_path", path)? else {
            return Err(OpError::not_found(format!("asset_path: '{path}' does not exist")));
        };
        match self.read_meta(path)? {
            Some((meta, _)) => Ok(Asset { guid: meta.guid, path: path.clone(), type_name: kind_at(path, entry).type_name }),
            None => Err(OpError::precondition(format!("asset_path: '{path}' has no .meta yet; import it or Refresh"))),
        }
    }
}
