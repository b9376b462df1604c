//! CheckProject: what is wrong with the project, changing nothing. Missing and orphan
//! `.meta` files, corrupt ones and GUIDs held twice (what DeNA's unity-meta-check
//! finds), plus references to GUIDs nothing provides.

use super::{AssetDb, Stop};
use crate::error::OpError;
use crate::fs::{is_temp_name, EntryKind};
use crate::index::is_builtin;
use crate::meta::{self, Guid, MAX_META_BYTES};
use crate::path::{is_ignored_name, AssetPath};
use std::collections::{BTreeMap, HashSet};

/// Most problems one answer lists (a broken merge can make millions).
pub const MAX_PROBLEMS: usize = 10_000;
/// Most package `.meta` files read from Library/PackageCache to resolve references.
const MAX_PACKAGE_CACHE_METAS: usize = 2_000_000;

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// `missing_meta`, `orphan_meta`, `duplicate_guid`, `dangling_reference`, `corrupt_meta`.
    pub kind: &'static str,
    /// The asset (or `.meta`) concerned.
    pub asset_path: String,
    /// The GUID concerned, if any.
    pub guid: Option<Guid>,
    /// What is wrong, and what to do.
    pub detail: String,
}

impl AssetDb {
    /// Every problem, sorted by kind and path (at most [`MAX_PROBLEMS`]).
    pub fn check_project(&self) -> Result<Vec<Problem>, OpError> {
        self.check_project_within(&Stop::never())
    }

    /// [`AssetDb::check_project`], stopping between two entries when `stop` says so.
    pub fn check_project_within(&self, stop: &Stop) -> Result<Vec<Problem>, OpError> {
        let mut problems = Vec::new();
        let mut held: BTreeMap<Guid, Vec<String>> = BTreeMap::new();
        for root in self.roots()? {
            self.check_tree(&root, &mut problems, &mut held, stop)?;
        }
        for (guid, paths) in &held {
            if paths.len() > 1 {
                for p in paths {
                    problems.push(Problem {
                        kind: "duplicate_guid",
                        asset_path: p.clone(),
                        guid: Some(*guid),
                        detail: format!("guid {guid} is held by {} assets: {}; Refresh gives the copies fresh GUIDs", paths.len(), paths.join(", ")),
                    });
                }
            }
        }
        let packages = self.package_cache_guids();
        let manifest = self.manifest_packages();
        for (guid, referrers) in self.graph.all_mentioned() {
            if is_builtin(guid) || held.contains_key(&guid) || packages.contains(&guid) {
                continue;
            }
            let detail = if manifest.is_empty() {
                format!("references guid {guid}, which nothing in the project provides, and Packages/manifest.json lists no registry package that could")
            } else {
                format!(
                    "references guid {guid}, which nothing in the project provides{}; Packages/manifest.json lists {} registry packages ({}) that may provide it once Unity resolves them",
                    if self.fs.kind("Library/PackageCache").ok().flatten().is_some() { " nor Library/PackageCache" } else { " (Library/PackageCache is absent)" },
                    manifest.len(),
                    manifest.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
                )
            };
            for r in referrers {
                if let Some(a) = self.asset_of(r) {
                    problems.push(Problem { kind: "dangling_reference", asset_path: a.path.into_string(), guid: Some(guid), detail: detail.clone() });
                }
            }
        }
        problems.sort();
        problems.truncate(MAX_PROBLEMS);
        Ok(problems)
    }

    /// `Assets` and every package folder under `Packages/`.
    pub fn roots(&self) -> Result<Vec<AssetPath>, OpError> {
        let mut roots = vec![AssetPath::from_trusted("Assets")];
        if let Ok(Some(EntryKind::Dir)) = self.fs.kind("Packages") {
            let packages = self.fs.list_dir("Packages").map_err(|e| OpError::io("cannot list 'Packages'", &e))?;
            roots.extend(
                packages
                    .into_iter()
                    .filter(|(n, k)| *k == EntryKind::Dir && !is_ignored_name(n))
                    .map(|(n, _)| AssetPath::from_trusted(format!("Packages/{n}"))),
            );
        }
        Ok(roots)
    }

    fn check_tree(&self, root: &AssetPath, problems: &mut Vec<Problem>, held: &mut BTreeMap<Guid, Vec<String>>, stop: &Stop) -> Result<(), OpError> {
        if self.fs.kind(root.as_str()).ok().flatten() != Some(EntryKind::Dir) {
            return Ok(());
        }
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = self.fs.list_dir(dir.as_str()).map_err(|e| OpError::io(&format!("cannot list '{dir}'"), &e))?;
            let find = |name: &str| self.find_listed(&entries, name);
            for (name, entry) in &entries {
                stop.tick()?;
                let child = dir.join(name);
                if is_temp_name(name) {
                    continue;
                }
                if let Some(target) = name.strip_suffix(".meta") {
                    if *entry != EntryKind::File {
                        continue;
                    }
                    let bytes = self.fs.read(child.as_str(), MAX_META_BYTES).unwrap_or_default();
                    let orphan = match find(target) {
                        None => !(self.keep_orphan_folder_metas && meta::parse(&bytes).is_ok_and(|m| m.folder_asset)),
                        Some(EntryKind::File | EntryKind::Dir) => is_ignored_name(target),
                        Some(_) => false,
                    };
                    if orphan {
                        problems.push(Problem {
                            kind: "orphan_meta",
                            asset_path: child.into_string(),
                            guid: meta::parse(&bytes).ok().map(|m| m.guid),
                            detail: format!("no asset '{target}' beside it; Refresh removes it (or restore the asset to keep its GUID)"),
                        });
                    }
                    continue;
                }
                if is_ignored_name(name) || !matches!(entry, EntryKind::File | EntryKind::Dir) {
                    continue;
                }
                if find(&format!("{name}.meta")).is_none() {
                    problems.push(Problem {
                        kind: "missing_meta",
                        asset_path: child.as_str().to_string(),
                        guid: None,
                        detail: "no .meta: Unity would give it a new GUID; Refresh or import_asset writes one".into(),
                    });
                } else {
                    match self.read_meta(&child) {
                        Ok(Some((m, _))) => held.entry(m.guid).or_default().push(child.as_str().to_string()),
                        Ok(None) => {}
                        Err(e) => problems.push(Problem { kind: "corrupt_meta", asset_path: child.meta_path(), guid: None, detail: e.message }),
                    }
                }
                if *entry == EntryKind::Dir {
                    stack.push(child);
                }
            }
        }
        Ok(())
    }

    /// GUIDs of the registry packages Unity unpacked into Library/PackageCache.
    fn package_cache_guids(&self) -> HashSet<Guid> {
        let mut out = HashSet::new();
        let mut stack = vec!["Library/PackageCache".to_string()];
        let mut read = 0;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = self.fs.list_dir(&dir) else { continue };
            for (name, kind) in entries {
                let path = format!("{dir}/{name}");
                match kind {
                    EntryKind::Dir => stack.push(path),
                    EntryKind::File if name.ends_with(".meta") && read < MAX_PACKAGE_CACHE_METAS => {
                        read += 1;
                        if let Some(m) = self.fs.read(&path, MAX_META_BYTES).ok().and_then(|b| meta::parse(&b).ok()) {
                            out.insert(m.guid);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The registry packages Packages/manifest.json lists (its `dependencies` keys
    /// whose value is a version, not a `file:` path).
    fn manifest_packages(&self) -> Vec<String> {
        let Ok(bytes) = self.fs.read("Packages/manifest.json", MAX_META_BYTES) else { return Vec::new() };
        let text = String::from_utf8_lossy(&bytes);
        let Some(deps) = text.find("\"dependencies\"").map(|i| &text[i..]) else { return Vec::new() };
        let body = deps.split_once('{').map(|(_, b)| b.split('}').next().unwrap_or("")).unwrap_or("");
        body.split(',')
            .filter_map(|pair| {
                let (k, v) = pair.split_once(':')?;
                let (k, v) = (k.trim().trim_matches('"'), v.trim().trim_matches('"'));
                (!k.is_empty() && !v.starts_with("file:")).then(|| k.to_string())
            })
            .collect()
    }
}
