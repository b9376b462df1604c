//! Copy (Unity's Duplicate) and CreateFolder.
//!
//! A copy gets fresh GUIDs throughout, and references inside the copied set that
//! point into the copied set are rewritten to the copies, so a duplicated folder of a
//! prefab and its material is self-contained; references to the outside stay.

use super::{Asset, AssetDb};
use crate::error::{ErrorKind, OpError};
use crate::fs::{is_temp_name, EntryKind};
use crate::index::refs::{is_text, MAX_SCAN_BYTES};
use crate::meta::{self, Guid, MAX_META_BYTES};
use crate::path::{is_ignored_name, AssetPath};
use std::collections::HashMap;

/// Most entries one copy creates: bounds the plan held in memory.
pub const MAX_COPY_ENTRIES: usize = 1_000_000;

impl AssetDb {
    /// Copies `src` (a file or folder) to `dst` with fresh GUIDs. Errors as Move's:
    /// onto or into itself 3, source missing 5, destination exists 6, parent missing 9.
    pub fn copy_asset(&self, src: &AssetPath, dst: &AssetPath) -> Result<Asset, OpError> {
        let entry = self.check_relocation(src, dst, "be copied into itself")?;
        // The plan: every entry of the copied set (sorted, parents first), and a fresh
        // GUID for each GUID it holds.
        let mut plan = vec![(src.clone(), dst.clone(), entry)];
        if entry == EntryKind::Dir {
            let mut stack = vec![(src.clone(), dst.clone())];
            while let Some((from, to)) = stack.pop() {
                let entries = self.fs.list_dir(from.as_str()).map_err(|e| OpError::io(&format!("cannot list '{from}'"), &e))?;
                for (name, kind) in entries {
                    if is_ignored_name(&name) || is_temp_name(&name) || name.ends_with(".meta") || !matches!(kind, EntryKind::File | EntryKind::Dir) {
                        continue;
                    }
                    let (f, t) = (from.join(&name), to.join(&name));
                    if kind == EntryKind::Dir {
                        stack.push((f.clone(), t.clone()));
                    }
                    plan.push((f, t, kind));
                    if plan.len() > MAX_COPY_ENTRIES {
                        return Err(OpError::new(ErrorKind::Exhausted, format!("src_path: '{src}' has over {MAX_COPY_ENTRIES} entries; copy it in parts")));
                    }
                }
            }
            plan.sort_by(|a, b| a.1.cmp(&b.1));
        }
        let mut fresh: HashMap<Guid, Guid> = HashMap::new();
        let mut metas = Vec::with_capacity(plan.len());
        for (from, _, _) in &plan {
            let m = self.read_meta(from)?.map(|(m, bytes)| (m, bytes.to_vec()));
            if let Some((m, _)) = &m {
                fresh.entry(m.guid).or_insert_with(|| self.guids.next_guid());
            }
            metas.push(m);
        }
        let rewrite = |bytes: &[u8]| -> Vec<u8> { rewrite_guids(bytes, &fresh) };
        for ((from, to, kind), m) in plan.iter().zip(metas) {
            let io = |what: &str, e: std::io::Error| OpError::io(&format!("cannot {what} '{to}' (the copy is incomplete; delete it and retry)"), &e);
            if *kind == EntryKind::Dir {
                self.fs.create_dir(to.as_str()).map_err(|e| io("create", e))?;
            } else {
                let text = self.fs.read(from.as_str(), MAX_SCAN_BYTES).ok().filter(|b| is_text(b));
                match text {
                    Some(bytes) if !fresh.is_empty() => self.fs.write_atomic(to.as_str(), &rewrite(&bytes)).map_err(|e| io("write", e))?,
                    _ => self.fs.copy_file(from.as_str(), to.as_str()).map_err(|e| io("copy to", e))?,
                }
            }
            match m {
                Some((m, bytes)) => {
                    let new = meta::with_guid(&bytes, &m, fresh[&m.guid]);
                    self.fs.write_atomic(&to.meta_path(), &rewrite(&new)).map_err(|e| io("write the .meta of", e))?;
                }
                None => {
                    self.write_new_meta(to, &self.kind_at(to, *kind))?;
                }
            }
        }
        // Index the copies once all exist (a copy may mention a later one).
        for (_, to, kind) in &plan {
            if let Some(bytes) = self.fs.read(&to.meta_path(), MAX_META_BYTES).ok() {
                if let Ok(m) = meta::parse(&bytes) {
                    self.hold(m.guid, to, *kind == EntryKind::Dir);
                }
            }
        }
        self.info(dst)
    }

    /// Creates the folder `path` with its `.meta`, as AssetDatabase.CreateFolder:
    /// the parent must exist (9), the folder must not (6).
    pub fn create_folder(&self, path: &AssetPath) -> Result<Asset, OpError> {
        if self.entry("asset_path", path)?.is_some() {
            return Err(OpError::new(ErrorKind::AlreadyExists, format!("asset_path: '{path}' already exists")));
        }
        if let Some(other) = self.collision(path) {
            return Err(OpError::new(ErrorKind::AlreadyExists, format!("asset_path: '{other}' already exists (names differ only in case, which this file system ignores)")));
        }
        if let Some(parent) = path.parent().filter(|p| p.as_str() != "Assets") {
            match self.entry("asset_path", &parent)? {
                Some(EntryKind::Dir) => {}
                Some(_) => return Err(OpError::precondition(format!("asset_path: parent '{parent}' is not a folder"))),
                None => return Err(OpError::precondition(format!("asset_path: parent folder '{parent}' does not exist"))),
            }
        }
        self.fs.create_dir(path.as_str()).map_err(|e| OpError::io(&format!("asset_path: cannot create '{path}'"), &e))?;
        // A leftover .meta (git's empty folder) is the folder's: keep its GUID.
        let guid = match self.read_meta(path) {
            Ok(Some((m, bytes))) => self.claim(path, true, &m, &bytes, true)?,
            _ => self.write_new_meta(path, &crate::kind::FOLDER)?,
        };
        Ok(Asset::at(guid, path, &crate::kind::FOLDER))
    }
}

/// `bytes` with every GUID of `fresh`'s keys (as 32 lowercase hex) replaced by its
/// fresh value. Random 128-bit GUIDs do not occur by chance.
fn rewrite_guids(bytes: &[u8], fresh: &HashMap<Guid, Guid>) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i + 32 <= out.len() {
        if out[i].is_ascii_hexdigit() && (i == 0 || !out[i - 1].is_ascii_hexdigit()) {
            let end = i + 32;
            if out[i..end].iter().all(u8::is_ascii_hexdigit) && out.get(end).is_none_or(|b| !b.is_ascii_hexdigit()) {
                if let Some(new) = std::str::from_utf8(&out[i..end]).ok().and_then(Guid::parse).and_then(|g| fresh.get(&g)) {
                    out[i..end].copy_from_slice(new.to_string().as_bytes());
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_whole_known_guids() {
        let a = Guid(0xaaaa_0000_0000_0000_0000_0000_0000_0001);
        let b = Guid(0xbbbb_0000_0000_0000_0000_0000_0000_0002);
        let fresh = HashMap::from([(a, b)]);
        let text = format!("m_Material: {{fileID: 2100000, guid: {a}, type: 2}}\nx: {a}0\nother: ffff{a}\n");
        let out = String::from_utf8(rewrite_guids(text.as_bytes(), &fresh)).unwrap();
        assert_eq!(out, format!("m_Material: {{fileID: 2100000, guid: {b}, type: 2}}\nx: {a}0\nother: ffff{a}\n"));
    }
}
