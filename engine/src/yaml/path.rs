//! Unity's property paths over a document body: dotted field names,
//! `Array.data[i]` (or `name[i]`) for sequence items, and a one-key mapping's key as
//! a step through a sequence of them (a material's
//! `m_SavedProperties.m_TexEnvs._MainTex.m_Texture`).

use super::node::{Node, NodeKind};

/// Longest property path accepted (characters): deeper than any Unity object.
pub const MAX_PATH_CHARS: usize = 1024;

/// Where a path leads.
pub struct Found<'n, 'a> {
    /// The node.
    pub node: &'n Node<'a>,
    /// It sits inside a flow collection (`{...}`/`[...]`).
    pub in_flow: bool,
}

/// Why a path leads nowhere (a message naming the step).
pub type PathError = String;

/// One step of a path.
#[derive(Debug, PartialEq, Eq)]
enum Step<'p> {
    Key(&'p str),
    Index(usize),
    /// `Array.size`: a sequence's length (read-only here).
    Size,
    /// `name[i]...`: a field so named, else `name` then the indices.
    Literal(&'p str, &'p str, Vec<Step<'p>>),
}

fn steps(path: &str) -> Result<Vec<Step<'_>>, PathError> {
    if path.is_empty() {
        return Err("property_path: empty; name a field (e.g. m_Name, m_LocalPosition.x)".into());
    }
    if path.chars().count() > MAX_PATH_CHARS {
        return Err(format!("property_path: longer than {MAX_PATH_CHARS} characters"));
    }
    let mut out = Vec::new();
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if part == "Array" && parts.peek().is_some_and(|p| p.starts_with("data[") || *p == "size") {
            let next = parts.next().unwrap_or_default();
            if next == "size" {
                out.push(Step::Size);
            } else {
                out.extend(indices(next.strip_prefix("data").unwrap_or(next), path)?);
            }
            continue;
        }
        let (name, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if name.is_empty() && rest.is_empty() {
            return Err(format!("property_path: '{path}' has an empty step"));
        }
        if !name.is_empty() && !rest.is_empty() {
            // `boneIndex[2]` may be a field's own name (meshes before 2018 wrote
            // them so): that field if it exists, else element 2 of `boneIndex`.
            out.push(Step::Literal(part, name, indices(rest, path)?));
            continue;
        }
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        out.extend(indices(rest, path)?);
    }
    Ok(out)
}

/// `[i][j]...` as index steps.
fn indices<'p>(mut s: &str, path: &str) -> Result<Vec<Step<'p>>, PathError> {
    let mut out = Vec::new();
    while !s.is_empty() {
        let inner = s.strip_prefix('[').and_then(|r| r.split_once(']'));
        let Some((n, rest)) = inner else {
            return Err(format!("property_path: '{path}': expected `[index]`, found '{s}'"));
        };
        let i = n.parse::<usize>().map_err(|_| format!("property_path: '{path}': '{n}' is not an index"))?;
        out.push(Step::Index(i));
        s = rest;
    }
    Ok(out)
}

fn describe(node: &Node<'_>) -> &'static str {
    match &node.kind {
        NodeKind::Scalar { .. } => "a value",
        NodeKind::Map { .. } => "a mapping",
        NodeKind::Seq { .. } => "a sequence",
    }
}

/// The keys a mapping (or a sequence of one-key mappings) offers, for messages.
fn offered(node: &Node<'_>) -> String {
    let keys: Vec<&str> = match &node.kind {
        NodeKind::Map { entries, .. } => entries.iter().map(|(k, _)| *k).collect(),
        NodeKind::Seq { items, .. } => items.iter().filter_map(one_key).map(|(k, _)| k).collect(),
        _ => Vec::new(),
    };
    let shown: Vec<&str> = keys.iter().take(24).copied().collect();
    let more = if keys.len() > shown.len() { format!(", ... ({} in all)", keys.len()) } else { String::new() };
    format!("[{}{more}]", shown.join(", "))
}

/// A sequence item that is a one-key mapping: its key and value.
fn one_key<'n, 'a>(item: &'n Node<'a>) -> Option<(&'a str, &'n Node<'a>)> {
    match &item.kind {
        NodeKind::Map { entries, .. } if entries.len() == 1 => Some((entries[0].0, &entries[0].1)),
        _ => None,
    }
}

/// Follows `path` from a document body.
pub fn resolve<'n, 'a>(body: &'n Node<'a>, path: &str) -> Result<Found<'n, 'a>, PathError> {
    let mut cur = body;
    let mut in_flow = false;
    let mut walked = String::new();
    let mut queue: std::collections::VecDeque<Step<'_>> = steps(path)?.into();
    while let Some(step) = queue.pop_front() {
        let step = match step {
            Step::Literal(literal, name, idx) => match &cur.kind {
                NodeKind::Map { entries, .. } if entries.iter().any(|(k, _)| *k == literal) => Step::Key(literal),
                _ => {
                    for s in idx.into_iter().rev() {
                        queue.push_front(s);
                    }
                    Step::Key(name)
                }
            },
            s => s,
        };
        let here = if walked.is_empty() { "the object".to_string() } else { format!("'{walked}'") };
        cur = match (&step, &cur.kind) {
            (Step::Key(k), NodeKind::Map { entries, flow }) => {
                in_flow |= *flow;
                match entries.iter().find(|(key, _)| key == k) {
                    Some((_, v)) => v,
                    None => return Err(format!("property_path: {here} has no field '{k}'; its fields: {}", offered(cur))),
                }
            }
            (Step::Key(k), NodeKind::Seq { items, flow }) => {
                in_flow |= *flow;
                match items.iter().filter_map(one_key).find(|(key, _)| key == k) {
                    Some((_, v)) => v,
                    None => return Err(format!("property_path: {here} is a sequence with no entry '{k}'; its entries: {}", offered(cur))),
                }
            }
            (Step::Index(i), NodeKind::Seq { items, flow }) => {
                in_flow |= *flow;
                match items.get(*i) {
                    Some(v) => v,
                    None => return Err(format!("property_path: {here} has {} elements; index {i} is past its end (adding sequence elements is not supported)", items.len())),
                }
            }
            (Step::Index(i), NodeKind::Map { entries, flow }) if super::node::repeats_one_key(entries) => {
                in_flow |= *flow;
                match entries.get(*i) {
                    Some((_, v)) => v,
                    None => return Err(format!("property_path: {here} has {} elements; index {i} is past its end (adding sequence elements is not supported)", entries.len())),
                }
            }
            (Step::Size, NodeKind::Seq { .. }) => {
                return Err(format!("property_path: {here}.Array.size: adding or removing sequence elements is not supported; set an element's fields instead"));
            }
            (_, _) => return Err(format!("property_path: {here} is {}; it has no {}", describe(cur), match &step {
                Step::Key(k) | Step::Literal(k, ..) => format!("field '{k}'"),
                Step::Index(i) => format!("element [{i}]"),
                Step::Size => "Array.size".into(),
            })),
        };
        match step {
            Step::Key(k) => {
                if !walked.is_empty() {
                    walked.push('.');
                }
                walked.push_str(k);
            }
            Step::Index(i) => walked.push_str(&format!("[{i}]")),
            Step::Size | Step::Literal(..) => {}
        }
    }
    Ok(Found { node: cur, in_flow })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_document;

    #[test]
    fn follows_unity_paths() {
        let t = "m_Component:\n- component: {fileID: 4}\n- component: {fileID: 5}\nm_SavedProperties:\n  m_TexEnvs:\n  - _BumpMap:\n      m_Texture: {fileID: 0}\n  - _MainTex:\n      m_Texture: {fileID: 2800000, guid: abc, type: 3}\n  m_Floats:\n  - _Glossiness: 0.5\npos: {x: 1, y: 2}\n";
        let n = parse_document(t, 0, t.len()).unwrap();
        let v = |p: &str| resolve(&n, p).map(|f| t[f.node.span.clone()].to_string());
        assert_eq!(v("m_Component.Array.data[1].component.fileID").unwrap(), "5");
        assert_eq!(v("m_Component[0].component").unwrap(), "{fileID: 4}");
        assert_eq!(v("m_SavedProperties.m_TexEnvs._MainTex.m_Texture.guid").unwrap(), "abc");
        assert_eq!(v("m_SavedProperties.m_Floats._Glossiness").unwrap(), "0.5");
        assert!(resolve(&n, "pos.y").unwrap().in_flow);
        assert!(v("pos.w").unwrap_err().contains("[x, y]"));
        assert!(v("m_Component.Array.data[2]").unwrap_err().contains("2 elements"));
        assert!(v("m_Component.Array.size").unwrap_err().contains("not supported"));
        assert!(v("pos.x.y").unwrap_err().contains("is a value"));
        assert!(v("").is_err());
        assert!(v("a[x]").is_err());
    }
}
