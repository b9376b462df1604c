//! FindReferences' `usages`: for referrers written in Unity YAML, which object
//! (its fileID, the name of its GameObject or asset) and which property path holds
//! each reference, in the path form SetProperty takes.

use super::{Asset, AssetDb, Stop};
use crate::error::OpError;
use crate::meta::Guid;
use crate::yaml::{Node, NodeKind, UnityFile};
use std::collections::HashSet;

/// Most usages one answer lists; the referrers list stays whole.
pub const MAX_USAGES: usize = 10_000;

/// One place a Unity YAML referrer holds a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceUsage {
    /// The referring file.
    pub asset_path: String,
    /// The object holding the reference.
    pub file_id: i64,
    /// Its GameObject's name (a component), else its own `m_Name`.
    pub object_name: String,
    /// The property holding it (`m_Materials.Array.data[0]`,
    /// `m_SavedProperties.m_TexEnvs._MainTex.m_Texture`).
    pub property_path: String,
}

impl AssetDb {
    /// Where each Unity YAML file of `referrers` mentions one of `guids`.
    pub(super) fn usages(&self, referrers: &[Asset], guids: &[Guid], stop: &Stop) -> Result<Vec<ReferenceUsage>, OpError> {
        let wanted: HashSet<String> = guids.iter().map(|g| g.to_string()).collect();
        let mut out = Vec::new();
        for a in referrers {
            stop.tick()?;
            let ext = a.path.extension().unwrap_or_default();
            if a.folder || !super::UNITY_YAML_EXTENSIONS.contains(&ext.as_str()) {
                continue;
            }
            // A referrer that cannot be read now (removed, binary) has no usages.
            let Ok(file) = self.yaml_file(&a.path) else { continue };
            let Ok(text) = file.text() else { continue };
            let Ok(parsed) = UnityFile::parse(text.body) else { continue };
            for doc in &parsed.docs {
                if out.len() >= MAX_USAGES {
                    return Ok(out);
                }
                let doc_text = parsed.doc_text(doc);
                if !mentions(doc_text, &wanted) {
                    continue;
                }
                let Ok(body) = parsed.body(doc) else { continue };
                let object_name = object_name(&parsed, &body);
                let mut paths = Vec::new();
                walk(&body, &mut String::new(), &wanted, &mut paths);
                for property_path in paths {
                    out.push(ReferenceUsage { asset_path: a.path.to_string(), file_id: doc.file_id, object_name: object_name.clone(), property_path });
                }
            }
        }
        out.truncate(MAX_USAGES);
        Ok(out)
    }
}

/// True if `text` names one of `wanted` after a `guid: `.
fn mentions(text: &str, wanted: &HashSet<String>) -> bool {
    text.match_indices("guid: ").any(|(i, _)| text.get(i + 6..i + 38).is_some_and(|g| wanted.contains(g)))
}

/// A component's GameObject's name, else the object's own `m_Name`; a prefab
/// instance (and its stripped objects) by its `m_Name` override.
fn object_name(file: &UnityFile<'_>, body: &Node<'_>) -> String {
    let go = body.get("m_GameObject").and_then(Node::file_id).filter(|&id| id != 0);
    if let Some(doc) = go.and_then(|id| file.doc(id)) {
        if let Ok(b) = file.body(doc) {
            if let Some(n) = b.get("m_Name").and_then(|n| n.text()) {
                return n.into_owned();
            }
        }
    }
    if let Some(n) = body.get("m_Name").and_then(|n| n.text()) {
        return n.into_owned();
    }
    let instance = body.get("m_PrefabInstance").and_then(Node::file_id).filter(|&id| id != 0);
    let instance_body = match instance.and_then(|id| file.doc(id)) {
        Some(doc) => file.body(doc).ok(),
        None => None,
    };
    let inst = instance_body.as_ref().unwrap_or(body);
    inst.get("m_Modification")
        .and_then(|m| m.get("m_Modifications"))
        .and_then(|mods| mods.items().iter().find(|m| m.get("propertyPath").and_then(|p| p.text()).is_some_and(|p| p == "m_Name")))
        .and_then(|m| m.get("value")?.text())
        .map(|n| n.into_owned())
        .unwrap_or_default()
}

/// Collects the property paths under `node` of references to `wanted`.
fn walk(node: &Node<'_>, at: &mut String, wanted: &HashSet<String>, out: &mut Vec<String>) {
    match &node.kind {
        NodeKind::Map { entries, flow: true } if entries.iter().any(|(k, _)| *k == "fileID") => {
            if node.get("guid").and_then(|g| g.text()).is_some_and(|g| wanted.contains(g.as_ref())) {
                out.push(at.clone());
            }
        }
        NodeKind::Map { entries, .. } if crate::yaml::node::repeats_one_key(entries) => {
            for (i, (_, v)) in entries.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!(".Array.data[{i}]"));
                walk(v, at, wanted, out);
                at.truncate(len);
            }
        }
        NodeKind::Map { entries, .. } => {
            for (k, v) in entries {
                let len = at.len();
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(k);
                walk(v, at, wanted, out);
                at.truncate(len);
            }
        }
        NodeKind::Seq { items, .. } => {
            // A sequence of one-key mappings with distinct keys (a material's
            // m_TexEnvs) is addressed by key; any other by index.
            let keys: Vec<Option<&str>> = items.iter().map(one_key).collect();
            let distinct = keys.iter().all(Option::is_some) && keys.iter().collect::<HashSet<_>>().len() == keys.len();
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                match (distinct, &item.kind) {
                    (true, NodeKind::Map { entries, .. }) => {
                        at.push('.');
                        at.push_str(entries[0].0);
                        walk(&entries[0].1, at, wanted, out);
                    }
                    _ => {
                        at.push_str(&format!(".Array.data[{i}]"));
                        walk(item, at, wanted, out);
                    }
                }
                at.truncate(len);
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

fn one_key<'a>(item: &Node<'a>) -> Option<&'a str> {
    match &item.kind {
        NodeKind::Map { entries, flow: false } if entries.len() == 1 => Some(entries[0].0),
        _ => None,
    }
}
