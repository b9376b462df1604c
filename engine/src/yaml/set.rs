//! SetProperty, planned without I/O: which bytes of the file become what. Only
//! the bytes of the value change; a value already equal keeps its bytes (so
//! setting a value back restores the file even where the Editor's folding of long
//! texts is not reproduced). The plan is checked before it is returned: the new
//! text parses, and the property reads back as the value set.

use super::emit::{self, Place};
use super::json::{is_number, to_json};
use super::node::{Node, NodeKind, Style};
use super::path::resolve;
use serde_json::Value;

/// Why a value cannot be set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetError {
    /// The request is wrong (code 3): bad JSON, a path to a collection, a key that
    /// is not there, a value of the wrong shape.
    Invalid(String),
    /// The project refuses it (code 9): a reference to a GUID nothing provides.
    Precondition(String),
}

/// What the project says about a GUID a reference names.
pub enum GuidCheck {
    /// An asset of the project: `type` 2 for a file Unity serializes itself
    /// (`.mat`, `.prefab`, ...), 3 for an imported one.
    Asset(i32),
    /// No file of the project has it, but the project's files reference it (an
    /// asset of a package in `Library/PackageCache`, a script of a package): a
    /// reference Unity resolves, and no typo. Its `type` defaults to 3.
    Referenced,
    /// Nothing provides it.
    Unknown,
}

/// The planned change.
#[derive(Debug)]
pub struct Plan {
    /// `(start, end, new text)` over the file's text, sorted, not overlapping.
    pub spans: Vec<(usize, usize, String)>,
    /// The property's value before, as JSON.
    pub old_value_json: String,
    /// `(property path, JSON)` each changed value must read as afterwards: the
    /// caller re-reads the written text and compares (verify on save).
    pub checks: Vec<(String, String)>,
}

/// Largest `value_json` accepted (bytes).
pub const MAX_VALUE_JSON_BYTES: usize = 1 << 20;

/// The built-in resources' GUIDs (`type: 0`).
pub const BUILTIN_GUIDS: &[&str] = &["0000000000000000e000000000000000", "0000000000000000f000000000000000"];

/// Plans setting `path` of `body` (a document of `text`) to `value_json`.
pub fn plan(text: &str, body: &Node<'_>, path: &str, value_json: &str, check_guid: &dyn Fn(&str) -> GuidCheck) -> Result<Plan, SetError> {
    if value_json.len() > MAX_VALUE_JSON_BYTES {
        return Err(SetError::Invalid(format!("value_json: {} bytes; at most {MAX_VALUE_JSON_BYTES}", value_json.len())));
    }
    let value: Value = serde_json::from_str(value_json).map_err(|e| SetError::Invalid(format!("value_json: not JSON ({e})")))?;
    let found = resolve(body, path).map_err(SetError::Invalid)?;
    let node = found.node;
    let old_value_json = to_json(node);
    // The file's own line break (its first one); whether it wraps long references
    // is only looked up for a reference.
    let nl = match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    let place = |n: &Node<'_>, flow: bool| emit::place(text, n.span.start, flow);
    let mut spans = Vec::new();
    let mut checks = Vec::new();
    match (&value, &node.kind) {
        (Value::Object(obj), NodeKind::Map { flow: true, entries }) if obj.contains_key("fileID") && entries.iter().any(|(k, _)| *k == "fileID") => {
            let written = reference(obj, check_guid, Place { wrap_flow: emit::wraps_flow(text), ..place(node, found.in_flow) })?;
            if !same_value(node, &written) {
                checks.push((path.to_string(), json_of(&written)?));
                spans.push((node.span.start, node.span.end, written));
            }
        }
        (Value::Object(obj), NodeKind::Map { flow: true, entries }) => {
            for (k, v) in obj {
                let Some((_, leaf)) = entries.iter().find(|(key, _)| key == k) else {
                    let keys: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
                    return Err(SetError::Invalid(format!("value_json: '{path}' has no field '{k}'; its fields: [{}]", keys.join(", "))));
                };
                if !matches!(leaf.kind, NodeKind::Scalar { .. }) {
                    return Err(SetError::Invalid(format!("value_json: '{path}.{k}' is not a single value; set it by its own path")));
                }
                let written = scalar(v, place(leaf, true), nl).map_err(|e| SetError::Invalid(format!("value_json.{k}: {e}")))?;
                if !same_value(leaf, &written) {
                    checks.push((format!("{path}.{k}"), json_of(&written)?));
                    spans.push((leaf.span.start, leaf.span.end, written));
                }
            }
            spans.sort_by_key(|s| s.0);
        }
        (Value::Object(_), NodeKind::Scalar { .. }) => return Err(SetError::Invalid(format!("value_json: '{path}' holds a single value, not an object"))),
        (_, NodeKind::Map { flow: false, .. }) => {
            return Err(SetError::Invalid(format!("property_path: '{path}' is a mapping; set one of its fields ('{path}.<field>')")))
        }
        (_, NodeKind::Seq { .. }) => {
            return Err(SetError::Invalid(format!(
                "property_path: '{path}' is a sequence; set one element ('{path}.Array.data[i]'); adding or removing sequence elements is not supported"
            )))
        }
        (_, NodeKind::Map { .. }) => return Err(SetError::Invalid(format!("value_json: '{path}' is a mapping; give an object with its fields"))),
        (v, NodeKind::Scalar { .. }) => {
            let written = scalar(v, place(node, found.in_flow), nl).map_err(|e| SetError::Invalid(format!("value_json: {e}")))?;
            if !same_value(node, &written) {
                checks.push((path.to_string(), json_of(&written)?));
                spans.push((node.span.start, node.span.end, written));
            }
        }
    }
    Ok(Plan { spans, old_value_json, checks })
}

/// A scalar's text for a JSON value.
fn scalar(v: &Value, place: Place, nl: &str) -> Result<String, String> {
    match v {
        Value::Number(n) => Ok(emit::number(n)),
        Value::Bool(b) => Ok(if *b { "1" } else { "0" }.into()),
        Value::String(s) => {
            if s.contains('\0') {
                return Err("a string with a NUL character".into());
            }
            Ok(emit::string(s, place, nl))
        }
        Value::Null => Err("null is not a value Unity writes; give a number, a string, a bool or a reference".into()),
        Value::Array(_) => Err("an array: adding or removing sequence elements is not supported; set elements one by one ('path.Array.data[i]')".into()),
        Value::Object(_) => Err("an object where a single value is".into()),
    }
}

/// A reference's text, its GUID checked.
fn reference(obj: &serde_json::Map<String, Value>, check_guid: &dyn Fn(&str) -> GuidCheck, place: Place) -> Result<String, SetError> {
    for k in obj.keys() {
        if !matches!(k.as_str(), "fileID" | "guid" | "type") {
            return Err(SetError::Invalid(format!("value_json: a reference has fileID, guid and type; not '{k}'")));
        }
    }
    let file_id = match obj.get("fileID") {
        Some(Value::Number(n)) if n.is_i64() => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) if s.parse::<i64>().is_ok() => s.parse().unwrap_or(0),
        _ => return Err(SetError::Invalid("value_json.fileID: a 64-bit integer".into())),
    };
    let guid = match obj.get("guid") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        Some(_) => return Err(SetError::Invalid("value_json.guid: a string of 32 hex digits".into())),
    };
    let given_type = match obj.get("type") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_i64().is_some_and(|t| (0..=3).contains(&t)) => n.as_i64().map(|t| t as i32),
        Some(_) => return Err(SetError::Invalid("value_json.type: 0 (built-in), 2 (Unity-serialized asset) or 3 (imported asset)".into())),
    };
    if guid.is_empty() || guid.bytes().all(|b| b == b'0') {
        // A null reference, or an object in the same file.
        return Ok(emit::reference(file_id, None, place));
    }
    if guid.len() != 32 || !guid.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SetError::Invalid(format!("value_json.guid: '{guid}' is not 32 hex digits")));
    }
    let ty = if BUILTIN_GUIDS.contains(&guid.as_str()) {
        given_type.unwrap_or(0)
    } else {
        match check_guid(&guid) {
            GuidCheck::Asset(t) => given_type.unwrap_or(t),
            GuidCheck::Referenced => given_type.unwrap_or(3),
            GuidCheck::Unknown => return Err(SetError::Precondition(format!("value_json.guid: no asset of this project has GUID {guid} (nor is it a built-in resource, nor referenced by any file of the project)"))),
        }
    };
    Ok(emit::reference(file_id, Some((&guid, ty)), place))
}

/// True if `written` reads as the value `node` already has (numbers compare as
/// numbers: `1` and `1.0` are one value).
fn same_value(node: &Node<'_>, written: &str) -> bool {
    let Some((json, number)) = read_alone(written) else { return false };
    match (&node.kind, number) {
        (NodeKind::Scalar { raw, style: Style::Plain }, Some(new)) if is_number(raw.trim()) => {
            let old = raw.trim();
            old.parse::<f64>().ok() == new.parse::<f64>().ok() && old.starts_with('-') == new.starts_with('-')
        }
        _ => to_json(node) == json,
    }
}

/// The JSON `written` reads as (an error if it does not read: a bug here).
fn json_of(written: &str) -> Result<String, SetError> {
    read_alone(written).map(|(j, _)| j).ok_or_else(|| SetError::Invalid(format!("value_json: the value would be written as {written:?}, which does not read back")))
}

/// `written` read alone as a key's value: its JSON, and its text if a plain number.
pub fn read_alone(written: &str) -> Option<(String, Option<String>)> {
    let doc = format!("v: {written}\n");
    let root = super::parse_document(&doc, 0, doc.len()).ok()?;
    let v = root.get("v")?;
    let number = match &v.kind {
        NodeKind::Scalar { raw, style: Style::Plain } if is_number(raw.trim()) => Some(raw.trim().to_string()),
        _ => None,
    };
    Some((to_json(v), number))
}
