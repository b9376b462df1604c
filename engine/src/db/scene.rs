//! GetHierarchy, GetObject and SetProperty: the inside of scenes, prefabs,
//! materials and every other text-serialized Unity file, through the Unity YAML
//! reader ([`crate::yaml`]) and the span-edit core ([`crate::text`]). SetProperty
//! changes only the bytes of the value, writes atomically, re-reads what it wrote
//! before answering, and the index sees a changed reference at once.

use super::{lock, Asset, AssetDb, Stop};
use crate::error::{ErrorKind, OpError};
use crate::meta::Guid;
use crate::path::AssetPath;
use crate::text::{sha256_hex, splice, Text};
use sha2::{Digest, Sha256};
use crate::yaml::hierarchy::{hierarchy, RawNode, ScriptRef};
use crate::yaml::set::{plan, GuidCheck, SetError};
use crate::yaml::{json, looks_like_unity_yaml, path as ypath, scripts, UnityFile};

/// Nodes a GetHierarchy answer holds when the client sets no limit.
pub const DEFAULT_HIERARCHY_LIMIT: u32 = 10_000;
/// Most nodes any answer holds (a larger limit is clamped).
pub const MAX_HIERARCHY_LIMIT: u32 = 1_000_000;
/// Default bound on a Unity YAML file read (config `max_yaml_bytes`): a 50 MB
/// scene is large; this leaves room while bounding one request's memory (the
/// reader holds the file and at most one document's nodes at a time).
pub const DEFAULT_MAX_YAML_BYTES: usize = 256 << 20;
/// GUIDs remembered as displaced by SetProperty (an undo sets them back).
pub const MAX_DISPLACED_GUIDS: std::num::NonZeroUsize = match std::num::NonZeroUsize::new(4096) {
    Some(n) => n,
    None => panic!("nonzero"),
};
/// Extensions of files Unity serializes itself (references to them are `type: 2`).
pub const UNITY_YAML_EXTENSIONS: &[&str] = &[
    "unity", "prefab", "mat", "asset", "controller", "anim", "overridecontroller", "physicmaterial", "physicsmaterial2d", "lighting", "mask",
    "playable", "signal", "rendertexture", "spriteatlas", "flare", "guiskin", "fontsettings", "terrainlayer", "mixer", "cubemap", "brush",
];

/// A component in a GetHierarchy answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SceneComponent {
    /// Its fileID.
    pub file_id: i64,
    /// Its class (`Transform`), a script's class name, or `MonoBehaviour` /
    /// `MonoBehaviour (missing script)`.
    pub type_name: String,
    /// The project script it runs, if the project has it.
    pub script: Option<Asset>,
    /// `m_Enabled`.
    pub enabled: bool,
}

/// A GameObject or prefab instance in a GetHierarchy answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SceneNode {
    /// The GameObject's fileID, or the prefab instance's.
    pub file_id: i64,
    /// Its name.
    pub name: String,
    /// `m_IsActive`.
    pub active: bool,
    /// `m_TagString`.
    pub tag: String,
    /// `m_Layer`.
    pub layer: i32,
    /// Components in order.
    pub components: Vec<SceneComponent>,
    /// Children in order.
    pub children: Vec<SceneNode>,
    /// The source prefab of a prefab instance.
    pub prefab: Option<Asset>,
}

/// What GetHierarchy answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hierarchy {
    /// Root objects in the scene's order.
    pub roots: Vec<SceneNode>,
    /// Nodes were left out: past `limit` (or below `max_depth`).
    pub truncated: bool,
    /// Nodes in the answer.
    pub node_count: u32,
}

/// What GetObject answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRead {
    /// The Unity class ID.
    pub class_id: i32,
    /// The document's type name.
    pub type_name: String,
    /// Its fileID.
    pub file_id: i64,
    /// Its properties as JSON (file order).
    pub properties_json: String,
    /// The document's text exactly as in the file.
    pub yaml: String,
}

/// What SetProperty answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertySet {
    /// SHA-256 of the file as written.
    pub sha256: String,
    /// The property's value before, as JSON.
    pub old_value_json: String,
}

/// How a Unity YAML file was read.
pub(super) struct YamlFile {
    pub bytes: Vec<u8>,
}

impl YamlFile {
    pub fn text(&self) -> Result<Text<'_>, OpError> {
        Text::decode(&self.bytes).map_err(|e| OpError::precondition(format!("asset_path: not a text file: {e}")))
    }
}

impl AssetDb {
    /// Bounds the Unity YAML files read at `max_yaml_bytes`.
    pub fn with_max_yaml_bytes(mut self, max_yaml_bytes: usize) -> AssetDb {
        self.max_yaml_bytes = max_yaml_bytes;
        self
    }

    /// The file at `path` if it is text-serialized Unity YAML (code 9 otherwise).
    pub(super) fn yaml_file(&self, path: &AssetPath) -> Result<YamlFile, OpError> {
        match self.entry("asset_path", path)? {
            Some(crate::fs::EntryKind::File) => {}
            Some(_) => return Err(OpError::precondition(format!("asset_path: '{path}' is a folder"))),
            None => return Err(OpError::not_found(format!("asset_path: '{path}' does not exist"))),
        }
        let bytes = self.fs.read(path.as_str(), self.max_yaml_bytes).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                OpError::precondition(format!("asset_path: '{path}' is larger than {} bytes (max_yaml_bytes)", self.max_yaml_bytes))
            } else {
                OpError::io(&format!("asset_path: cannot read '{path}'"), &e)
            }
        })?;
        if !looks_like_unity_yaml(&bytes) {
            return Err(OpError::precondition(format!(
                "asset_path: '{path}' is not text-serialized Unity YAML (binary serialization, or not a Unity file); set Asset Serialization to Force Text"
            )));
        }
        Ok(YamlFile { bytes })
    }

    /// GetHierarchy: the GameObject tree of a scene or prefab.
    pub fn get_hierarchy(&self, path: &AssetPath, max_depth: u32, limit: u32, stop: &Stop) -> Result<Hierarchy, OpError> {
        let ext = path.extension().unwrap_or_default();
        if ext != "unity" && ext != "prefab" {
            return Err(OpError::precondition(format!("asset_path: '{path}' is not a scene (.unity) or prefab (.prefab); read other Unity files with GetObject")));
        }
        let file = self.yaml_file(path)?;
        let text = file.text()?;
        let parsed = parse_unity(text.body, path)?;
        stop.check_now()?;
        let raw = hierarchy(&parsed).map_err(|e| OpError::precondition(format!("asset_path: '{path}' does not read as Unity YAML: {e}")))?;
        stop.check_now()?;
        let limit = match limit {
            0 => DEFAULT_HIERARCHY_LIMIT,
            n => n.min(MAX_HIERARCHY_LIMIT),
        } as usize;
        let mut names = Names { db: self, package_scripts: None, prefab_roots: std::collections::HashMap::new() };
        let mut count = 0usize;
        let mut truncated = false;
        let mut roots = Vec::new();
        for r in raw {
            if count >= limit {
                truncated = true;
                break;
            }
            roots.push(names.node(r, 1, max_depth, limit, &mut count, &mut truncated, stop)?);
        }
        Ok(Hierarchy { roots, truncated, node_count: count as u32 })
    }

    /// GetObject: one document (0: the file's main object).
    pub fn get_object(&self, path: &AssetPath, file_id: i64) -> Result<ObjectRead, OpError> {
        let file = self.yaml_file(path)?;
        let text = file.text()?;
        let parsed = parse_unity(text.body, path)?;
        let doc = object_doc(&parsed, path, file_id)?;
        let body = parsed.body(doc).map_err(|e| OpError::precondition(format!("asset_path: '{path}' &{}: {e}", doc.file_id)))?;
        Ok(ObjectRead {
            class_id: doc.class_id,
            type_name: parsed.type_name(doc).to_string(),
            file_id: doc.file_id,
            properties_json: json::to_json(&body),
            yaml: parsed.doc_text(doc).to_string(),
        })
    }

    /// SetProperty: one value of one object, only its bytes changed.
    pub fn set_property(&self, path: &AssetPath, file_id: i64, property_path: &str, value_json: &str, expected: Option<&str>) -> Result<PropertySet, OpError> {
        let file = self.yaml_file(path)?;
        // The file's hash only when it is needed (a precondition, or nothing to write).
        let current = || sha256_hex(&file.bytes);
        let text = file.text()?;
        let parsed = parse_unity(text.body, path)?;
        let doc = object_doc(&parsed, path, file_id)?;
        if doc.stripped {
            return Err(OpError::precondition(format!(
                "file_id: {} is a prefab instance's stripped placeholder; change the instance's m_Modification or the source prefab",
                doc.file_id
            )));
        }
        let body = parsed.body(doc).map_err(|e| OpError::precondition(format!("asset_path: '{path}' &{}: {e}", doc.file_id)))?;
        let check_guid = |g: &str| {
            let Some(guid) = Guid::parse(g) else { return GuidCheck::Unknown };
            match self.asset_of(guid) {
                Some(a) if !a.folder => GuidCheck::Asset(if UNITY_YAML_EXTENSIONS.contains(&a.path.extension().unwrap_or_default().as_str()) { 2 } else { 3 }),
                Some(_) => GuidCheck::Unknown,
                None if !self.graph.referrers(guid).is_empty() || lock(&self.displaced_guids).contains(&guid) => GuidCheck::Referenced,
                None => GuidCheck::Unknown,
            }
        };
        let planned = plan(text.body, &body, property_path, value_json, &check_guid).map_err(|e| match e {
            SetError::Invalid(m) => OpError::invalid(m),
            SetError::Precondition(m) => OpError::precondition(m),
        })?;
        if planned.spans.is_empty() {
            // The value is already that: nothing to write.
            let sha256 = current();
            Self::check_precondition(path, expected, Some(&sha256))?;
            return Ok(PropertySet { sha256, old_value_json: planned.old_value_json });
        }
        let spans: Vec<(usize, usize, &str)> = planned.spans.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect();
        let bytes = splice(&text, &spans).map_err(|e| OpError::new(ErrorKind::Internal, format!("set_property: {e}")))?;
        let bom = if text.bom { crate::text::BOM.len() } else { 0 };
        // Both hashes (the precondition's and the answer's) share the bytes before
        // the first edit: hashed once.
        let first_edit = planned.spans.first().map_or(0, |s| s.0) + bom;
        let mut prefix = Sha256::new();
        prefix.update(&file.bytes[..first_edit]);
        if expected.is_some() {
            let mut old = prefix.clone();
            old.update(&file.bytes[first_edit..]);
            Self::check_precondition(path, expected, Some(&crate::text::hex_lower(&old.finalize())))?;
        }
        prefix.update(&bytes[first_edit..]);
        let new_sha256 = crate::text::hex_lower(&prefix.finalize());
        // The document moved by what the edits added or removed.
        let delta: isize = planned.spans.iter().map(|(s, e, t)| t.len() as isize - (e - s) as isize).sum();
        let doc_end = (doc.span.end as isize + delta) as usize + bom;
        verify(&bytes[doc.span.start + bom..doc_end.min(bytes.len())], doc.body_start - doc.span.start, doc.file_id, &planned.checks)?;
        // What the file mentions changes only if a GUID-like run was replaced or written.
        let mentions_change = planned.spans.iter().any(|(s, e, t)| has_hex_run(&text.body.as_bytes()[*s..*e]) || has_hex_run(t.as_bytes()));
        if let Some(old) = serde_json::from_str::<serde_json::Value>(&planned.old_value_json).ok().and_then(|v| v.get("guid")?.as_str().and_then(Guid::parse)) {
            lock(&self.displaced_guids).put(old, ());
        }
        self.fs.write_atomic(path.as_str(), &bytes).map_err(|e| OpError::io(&format!("asset_path: cannot write '{path}'"), &e))?;
        // What the file mentions is read again (a changed reference shows at once).
        if mentions_change {
            if let Some(g) = self.registry.guid_at(path) {
                self.hold_written(g, path, &bytes);
            }
        }
        Ok(PropertySet { sha256: new_sha256, old_value_json: planned.old_value_json })
    }
}

/// Verify on save: the edited document (its bytes in the new file) parses, and
/// each changed value reads as planned.
fn verify(doc_bytes: &[u8], body_offset: usize, file_id: i64, checks: &[(String, String)]) -> Result<(), OpError> {
    let broken = |why: String| OpError::new(ErrorKind::Internal, format!("set_property: the edited file would not read back ({why}); nothing was written"));
    let doc = std::str::from_utf8(doc_bytes).map_err(|e| broken(e.to_string()))?;
    let header = crate::yaml::documents(&format!("%YAML 1.1\n{}", doc.split('\n').next().unwrap_or(""))).map_err(|e| broken(e.to_string()))?;
    if header.first().map(|d| d.file_id) != Some(file_id) {
        return Err(broken("the object is gone".into()));
    }
    let root = crate::yaml::parse_document(doc, body_offset.min(doc.len()), doc.len()).map_err(|e| broken(e.to_string()))?;
    let body = match root.kind {
        crate::yaml::NodeKind::Map { mut entries, .. } if entries.len() == 1 => entries.remove(0).1,
        kind => crate::yaml::Node { kind, span: root.span },
    };
    for (p, want) in checks {
        let got = ypath::resolve(&body, p).map(|f| json::to_json(f.node)).map_err(broken)?;
        if got != *want {
            return Err(broken(format!("{p} reads {got}, not {want}")));
        }
    }
    Ok(())
}

/// True if `b` holds a run of 32 or more hex digits (a GUID the index may count).
fn has_hex_run(b: &[u8]) -> bool {
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 32 {
            return true;
        }
    }
    false
}

/// `text` split into documents, or code 9 naming the file.
fn parse_unity<'t>(text: &'t str, path: &AssetPath) -> Result<UnityFile<'t>, OpError> {
    UnityFile::parse(text).map_err(|e| OpError::precondition(format!("asset_path: '{path}' does not read as Unity YAML: {e}")))
}

/// The document GetObject and SetProperty address (0: the main object), or code 5.
fn object_doc<'f>(parsed: &'f UnityFile<'_>, path: &AssetPath, file_id: i64) -> Result<&'f crate::yaml::Document, OpError> {
    match file_id {
        0 => main_object(parsed, path),
        id => parsed.doc(id),
    }
    .ok_or_else(|| OpError::not_found(format!("file_id: '{path}' has no object with fileID {file_id}")))
}

/// The main object: a prefab's root GameObject, else the first non-stripped document.
fn main_object<'f>(f: &'f UnityFile<'_>, path: &AssetPath) -> Option<&'f crate::yaml::Document> {
    if path.extension().as_deref() == Some("prefab") {
        let root = hierarchy(f).ok().and_then(|roots| roots.into_iter().find(|r| !r.instance));
        if let Some(d) = root.and_then(|r| f.doc(r.file_id)) {
            return Some(d);
        }
    }
    f.docs.iter().find(|d| !d.stripped)
}

/// Resolves what the tree's GUIDs name, once per request.
struct Names<'d> {
    db: &'d AssetDb,
    /// Script GUID -> class name, from `Library/PackageCache` (read on first need).
    package_scripts: Option<std::collections::HashMap<String, String>>,
    /// Source prefab GUID -> (asset, root GameObject's fileID, name, active, tag, layer).
    prefab_roots: std::collections::HashMap<String, Option<PrefabRoot>>,
}

#[derive(Clone)]
struct PrefabRoot {
    asset: Asset,
    root_file_id: i64,
    name: String,
    active: bool,
    tag: String,
    layer: i32,
}

impl Names<'_> {
    #[allow(clippy::too_many_arguments)]
    fn node(&mut self, raw: RawNode, depth: u32, max_depth: u32, limit: usize, count: &mut usize, truncated: &mut bool, stop: &Stop) -> Result<SceneNode, OpError> {
        stop.tick()?;
        *count += 1;
        let mut node = SceneNode {
            file_id: raw.file_id,
            name: raw.name,
            active: raw.active,
            tag: raw.tag,
            layer: raw.layer,
            components: raw.components.into_iter().map(|c| {
                let (type_name, script) = match &c.script {
                    Some(s) => self.script(s),
                    None => (c.type_name, None),
                };
                SceneComponent { file_id: c.file_id, type_name, script, enabled: c.enabled }
            }).collect(),
            children: Vec::new(),
            prefab: None,
        };
        if let Some(g) = &raw.prefab_guid {
            let source = self.prefab_root(g);
            node.prefab = source.as_ref().map(|s| s.asset.clone());
            if raw.instance {
                if let Some(s) = &source {
                    node.name = s.name.clone();
                    node.active = s.active;
                    node.tag = s.tag.clone();
                    node.layer = s.layer;
                }
                // Overrides of the source's root (any target when the source is
                // unknown: an instance's m_Name override is its root's).
                for (target, prop, value) in &raw.overrides.values {
                    if source.as_ref().is_some_and(|s| s.root_file_id != *target) {
                        continue;
                    }
                    match prop.as_str() {
                        "m_Name" => node.name = value.clone(),
                        "m_IsActive" => node.active = value.trim() != "0",
                        "m_TagString" => node.tag = value.clone(),
                        "m_Layer" => node.layer = value.trim().parse().unwrap_or(node.layer),
                        _ => {}
                    }
                }
                if node.name.is_empty() {
                    node.name = "(missing prefab)".into();
                }
            }
        }
        for child in raw.children {
            if (max_depth != 0 && depth >= max_depth) || *count >= limit {
                *truncated = true;
                break;
            }
            node.children.push(self.node(child, depth + 1, max_depth, limit, count, truncated, stop)?);
        }
        Ok(node)
    }

    /// A MonoBehaviour's class name and the project script it runs.
    fn script(&mut self, r: &ScriptRef) -> (String, Option<Asset>) {
        let g = r.guid.trim();
        if g.is_empty() || g.bytes().all(|b| b == b'0') {
            return ("MonoBehaviour (missing script)".into(), None);
        }
        if let Some(a) = Guid::parse(g).and_then(|guid| self.db.asset_of(guid)) {
            if a.path.extension().as_deref() == Some("cs") {
                let stem = a.path.file_name().strip_suffix(".cs").unwrap_or(a.path.file_name()).to_string();
                return (stem, Some(a));
            }
        }
        if let Some(n) = scripts::known_script(g, r.file_id) {
            return (n, None);
        }
        let db = self.db;
        let cache = self.package_scripts.get_or_insert_with(|| db.package_cache_scripts());
        match cache.get(g) {
            Some(n) => (n.clone(), None),
            None => ("MonoBehaviour".into(), None),
        }
    }

    /// The source prefab of an instance, read once per request.
    fn prefab_root(&mut self, guid: &str) -> Option<PrefabRoot> {
        if let Some(known) = self.prefab_roots.get(guid) {
            return known.clone();
        }
        let found = (|| {
            let asset = self.db.asset_of(Guid::parse(guid)?)?;
            let file = self.db.yaml_file(&asset.path).ok()?;
            let text = file.text().ok()?;
            let parsed = UnityFile::parse(text.body).ok()?;
            let roots = hierarchy(&parsed).ok()?;
            let root = roots.into_iter().next()?;
            Some(PrefabRoot { asset, root_file_id: root.file_id, name: root.name, active: root.active, tag: root.tag, layer: root.layer })
        })();
        self.prefab_roots.insert(guid.to_string(), found.clone());
        found
    }
}

impl AssetDb {
    /// Script GUID -> class name (file stem) for the `.cs` files of
    /// `Library/PackageCache/` (packages the Package Manager downloaded), bounded.
    fn package_cache_scripts(&self) -> std::collections::HashMap<String, String> {
        /// Most `.meta` files read: a large project's package cache holds ~20k.
        const MAX_METAS: usize = 50_000;
        let mut out = std::collections::HashMap::new();
        let mut queue = vec!["Library/PackageCache".to_string()];
        let mut read = 0;
        while let Some(dir) = queue.pop() {
            let Ok(entries) = self.fs.list_dir(&dir) else { continue };
            for (name, kind) in entries {
                let p = format!("{dir}/{name}");
                match kind {
                    crate::fs::EntryKind::Dir => queue.push(p),
                    _ if name.ends_with(".cs.meta") && read < MAX_METAS => {
                        read += 1;
                        if let Ok(bytes) = self.fs.read(&p, crate::meta::MAX_META_BYTES) {
                            if let Ok(meta) = crate::meta::parse(&bytes) {
                                out.insert(meta.guid.to_string(), name.trim_end_matches(".cs.meta").to_string());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// Checks a property path's syntax early (at validation, before any file is read).
pub fn check_property_path(p: &str) -> Result<(), OpError> {
    let empty = crate::yaml::Node { kind: crate::yaml::NodeKind::Map { entries: Vec::new(), flow: false }, span: 0..0 };
    match ypath::resolve(&empty, p) {
        Err(e) if !e.contains("has no field") => Err(OpError::invalid(e)),
        _ => Ok(()),
    }
}
