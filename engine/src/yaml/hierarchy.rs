//! The GameObject tree of a scene or prefab file, as the Editor's Hierarchy window
//! shows it, read from the file alone (sans-IO: what a GUID names is the caller's
//! business). Roots in the scene's order (`SceneRoots`, else `m_RootOrder`),
//! children in their Transform's `m_Children` order, components in `m_Component`
//! order; a prefab instance is one node (its source's insides are in another file),
//! with the objects the scene adds under it. Both prefab systems: `PrefabInstance`
//! with `m_SourcePrefab` (2018.3+) and `Prefab` with `m_ParentPrefab` (before).

use super::node::Node;
use super::{UnityFile, YamlError};
use std::collections::{HashMap, HashSet};

/// Class IDs the tree is made of.
const GAME_OBJECT: i32 = 1;
const PREFAB_INSTANCE: i32 = 1001;
const SCENE_ROOTS: i32 = 1660057539;

/// A MonoBehaviour's `m_Script` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRef {
    /// The script asset's GUID as written (all zeros or empty: missing).
    pub guid: String,
    /// The class's fileID (11500000 for a script file; a hash inside a DLL).
    pub file_id: i64,
}

/// One component of a GameObject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawComponent {
    /// Its fileID.
    pub file_id: i64,
    /// The document's type name (`Transform`, `MonoBehaviour`, ...).
    pub type_name: String,
    /// A MonoBehaviour's script reference.
    pub script: Option<ScriptRef>,
    /// `m_Enabled` (components without one are enabled).
    pub enabled: bool,
}

/// A prefab instance's overrides of its root that the tree shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstanceOverrides {
    /// `(target fileID in the source, property path, value)` for `m_Name`,
    /// `m_IsActive`, `m_TagString` and `m_Layer`.
    pub values: Vec<(i64, String, String)>,
}

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawNode {
    /// The GameObject's fileID, or the prefab instance document's.
    pub file_id: i64,
    /// `m_Name` (an instance: empty until its overrides or source name it).
    pub name: String,
    /// `m_IsActive`.
    pub active: bool,
    /// `m_TagString`.
    pub tag: String,
    /// `m_Layer`.
    pub layer: i32,
    /// Components in `m_Component` order.
    pub components: Vec<RawComponent>,
    /// Children in order.
    pub children: Vec<RawNode>,
    /// For a prefab instance (or, before 2018.3, an instance's root object): the
    /// source prefab's GUID.
    pub prefab_guid: Option<String>,
    /// A prefab instance's overrides (empty for a GameObject).
    pub overrides: InstanceOverrides,
    /// A prefab instance (2018.3+, or a `Prefab` document before): one node whose
    /// name, state and tag come from its source's root and its overrides.
    pub instance: bool,
}

/// Which node a Transform stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Owner {
    GameObject(i64),
    Instance(i64),
}

struct Transform {
    owner: Owner,
    father: i64,
    children: Vec<i64>,
    root_order: i64,
}

struct Instance {
    parent: i64,
    source_guid: String,
    root_order: i64,
    overrides: InstanceOverrides,
}

/// The guid of a reference `{fileID: N, guid: G, type: T}`.
fn guid_of(n: Option<&Node<'_>>) -> String {
    n.and_then(|r| r.get("guid")).and_then(|g| g.text()).map(|g| g.into_owned()).unwrap_or_default()
}

fn fid(n: Option<&Node<'_>>) -> i64 {
    n.and_then(Node::file_id).unwrap_or(0)
}

/// A top-level field's text on its line (`  key: value`), without parsing the
/// document: for fields of components the tree only glances at.
fn top_line<'a>(doc_text: &'a str, key: &str) -> Option<&'a str> {
    doc_text.split('\n').find_map(|l| l.strip_prefix("  ")?.strip_prefix(key)?.strip_prefix(':')).map(|v| v.trim())
}

/// The tree of `file` (a scene or a prefab). Every GameObject is in it once; one
/// whose parent is missing or that sits in a parent cycle is listed as a root.
pub fn hierarchy(file: &UnityFile<'_>) -> Result<Vec<RawNode>, YamlError> {
    let mut gos: HashMap<i64, (RawNode, Vec<i64>)> = HashMap::new();
    let mut transforms: HashMap<i64, Transform> = HashMap::new();
    let mut go_transform: HashMap<i64, i64> = HashMap::new();
    let mut instances: HashMap<i64, Instance> = HashMap::new();
    let mut stripped_owner: HashMap<i64, i64> = HashMap::new();
    let mut scene_roots: Option<Vec<i64>> = None;
    let mut order: HashMap<Owner, usize> = HashMap::new();
    // Old-format links: object -> its `Prefab` document (m_PrefabInternal).
    let mut prefab_internal: HashMap<i64, i64> = HashMap::new();
    let mut old_prefab_source: HashMap<i64, String> = HashMap::new();

    for (i, doc) in file.docs.iter().enumerate() {
        let text = file.doc_text(doc);
        let is_transform_like = !doc.stripped && (doc.class_id == 4 || doc.class_id == 224 || (top_line(text, "m_Father").is_some() && top_line(text, "m_GameObject").is_some()));
        if doc.stripped {
            let body = file.body(doc)?;
            let inst = [fid(body.get("m_PrefabInstance")), fid(body.get("m_PrefabInternal"))].into_iter().find(|&x| x != 0).unwrap_or(0);
            stripped_owner.insert(doc.file_id, inst);
        } else if doc.class_id == GAME_OBJECT {
            let body = file.body(doc)?;
            let components = body
                .get("m_Component")
                .map(|c| c.items().iter().map(|item| item.get("component").map(|r| fid(Some(r))).unwrap_or_else(|| first_value_fid(item))).collect())
                .unwrap_or_default();
            let node = RawNode {
                file_id: doc.file_id,
                name: body.get("m_Name").and_then(|n| n.text()).map(|n| n.into_owned()).unwrap_or_default(),
                active: body.get("m_IsActive").and_then(Node::int).is_none_or(|v| v != 0),
                tag: body.get("m_TagString").and_then(|n| n.text()).map(|n| n.into_owned()).unwrap_or_else(|| "Untagged".into()),
                layer: body.get("m_Layer").and_then(Node::int).unwrap_or(0) as i32,
                components: Vec::new(),
                children: Vec::new(),
                prefab_guid: None,
                overrides: InstanceOverrides::default(),
                instance: false,
            };
            let internal = fid(body.get("m_PrefabInternal"));
            if internal != 0 {
                prefab_internal.insert(doc.file_id, internal);
            }
            order.insert(Owner::GameObject(doc.file_id), i);
            gos.insert(doc.file_id, (node, components));
        } else if is_transform_like {
            let body = file.body(doc)?;
            let go = fid(body.get("m_GameObject"));
            let t = Transform {
                owner: Owner::GameObject(go),
                father: fid(body.get("m_Father")),
                children: body.get("m_Children").map(|c| c.items().iter().map(|r| fid(Some(r))).collect()).unwrap_or_default(),
                root_order: body.get("m_RootOrder").and_then(Node::int).unwrap_or(i64::MAX),
            };
            go_transform.entry(go).or_insert(doc.file_id);
            transforms.insert(doc.file_id, t);
        } else if doc.class_id == PREFAB_INSTANCE {
            let body = file.body(doc)?;
            let modification = body.get("m_Modification");
            let source = body.get("m_SourcePrefab").or_else(|| body.get("m_ParentPrefab"));
            let is_asset_root = body.get("m_IsPrefabParent").and_then(Node::int) == Some(1) || body.get("m_IsPrefabAsset").and_then(Node::int) == Some(1);
            let source_guid = guid_of(source);
            if is_asset_root || source_guid.is_empty() {
                continue;
            }
            let mut overrides = InstanceOverrides::default();
            let mut root_order = i64::MAX;
            for m in modification.and_then(|m| m.get("m_Modifications")).map(Node::items).unwrap_or_default() {
                let path = m.get("propertyPath").and_then(|p| p.text()).unwrap_or_default();
                let value = m.get("value").and_then(|v| v.text()).unwrap_or_default();
                match path.as_ref() {
                    "m_Name" | "m_IsActive" | "m_TagString" | "m_Layer" => overrides.values.push((fid(m.get("target")), path.into_owned(), value.into_owned())),
                    "m_RootOrder" => root_order = root_order.min(value.trim().parse().unwrap_or(i64::MAX)),
                    _ => {}
                }
            }
            if body.get("m_SourcePrefab").is_none() {
                old_prefab_source.insert(doc.file_id, source_guid.clone());
            }
            order.insert(Owner::Instance(doc.file_id), i);
            instances.insert(doc.file_id, Instance { parent: fid(modification.and_then(|m| m.get("m_TransformParent"))), source_guid, root_order, overrides });
        } else if doc.class_id == SCENE_ROOTS {
            let body = file.body(doc)?;
            scene_roots = body.get("m_Roots").map(|r| r.items().iter().map(|x| fid(Some(x))).collect());
        }
    }

    // Components: type names from their documents; MonoBehaviours' scripts and every
    // `m_Enabled` from one line each.
    for (node, comps) in gos.values_mut() {
        for &c in comps.iter() {
            let Some(doc) = file.doc(c) else {
                node.components.push(RawComponent { file_id: c, type_name: "(missing component)".into(), script: None, enabled: true });
                continue;
            };
            let text = file.doc_text(doc);
            let script = (doc.class_id == 114).then(|| {
                // The one line, read as a key's value.
                let line = format!("m_Script: {}\n", top_line(text, "m_Script").unwrap_or("{fileID: 0}"));
                let parsed = super::parse_document(&line, 0, line.len()).ok();
                let value = parsed.as_ref().and_then(|p| p.get("m_Script"));
                ScriptRef { guid: guid_of(value), file_id: value.and_then(Node::file_id).unwrap_or(0) }
            });
            let enabled = top_line(text, "m_Enabled").is_none_or(|v| v != "0");
            node.components.push(RawComponent { file_id: c, type_name: file.type_name(doc).to_string(), script, enabled });
        }
    }

    // Which node each Transform (real or stripped) stands for.
    let owner_of = |t: i64| -> Option<Owner> {
        if let Some(tr) = transforms.get(&t) {
            return Some(tr.owner);
        }
        stripped_owner.get(&t).filter(|i| instances.contains_key(i)).map(|&i| Owner::Instance(i))
    };
    // Each node's parent and its place among siblings.
    let mut parent: HashMap<Owner, Option<Owner>> = HashMap::new();
    let mut root_order: HashMap<Owner, i64> = HashMap::new();
    for (&go, _) in gos.iter() {
        let me = Owner::GameObject(go);
        let (father, ro) = go_transform.get(&go).and_then(|t| transforms.get(t)).map_or((0, i64::MAX), |t| (t.father, t.root_order));
        parent.insert(me, if father == 0 { None } else { owner_of(father) });
        root_order.insert(me, ro);
    }
    for (&i, inst) in instances.iter() {
        let me = Owner::Instance(i);
        parent.insert(me, if inst.parent == 0 { None } else { owner_of(inst.parent) });
        root_order.insert(me, inst.root_order);
    }
    // A parent that is not a node, or a cycle: the node becomes a root. Each walk
    // stops at a node already known to reach a root (linear overall).
    let keys: Vec<Owner> = parent.keys().copied().collect();
    let mut good: HashSet<Owner> = HashSet::new();
    for k in keys {
        let mut path = vec![k];
        let mut seen = HashSet::from([k]);
        let mut at = parent.get(&k).copied().flatten();
        while let Some(p) = at {
            if good.contains(&p) {
                break;
            }
            if !seen.insert(p) || !parent.contains_key(&p) {
                parent.insert(*path.last().unwrap_or(&k), None);
                break;
            }
            path.push(p);
            at = parent.get(&p).copied().flatten();
        }
        good.extend(path);
    }
    let mut kids: HashMap<Option<Owner>, Vec<Owner>> = HashMap::new();
    for (&k, &p) in &parent {
        kids.entry(p).or_default().push(k);
    }
    // Siblings: the listed order first (m_Children, SceneRoots), then the rest by
    // m_RootOrder and file order.
    let sort_rest = |v: &mut Vec<Owner>| v.sort_by_key(|o| (root_order.get(o).copied().unwrap_or(i64::MAX), order.get(o).copied().unwrap_or(usize::MAX)));
    let ordered = |listed: &[i64], claimed: Vec<Owner>| -> Vec<Owner> {
        let claimed_set: HashSet<Owner> = claimed.iter().copied().collect();
        let mut out: Vec<Owner> = Vec::with_capacity(claimed.len());
        let mut placed = HashSet::new();
        for &t in listed {
            if let Some(o) = owner_of(t) {
                if claimed_set.contains(&o) && placed.insert(o) {
                    out.push(o);
                }
            }
        }
        let mut rest: Vec<Owner> = claimed.into_iter().filter(|o| !placed.contains(o)).collect();
        sort_rest(&mut rest);
        out.extend(rest);
        out
    };
    let mut children_of: HashMap<Option<Owner>, Vec<Owner>> = HashMap::new();
    for (p, claimed) in kids {
        let listed: Vec<i64> = match p {
            None => scene_roots.clone().unwrap_or_default(),
            Some(Owner::GameObject(go)) => go_transform.get(&go).and_then(|t| transforms.get(t)).map(|t| t.children.clone()).unwrap_or_default(),
            Some(Owner::Instance(_)) => Vec::new(),
        };
        children_of.insert(p, ordered(&listed, claimed));
    }

    // Old-format instances' root objects carry their source prefab.
    let mut build = |o: Owner| -> RawNode {
        match o {
            Owner::GameObject(go) => {
                let (mut node, _) = gos.remove(&go).unwrap_or_default();
                if let Some(src) = prefab_internal.get(&go).and_then(|p| old_prefab_source.get(p)) {
                    let parent_same = parent.get(&o).copied().flatten().is_some_and(|p| matches!(p, Owner::GameObject(g) if prefab_internal.get(&g) == prefab_internal.get(&go)));
                    if !parent_same {
                        node.prefab_guid = Some(src.clone());
                    }
                }
                node
            }
            Owner::Instance(i) => {
                let inst = instances.get(&i);
                RawNode {
                    file_id: i,
                    name: String::new(),
                    active: true,
                    tag: "Untagged".into(),
                    layer: 0,
                    components: Vec::new(),
                    children: Vec::new(),
                    prefab_guid: inst.map(|x| x.source_guid.clone()),
                    overrides: inst.map(|x| x.overrides.clone()).unwrap_or_default(),
                    instance: true,
                }
            }
        }
    };
    // Build depth-first without recursion (a deep hierarchy must not overflow).
    let mut roots = Vec::new();
    let mut stack: Vec<(RawNode, Vec<Owner>)> = Vec::new();
    let root_list = children_of.remove(&None).unwrap_or_default();
    for r in root_list {
        let kids = children_of.remove(&Some(r)).unwrap_or_default();
        stack.push((build(r), kids.into_iter().rev().collect()));
        while let Some((_, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(k) => {
                    let grand = children_of.remove(&Some(k)).unwrap_or_default();
                    stack.push((build(k), grand.into_iter().rev().collect()));
                }
                None => {
                    let Some((done, _)) = stack.pop() else { break };
                    match stack.last_mut() {
                        Some((p, _)) => p.children.push(done),
                        None => roots.push(done),
                    }
                }
            }
        }
    }
    Ok(roots)
}

/// `- 4: {fileID: N}` (the component list before 2018.3): the one value's fileID.
fn first_value_fid(item: &Node<'_>) -> i64 {
    match &item.kind {
        super::NodeKind::Map { entries, .. } => entries.first().map_or(0, |(_, v)| fid(Some(v))),
        _ => 0,
    }
}

impl Default for RawNode {
    fn default() -> RawNode {
        RawNode { file_id: 0, name: String::new(), active: true, tag: "Untagged".into(), layer: 0, components: Vec::new(), children: Vec::new(), prefab_guid: None, overrides: InstanceOverrides::default(), instance: false }
    }
}
