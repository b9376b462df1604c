//! Questions the asset graph answers from memory: find assets, who references an
//! asset, what an asset depends on.

use super::{Asset, AssetDb, Stop};
use crate::error::OpError;
use crate::index::{is_builtin, Glob};
use crate::kind::{kind_for, FOLDER};
use crate::meta::Guid;
use crate::path::AssetPath;
use std::collections::{BTreeSet, HashSet, VecDeque};

/// Most assets one FindAssets answer lists when the client sets no limit.
pub const DEFAULT_FIND_LIMIT: usize = 1000;
/// Most assets any FindAssets answer lists (a larger limit is clamped).
pub const MAX_FIND_LIMIT: usize = 100_000;

/// What to find (all set criteria must hold).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindQuery {
    /// Exactly this GUID.
    pub guid: Option<Guid>,
    /// Paths matching this glob (`**`, `*`, `?`).
    pub path_glob: Option<String>,
    /// Unity's type name (`Texture2D`, `Material`, ...).
    pub type_name: Option<String>,
    /// Most results (0: [`DEFAULT_FIND_LIMIT`]).
    pub limit: u32,
}

/// Whose references to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The asset (or folder) at a path.
    Path(AssetPath),
    /// An asset by GUID.
    Guid(Guid),
}

impl AssetDb {
    /// The asset the registry has for `guid`.
    pub(super) fn asset_of(&self, guid: Guid) -> Option<Asset> {
        let held = self.registry.get(guid)?;
        let kind = if held.folder { FOLDER } else { kind_for(held.path.file_name(), self.version) };
        Some(Asset::at(guid, &held.path, &kind))
    }

    /// Assets matching `q`, sorted by path, and whether more matched than listed.
    pub fn find_assets(&self, q: &FindQuery) -> (Vec<Asset>, bool) {
        // Never stopped, so never an error.
        self.find_assets_within(q, &Stop::never()).unwrap_or_default()
    }

    /// [`AssetDb::find_assets`], stopping between two candidates when `stop` says so.
    pub fn find_assets_within(&self, q: &FindQuery, stop: &Stop) -> Result<(Vec<Asset>, bool), OpError> {
        let limit = match q.limit as usize {
            0 => DEFAULT_FIND_LIMIT,
            n => n.min(MAX_FIND_LIMIT),
        };
        let candidates: Vec<Asset> = match q.guid {
            Some(g) => self.asset_of(g).into_iter().collect(),
            None => self.registry.entries().into_iter().filter_map(|(g, _)| self.asset_of(g)).collect(),
        };
        let glob = q.path_glob.as_deref().map(Glob::new);
        let mut found: Vec<Asset> = Vec::new();
        for a in candidates {
            stop.tick()?;
            if glob.as_ref().is_none_or(|g| g.matches(a.path.as_str()))
                && q.type_name.as_deref().is_none_or(|t| a.type_name.eq_ignore_ascii_case(t))
            {
                found.push(a);
            }
        }
        found.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let truncated = found.len() > limit;
        found.truncate(limit);
        Ok((found, truncated))
    }

    /// The GUIDs of `target` (a folder: it and everything inside it). Missing -> 5.
    fn target_guids(&self, field: &str, target: &Target) -> Result<(Vec<Guid>, Option<AssetPath>), OpError> {
        match target {
            Target::Guid(g) => match self.registry.get(*g) {
                Some(h) if h.folder => Ok((self.registry.under(&h.path).into_iter().map(|(g, _)| g).collect(), Some(h.path))),
                Some(h) => Ok((vec![*g], Some(h.path))),
                // A GUID nothing holds may still be referenced (a dangling reference).
                None => Ok((vec![*g], None)),
            },
            Target::Path(p) => {
                let asset = self.info(p).map_err(|e| OpError { message: e.message.replacen("asset_path", field, 1), ..e })?;
                if asset.folder {
                    let mut guids: Vec<Guid> = self.registry.under(p).into_iter().map(|(g, _)| g).collect();
                    if !guids.contains(&asset.guid) {
                        guids.push(asset.guid);
                    }
                    Ok((guids, Some(p.clone())))
                } else {
                    Ok((vec![asset.guid], Some(p.clone())))
                }
            }
        }
    }

    /// Every asset whose file or `.meta` mentions `target` (for a folder: anything
    /// inside it, mentioned from outside it), sorted by path.
    pub fn find_references(&self, target: &Target) -> Result<Vec<Asset>, OpError> {
        self.find_references_within(target, &Stop::never())
    }

    /// [`AssetDb::find_references`], stopping between two GUIDs when `stop` says so.
    pub fn find_references_within(&self, target: &Target, stop: &Stop) -> Result<Vec<Asset>, OpError> {
        let (guids, root) = self.target_guids("asset_path", target)?;
        let inside: HashSet<Guid> = guids.iter().copied().collect();
        let mut referrers: BTreeSet<Guid> = BTreeSet::new();
        for g in &guids {
            stop.tick()?;
            referrers.extend(self.graph.referrers(*g).into_iter().filter(|r| !inside.contains(r)));
        }
        let mut out: Vec<Asset> = referrers
            .into_iter()
            .filter_map(|r| self.asset_of(r))
            .filter(|a| root.as_ref().is_none_or(|root| !(a.path == *root || root.is_ancestor_of(&a.path))))
            .collect();
        out.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// FindReferences with its `usages`: where in each Unity YAML referrer the
    /// references sit.
    pub fn references_and_usages_within(&self, target: &Target, stop: &Stop) -> Result<(Vec<Asset>, Vec<super::ReferenceUsage>), OpError> {
        let referrers = self.find_references_within(target, stop)?;
        let (guids, _) = self.target_guids("asset_path", target)?;
        let usages = self.usages(&referrers, &guids, stop)?;
        Ok((referrers, usages))
    }

    /// What the asset at `path` mentions that resolves to an asset, and the GUIDs
    /// that resolve to nothing (built-in resources excepted); with `recursive`, what
    /// those depend on too (each once).
    pub fn dependencies(&self, path: &AssetPath, recursive: bool) -> Result<(Vec<Asset>, Vec<Guid>), OpError> {
        self.dependencies_within(path, recursive, &Stop::never())
    }

    /// [`AssetDb::dependencies`], stopping between two assets when `stop` says so.
    pub fn dependencies_within(&self, path: &AssetPath, recursive: bool, stop: &Stop) -> Result<(Vec<Asset>, Vec<Guid>), OpError> {
        let root = self.info(path)?;
        let mut seen: HashSet<Guid> = HashSet::from([root.guid]);
        let mut queue = VecDeque::from([root.guid]);
        let mut deps = Vec::new();
        let mut unresolved = BTreeSet::new();
        while let Some(g) = queue.pop_front() {
            stop.tick()?;
            let Some((keyed, loose, _)) = self.graph.mentions(g) else { continue };
            for (m, is_keyed) in keyed.into_iter().map(|m| (m, true)).chain(loose.into_iter().map(|m| (m, false))) {
                if is_builtin(m) || !seen.insert(m) {
                    continue;
                }
                match self.asset_of(m) {
                    Some(a) => {
                        deps.push(a);
                        if recursive {
                            queue.push_back(m);
                        }
                    }
                    // A loose 32-hex run that names no asset is a hash, not a reference.
                    None if is_keyed => {
                        unresolved.insert(m);
                    }
                    None => {}
                }
            }
            if !recursive {
                break;
            }
        }
        deps.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        Ok((deps, unresolved.into_iter().collect()))
    }

    /// Referrers of the assets at or beneath `path` from outside it (what deleting
    /// it would leave dangling).
    pub(super) fn referrers_from_outside(&self, path: &AssetPath) -> Vec<Asset> {
        self.find_references(&Target::Path(path.clone())).unwrap_or_default()
    }
}
