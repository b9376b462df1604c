//! Assembly definitions (`.asmdef`, `.asmref`): the fields the rules need, the rules
//! (`asmdef-json`, `asmdef-name`, `asmdef-reference`, `asmdef-cycle`), and the
//! assembly a script compiles into by Unity's rules.

use super::{Diagnostic, Severity};
use std::collections::{HashMap, HashSet};

/// Most asmdefs a cycle search follows (a project has hundreds at most).
pub const MAX_ASMDEFS: usize = 20_000;

/// What the rules read of an `.asmdef`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Asmdef {
    /// `name`: the assembly's name (`None`: missing or empty).
    pub name: Option<String>,
    /// `rootNamespace`, when set.
    pub root_namespace: Option<String>,
    /// `references`: `"GUID:<hex>"` or assembly names.
    pub references: Vec<String>,
    /// `includePlatforms` is exactly `["Editor"]`: compiled for the Editor only.
    pub editor_only: bool,
}

/// A diagnostic for JSON that does not parse, at serde_json's line and column.
fn json_error(e: &serde_json::Error, what: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        e.line().max(1) as u32,
        e.column().max(1) as u32,
        format!("{what} is not valid JSON: {e}"),
        "asmdef-json",
    )
}

/// Parses an `.asmdef`'s text (no BOM).
pub fn parse(text: &str) -> Result<Asmdef, Diagnostic> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e, "the asmdef"))?;
    let Some(obj) = v.as_object() else {
        return Err(Diagnostic::new(Severity::Error, 1, 1, "the asmdef is not a JSON object", "asmdef-json"));
    };
    let string = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let strings = |k: &str| -> Vec<String> {
        obj.get(k).and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
    };
    let include = strings("includePlatforms");
    Ok(Asmdef {
        name: string("name"),
        root_namespace: string("rootNamespace"),
        references: strings("references"),
        editor_only: include.len() == 1 && include[0] == "Editor",
    })
}

/// The `reference` of an `.asmref` (`"GUID:<hex>"` or a name).
pub fn parse_asmref(text: &str) -> Result<String, Diagnostic> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e, "the asmref"))?;
    v.get("reference")
        .and_then(|r| r.as_str())
        .map(String::from)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Diagnostic::new(Severity::Error, 1, 1, "the asmref has no \"reference\"", "asmdef-json"))
}

/// Another asmdef of the project, as the rules see it.
#[derive(Clone, Debug)]
pub struct Known {
    /// Its path.
    pub path: String,
    /// Its GUID, lowercase hex (from its `.meta`).
    pub guid: Option<String>,
    /// Its fields (`None`: it does not parse).
    pub asmdef: Option<Asmdef>,
}

/// The name a `"GUID:<hex>"` or name reference resolves to among `known`.
fn resolve(reference: &str, known: &[Known], names: &HashSet<&str>) -> Option<String> {
    if let Some(hex) = reference.strip_prefix("GUID:") {
        let hex = hex.trim().to_ascii_lowercase();
        return known.iter().find(|k| k.guid.as_deref() == Some(hex.as_str())).map(|k| k.asmdef.as_ref().and_then(|a| a.name.clone()).unwrap_or_default());
    }
    let by_name = known.iter().any(|k| k.asmdef.as_ref().and_then(|a| a.name.as_deref()) == Some(reference));
    (by_name || names.contains(reference)).then(|| reference.to_string())
}

/// Line and column (1-based) of the first `"needle"` in `text`, else 1:1.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let quoted = format!("\"{needle}\"");
    let Some(at) = text.find(&quoted) else { return (1, 1) };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// The rules for the asmdef at `path` with `text`; `known` are the project's asmdefs
/// (this one's old version included or not), `extra_names` assembly names found
/// elsewhere (`Library/PackageCache/`).
pub fn check(path: &str, text: &str, known: &[Known], extra_names: &HashSet<&str>) -> Vec<Diagnostic> {
    let me = match parse(text) {
        Ok(a) => a,
        Err(d) => return vec![d],
    };
    let mut out = Vec::new();
    let others: Vec<Known> = known.iter().filter(|k| k.path != path).cloned().collect();
    match &me.name {
        None => out.push(Diagnostic::new(Severity::Error, 1, 1, "the asmdef has no \"name\": Unity refuses it", "asmdef-name")),
        Some(name) => {
            if let Some(dup) = others.iter().find(|k| k.asmdef.as_ref().and_then(|a| a.name.as_deref()) == Some(name.as_str())) {
                let (line, column) = position_of(text, name);
                out.push(Diagnostic::new(
                    Severity::Error,
                    line,
                    column,
                    format!("assembly name '{name}' is also the name of {}: Unity compiles neither", dup.path),
                    "asmdef-name",
                ));
            }
        }
    }
    for r in &me.references {
        if resolve(r, &others, extra_names).is_none() {
            let (line, column) = position_of(text, r);
            out.push(Diagnostic::new(
                Severity::Warning,
                line,
                column,
                format!("reference '{r}' resolves to no assembly definition in the project or its packages"),
                "asmdef-reference",
            ));
        }
    }
    if let Some(name) = &me.name {
        if let Some(cycle) = find_cycle(name, &me, &others, extra_names) {
            out.push(Diagnostic::new(
                Severity::Error,
                1,
                1,
                format!("assembly references form a cycle: {}", cycle.join(" -> ")),
                "asmdef-cycle",
            ));
        }
    }
    out
}

/// A path of references from `name` back to itself, if any.
fn find_cycle(name: &str, me: &Asmdef, others: &[Known], extra: &HashSet<&str>) -> Option<Vec<String>> {
    // Name -> resolved reference names, for the project's asmdefs.
    // This asmdef resolves by name too (its GUID is not needed: a GUID reference to
    // itself would be a cycle of one, which Unity also refuses).
    let mut all: Vec<Known> = others.iter().take(MAX_ASMDEFS).cloned().collect();
    all.push(Known { path: String::new(), guid: None, asmdef: Some(me.clone()) });
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for k in &all {
        if let Some(a) = &k.asmdef {
            if let Some(n) = &a.name {
                let to = a.references.iter().filter_map(|r| resolve(r, &all, extra)).collect();
                edges.insert(n.clone(), to);
            }
        }
    }
    // Iterative DFS from `name`, remembering each node's parent.
    let mut parent: HashMap<String, String> = HashMap::new();
    let mut stack = vec![name.to_string()];
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(at) = stack.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        for next in edges.get(&at).map(Vec::as_slice).unwrap_or(&[]) {
            if next == name {
                // name -> ... -> at -> name, from the parents back.
                let mut chain = vec![at.clone()];
                while let Some(p) = parent.get(chain.last().map(String::as_str).unwrap_or(name)) {
                    chain.push(p.clone());
                    if chain.len() > MAX_ASMDEFS {
                        break;
                    }
                }
                chain.reverse();
                chain.push(name.to_string());
                return Some(chain);
            }
            if !seen.contains(next) {
                parent.entry(next.clone()).or_insert_with(|| at.clone());
                stack.push(next.clone());
            }
        }
    }
    None
}

/// The predefined assembly of a script with no asmdef or asmref above it, by Unity's
/// folder rules; `None` under `Packages/` (a package's scripts need an asmdef).
pub fn predefined_assembly(path: &str) -> Option<&'static str> {
    let mut parts = path.split('/');
    if parts.next() != Some("Assets") {
        return None;
    }
    let folders: Vec<&str> = path.split('/').skip(1).collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let firstpass = matches!(folders.first(), Some(&("Plugins" | "Standard Assets" | "Pro Standard Assets")));
    let editor = folders.contains(&"Editor");
    Some(match (firstpass, editor) {
        (true, true) => "Assembly-CSharp-Editor-firstpass",
        (true, false) => "Assembly-CSharp-firstpass",
        (false, true) => "Assembly-CSharp-Editor",
        (false, false) => "Assembly-CSharp",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(path: &str, guid: &str, text: &str) -> Known {
        Known { path: path.into(), guid: Some(guid.into()), asmdef: parse(text).ok() }
    }

    #[test]
    fn fields_and_editor_only() {
        let a = parse(r#"{ "name": "Game.Editor", "rootNamespace": "Game", "references": ["GUID:ab", "Game"], "includePlatforms": ["Editor"] }"#).unwrap();
        assert_eq!(a.name.as_deref(), Some("Game.Editor"));
        assert_eq!(a.root_namespace.as_deref(), Some("Game"));
        assert_eq!(a.references, vec!["GUID:ab", "Game"]);
        assert!(a.editor_only);
        assert!(!parse(r#"{"name":"G","includePlatforms":[]}"#).unwrap().editor_only);
    }

    #[test]
    fn json_errors_have_positions() {
        let d = parse("{\n  \"name\": \"G\",\n  oops\n}").unwrap_err();
        assert_eq!((d.rule, d.line), ("asmdef-json", 3));
    }

    #[test]
    fn names_references_and_cycles() {
        let none = HashSet::new();
        let a = known("Assets/A/A.asmdef", "aaaa", r#"{"name":"A","references":["GUID:bbbb"]}"#);
        let b = known("Assets/B/B.asmdef", "bbbb", r#"{"name":"B","references":["C"]}"#);
        let c_text = r#"{"name":"C","references":["A","Missing.Name"]}"#;
        let c = known("Assets/C/C.asmdef", "cccc", c_text);
        let all = vec![a.clone(), b.clone(), c];
        let d = check("Assets/C/C.asmdef", c_text, &all, &none);
        let rules: Vec<&str> = d.iter().map(|d| d.rule).collect();
        assert_eq!(rules, vec!["asmdef-reference", "asmdef-cycle"], "{d:?}");
        assert!(d[1].message.contains("C -> A -> B -> C"), "{}", d[1].message);
        // A duplicate name and a missing one.
        let dup = r#"{"name":"A"}"#;
        assert_eq!(check("Assets/D/D.asmdef", dup, &all, &none)[0].rule, "asmdef-name");
        assert_eq!(check("Assets/D/D.asmdef", "{}", &all, &none)[0].rule, "asmdef-name");
        // No cycle, everything resolves: nothing to say.
        assert!(check("Assets/A/A.asmdef", r#"{"name":"A","references":["GUID:BBBB"]}"#, &[a, b], &HashSet::from(["C"])).is_empty());
    }

    #[test]
    fn predefined_assemblies() {
        assert_eq!(predefined_assembly("Assets/Scripts/P.cs"), Some("Assembly-CSharp"));
        assert_eq!(predefined_assembly("Assets/Scripts/Editor/P.cs"), Some("Assembly-CSharp-Editor"));
        assert_eq!(predefined_assembly("Assets/Plugins/X/P.cs"), Some("Assembly-CSharp-firstpass"));
        assert_eq!(predefined_assembly("Assets/Plugins/Editor/P.cs"), Some("Assembly-CSharp-Editor-firstpass"));
        assert_eq!(predefined_assembly("Assets/Standard Assets/P.cs"), Some("Assembly-CSharp-firstpass"));
        assert_eq!(predefined_assembly("Assets/Game/Plugins/P.cs"), Some("Assembly-CSharp"));
        assert_eq!(predefined_assembly("Packages/com.x/P.cs"), None);
    }
}
