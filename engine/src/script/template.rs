//! CreateScript's templates, in the style of the Editor's own (`ScriptTemplates/`:
//! usings first, 4-space indent, the namespace wrapping everything when there is
//! one). New files: no BOM, `\n`.

use crate::importers::UnityVersion;

/// What CreateScript makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    /// A component (the default).
    MonoBehaviour,
    /// A data asset, with `[CreateAssetMenu]`.
    ScriptableObject,
    /// An Editor window, with a `[MenuItem]` that opens it.
    EditorWindow,
    /// A plain class.
    Class,
    /// An interface.
    Interface,
    /// An enum.
    Enum,
    /// A struct.
    Struct,
}

impl ScriptKind {
    /// Every kind, as the request names them.
    pub const NAMES: [&'static str; 7] = ["MonoBehaviour", "ScriptableObject", "EditorWindow", "class", "interface", "enum", "struct"];

    /// Parses a request's `kind` (empty: MonoBehaviour; case does not matter).
    pub fn parse(kind: &str) -> Option<ScriptKind> {
        let k = kind.trim().to_ascii_lowercase();
        Some(match k.as_str() {
            "" | "monobehaviour" => ScriptKind::MonoBehaviour,
            "scriptableobject" => ScriptKind::ScriptableObject,
            "editorwindow" => ScriptKind::EditorWindow,
            "class" => ScriptKind::Class,
            "interface" => ScriptKind::Interface,
            "enum" => ScriptKind::Enum,
            "struct" => ScriptKind::Struct,
            _ => return None,
        })
    }
}

/// C#'s reserved keywords (contextual ones such as `var` or `record` are valid type
/// names and are not here).
const KEYWORDS: [&str; 77] = [
    "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default", "delegate", "do",
    "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
    "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
    "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true",
    "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
];

/// A C# identifier that is not a reserved keyword.
pub fn is_type_name(s: &str) -> bool {
    super::preproc::is_identifier(s) && !KEYWORDS.contains(&s)
}

/// A namespace: identifiers (not keywords) joined by dots.
pub fn is_namespace(s: &str) -> bool {
    !s.is_empty() && s.len() <= 512 && s.split('.').all(is_type_name)
}

/// The body lines of `kind` for type `name` (no namespace, no indentation), and the
/// usings it needs.
fn body(kind: ScriptKind, name: &str, version: UnityVersion) -> (Vec<&'static str>, Vec<String>) {
    let unity6 = version >= UnityVersion::new(6000, 0);
    match kind {
        ScriptKind::MonoBehaviour => {
            let usings = if unity6 { vec!["UnityEngine"] } else { vec!["System.Collections", "System.Collections.Generic", "UnityEngine"] };
            let start = if unity6 {
                "    // Start is called once before the first execution of Update after the MonoBehaviour is created"
            } else {
                "    // Start is called before the first frame update"
            };
            let lines = vec![
                format!("public class {name} : MonoBehaviour"),
                "{".into(),
                start.into(),
                "    void Start()".into(),
                "    {".into(),
                "        ".into(),
                "    }".into(),
                String::new(),
                "    // Update is called once per frame".into(),
                "    void Update()".into(),
                "    {".into(),
                "        ".into(),
                "    }".into(),
                "}".into(),
            ];
            (usings, lines)
        }
        ScriptKind::ScriptableObject => (
            vec!["UnityEngine"],
            vec![
                format!("[CreateAssetMenu(fileName = \"{name}\", menuName = \"Scriptable Objects/{name}\")]"),
                format!("public class {name} : ScriptableObject"),
                "{".into(),
                "    ".into(),
                "}".into(),
            ],
        ),
        ScriptKind::EditorWindow => (
            vec!["UnityEditor", "UnityEngine"],
            vec![
                format!("public class {name} : EditorWindow"),
                "{".into(),
                format!("    [MenuItem(\"Window/{name}\")]"),
                "    public static void ShowWindow()".into(),
                "    {".into(),
                format!("        GetWindow<{name}>(\"{name}\");"),
                "    }".into(),
                String::new(),
                "    private void OnGUI()".into(),
                "    {".into(),
                "        ".into(),
                "    }".into(),
                "}".into(),
            ],
        ),
        ScriptKind::Class => (vec!["UnityEngine"], vec![format!("public class {name}"), "{".into(), "    ".into(), "}".into()]),
        ScriptKind::Interface => (vec![], vec![format!("public interface {name}"), "{".into(), "    ".into(), "}".into()]),
        ScriptKind::Enum => (vec![], vec![format!("public enum {name}"), "{".into(), "    ".into(), "}".into()]),
        ScriptKind::Struct => (vec![], vec![format!("public struct {name}"), "{".into(), "    ".into(), "}".into()]),
    }
}

/// The script's text: usings, then the type, inside `namespace` when one is given.
pub fn render(kind: ScriptKind, name: &str, namespace: Option<&str>, version: UnityVersion) -> String {
    let (usings, lines) = body(kind, name, version);
    let mut out = String::new();
    for u in &usings {
        out.push_str(&format!("using {u};\n"));
    }
    if !usings.is_empty() {
        out.push('\n');
    }
    match namespace {
        Some(ns) => {
            out.push_str(&format!("namespace {ns}\n{{\n"));
            for l in &lines {
                if !l.is_empty() {
                    out.push_str("    ");
                }
                out.push_str(l);
                out.push('\n');
            }
            out.push_str("}\n");
        }
        None => {
            for l in &lines {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::csharp::{check, ScriptContext};

    #[test]
    fn every_template_parses_and_names_its_type() {
        for name in ScriptKind::NAMES {
            let kind = ScriptKind::parse(name).unwrap();
            for ns in [None, Some("Game.Core")] {
                for v in [UnityVersion::new(2021, 3), UnityVersion::new(6000, 0)] {
                    let text = render(kind, "Player", ns, v);
                    let ctx = ScriptContext { stem: Some("Player"), player: Some(kind != ScriptKind::EditorWindow), defines: &[] };
                    assert_eq!(check(&text, &ctx), vec![], "{name} {ns:?}:\n{text}");
                    assert!(text.contains("Player") && !text.contains('\r') && !text.starts_with('\u{feff}'));
                    assert!(text.ends_with("}\n"));
                }
            }
        }
        let mb = render(ScriptKind::MonoBehaviour, "Player", Some("Game"), UnityVersion::new(6000, 0));
        assert!(mb.starts_with("using UnityEngine;\n\nnamespace Game\n{\n    public class Player : MonoBehaviour\n    {\n"), "{mb}");
    }

    #[test]
    fn names() {
        assert!(is_type_name("Player") && is_type_name("_x1") && is_type_name("var") && is_type_name("Größe"));
        assert!(!is_type_name("class") && !is_type_name("1x") && !is_type_name("a-b") && !is_type_name(""));
        assert!(is_namespace("Game.Core") && !is_namespace("Game..Core") && !is_namespace("Game.int"));
        assert_eq!(ScriptKind::parse(""), Some(ScriptKind::MonoBehaviour));
        assert_eq!(ScriptKind::parse("scriptableobject"), Some(ScriptKind::ScriptableObject));
        assert_eq!(ScriptKind::parse("record"), None);
    }
}
