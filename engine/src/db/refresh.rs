//! Refresh: bring every `.meta` in line with the folder, as the Editor does on focus.
//! Creates missing metas (folders too), removes orphan metas and leftover temporaries,
//! and honours Unity's ignore rules.

use super::AssetDb;
use crate::error::OpError;
use crate::fs::{is_temp_name, EntryKind};
use crate::path::{is_ignored_name, AssetPath};

/// What a refresh changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshReport {
    /// `.meta` files written for assets that had none.
    pub metas_created: u32,
    /// Orphan `.meta` files removed.
    pub metas_removed: u32,
    /// Temporaries of interrupted atomic writes removed.
    pub temps_removed: u32,
}

impl AssetDb {
    /// Refreshes `Assets/` and every package folder under `Packages/`.
    pub fn refresh(&self) -> Result<RefreshReport, OpError> {
        let mut report = RefreshReport::default();
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
            self.refresh_tree(&root, &mut report)?;
        }
        Ok(report)
    }

    fn refresh_tree(&self, root: &AssetPath, report: &mut RefreshReport) -> Result<(), OpError> {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = self.fs.list_dir(dir.as_str()).map_err(|e| OpError::io(&format!("cannot list '{dir}'"), &e))?;
            let find = |name: &str| {
                entries.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| entries[i].1)
            };
            for (name, entry) in &entries {
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
                        None => true,
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
                if find(&format!("{name}.meta")).is_none() {
                    self.write_new_meta(&child, &super::kind_at(&child, *entry))?;
                    report.metas_created += 1;
                }
                if *entry == EntryKind::Dir {
                    stack.push(child);
                }
            }
        }
        Ok(())
    }
}
