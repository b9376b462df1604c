//! Move: a file or a whole folder moves together with its `.meta` files; every GUID is
//! kept, so references to it survive.

use super::{Asset, AssetDb};
use crate::error::OpError;
use crate::fs::EntryKind;
use crate::path::AssetPath;

impl AssetDb {
    /// Moves `src` to `dst`.
    ///
    /// Errors: onto or into itself 3, source missing 5, destination (or a `.meta` at
    /// its place) exists 6, destination parent missing 9. A failed move changes nothing.
    ///
    /// Order, chosen so an interruption never loses the GUID: copy the `.meta` to its
    /// new place, rename the asset, remove the old `.meta`. Cut after the first step,
    /// the new `.meta` is an orphan; after the second, the old one is; Refresh removes
    /// either, and the GUID stays with the asset.
    pub fn move_asset(&self, src: &AssetPath, dst: &AssetPath) -> Result<Asset, OpError> {
        if self.is_case_only_rename(src, dst) {
            return self.rename_case(src, dst);
        }
        let entry = self.check_relocation(src, dst, "move into itself")?;
        let dst_meta = dst.meta_path();
        let kind = self.kind_at(src, entry);
        let asset = |guid| Asset::at(guid, dst, &kind);

        let Some((meta, meta_bytes)) = self.read_meta(src)? else {
            // Never imported: move it, then give it a .meta as Unity would on import.
            self.fs.rename(src.as_str(), dst.as_str()).map_err(|e| OpError::io(&format!("cannot move '{src}' to '{dst}'"), &e))?;
            if entry == EntryKind::Dir && !crate::mutation::active(crate::mutation::Mutation::SkipIndexOnMove) {
                // Its contents may have metas the index knows.
                self.registry.rename_under(src, dst);
            }
            return Ok(asset(self.write_new_meta(dst, &kind)?));
        };
        self.fs
            .write_atomic(&dst_meta, &meta_bytes)
            .map_err(|e| OpError::io(&format!("cannot write '{dst_meta}'"), &e))?;
        if let Err(e) = self.fs.rename(src.as_str(), dst.as_str()) {
            // Undo the copy so the failed move leaves the project as it was.
            let _ = self.fs.remove_file(&dst_meta);
            return Err(OpError::io(&format!("cannot move '{src}' to '{dst}'"), &e));
        }
        // The move has happened; an old .meta that cannot be removed is an orphan that
        // Refresh repairs, not a failure of the move.
        let _ = self.fs.remove_file(&src.meta_path());
        if crate::mutation::active(crate::mutation::Mutation::SkipIndexOnMove) {
            return Ok(asset(meta.guid));
        }
        self.index_relocation(src, dst, entry, meta.guid);
        Ok(asset(meta.guid))
    }

    /// The index follows an asset (`guid`, or a folder and its contents) from `src` to
    /// `dst`, and UI Toolkit URLs that name the moved assets by path follow too.
    fn index_relocation(&self, src: &AssetPath, dst: &AssetPath, entry: EntryKind, guid: crate::meta::Guid) {
        let moved: std::collections::HashSet<crate::meta::Guid> = if entry == EntryKind::Dir {
            self.registry.rename_under(src, dst);
            self.registry.under(dst).into_iter().map(|(g, _)| g).collect()
        } else if self.registry.owner(guid).is_none_or(|owner| owner == *src) {
            if self.registry.guid_at(src).is_some_and(|g| g != guid) {
                self.forget_at(src);
            }
            // (A copy still sharing another asset's GUID does not take it by moving.)
            self.registry.record(guid, dst, false);
            self.reindex_renamed_file(guid, src, dst);
            std::collections::HashSet::from([guid])
        } else {
            Default::default()
        };
        self.rewrite_path_urls(&moved);
    }

    /// A case-only rename on a case-insensitive file system (`hero.png` to
    /// `Hero.png`, as the Editor allows): the asset and its `.meta` are renamed in
    /// place, the GUID kept. Writing a `.meta` copy first, as a move does, would write
    /// the same file, and removing the old one would remove it.
    fn rename_case(&self, src: &AssetPath, dst: &AssetPath) -> Result<Asset, OpError> {
        let Some(entry) = self.entry("src_path", src)? else {
            return Err(OpError::not_found(format!("src_path: '{src}' does not exist")));
        };
        let kind = self.kind_at(src, entry);
        let meta = self.read_meta(src)?.map(|(m, _)| m);
        self.rename_via_temp(src.as_str(), dst.as_str()).map_err(|e| OpError::io(&format!("cannot rename '{src}' to '{dst}'"), &e))?;
        if meta.is_some() {
            if let Err(e) = self.rename_via_temp(&src.meta_path(), &dst.meta_path()) {
                // Undo, so a failed rename leaves the project as it was.
                let _ = self.rename_via_temp(dst.as_str(), src.as_str());
                return Err(OpError::io(&format!("cannot rename '{}' to '{}'", src.meta_path(), dst.meta_path()), &e));
            }
        }
        let Some(meta) = meta else {
            if entry == EntryKind::Dir {
                self.registry.rename_under(src, dst);
            }
            return Ok(Asset::at(self.write_new_meta(dst, &kind)?, dst, &kind));
        };
        self.index_relocation(src, dst, entry, meta.guid);
        Ok(Asset::at(meta.guid, dst, &kind))
    }

    /// Renames `from` to `to`, one name that differs only in case, through a hidden
    /// name in the same folder: some file systems (Wine's, SMB shares) take a rename to
    /// the same file in another case as a no-op. The hidden name starts with `.`, so
    /// Unity ignores it, and does not look like an interrupted write, so Refresh never
    /// deletes it.
    fn rename_via_temp(&self, from: &str, to: &str) -> std::io::Result<()> {
        let (parent, name) = crate::fs::split_parent(from);
        let hidden = format!(".umcp-case-{:x}-{name}", self.guids.next_guid().0 as u32);
        let via = if parent.is_empty() { hidden } else { format!("{parent}/{hidden}") };
        self.fs.rename(from, &via)?;
        if let Err(e) = self.fs.rename(&via, to) {
            let _ = self.fs.rename(&via, from);
            return Err(e);
        }
        Ok(())
    }

    /// The checks Move and Copy share, in order: onto or into itself 3 (`into_itself`
    /// says what the folder cannot do), source missing 5, destination (or a `.meta` at
    /// its place) exists 6, destination parent missing 9. Returns what `src` is.
    pub(super) fn check_relocation(&self, src: &AssetPath, dst: &AssetPath, into_itself: &str) -> Result<EntryKind, OpError> {
        if src == dst {
            return Err(OpError::invalid(format!("dst_path: '{dst}' is the same as src_path")));
        }
        if src.is_ancestor_of(dst) {
            return Err(OpError::invalid(format!("dst_path: '{dst}' is inside src_path '{src}'; a folder cannot {into_itself}")));
        }
        let Some(entry) = self.entry("src_path", src)? else {
            return Err(OpError::not_found(format!("src_path: '{src}' does not exist")));
        };
        if self.entry("dst_path", dst)?.is_some() {
            return Err(OpError::new(crate::error::ErrorKind::AlreadyExists, format!("dst_path: '{dst}' already exists")));
        }
        if let Some(other) = self.collision(dst) {
            return Err(OpError::new(
                crate::error::ErrorKind::AlreadyExists,
                format!("dst_path: '{other}' already exists (names differ only in case, which this file system ignores)"),
            ));
        }
        let dst_meta = dst.meta_path();
        if self.probe(&dst_meta).map_err(|e| OpError::io(&format!("cannot inspect '{dst_meta}'"), &e))?.is_some() {
            return Err(OpError::new(
                crate::error::ErrorKind::AlreadyExists,
                format!("dst_path: '{dst_meta}' already exists (an orphan .meta; Refresh removes it)"),
            ));
        }
        self.check_parent_folder(dst)?;
        Ok(entry)
    }

    /// The parent folder of `dst` must exist (the roots always do).
    pub(super) fn check_parent_folder(&self, dst: &AssetPath) -> Result<(), OpError> {
        let Some(parent) = dst.parent() else { return Ok(()) };
        let is_root = parent.as_str() == "Assets";
        if is_root {
            return Ok(());
        }
        match self.entry("dst_path", &parent)? {
            Some(EntryKind::Dir) => Ok(()),
            Some(_) => Err(OpError::precondition(format!("dst_path: parent '{parent}' is not a folder"))),
            None => Err(OpError::precondition(format!("dst_path: parent folder '{parent}' does not exist"))),
        }
    }
}
