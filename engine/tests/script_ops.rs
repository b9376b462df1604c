//! CreateScript, ValidateScript and the diagnostics of script writes, on the
//! in-memory file system (issue 20).

use std::sync::Arc;
use unity_mcp_engine::fs::{FileSystem, MemFs};
use unity_mcp_engine::script::Severity;
use unity_mcp_engine::script::template::ScriptKind;
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, Op, Outcome, RandomGuids};

fn db_with(version: &str) -> (MemFs, AssetDb) {
    let fs = MemFs::new("Demo");
    fs.put_dir("Assets");
    fs.put_dir("ProjectSettings");
    fs.put_file("ProjectSettings/ProjectVersion.txt", format!("m_EditorVersion: {version}\n").as_bytes());
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(5)));
    let _ = db.build_index();
    (fs, db)
}

fn p(s: &str) -> AssetPath {
    AssetPath::parse("asset_path", s).unwrap()
}

fn text_of(fs: &MemFs, path: &str) -> String {
    String::from_utf8(fs.read(path, 1 << 20).unwrap()).unwrap()
}

fn validate(db: &AssetDb, path: &str, text: Option<&str>) -> unity_mcp_engine::db::Validation {
    match db.apply(&Op::validate_script(path, text.map(String::from)).unwrap()).unwrap() {
        Outcome::Validated(v) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn create_script_writes_the_template_its_meta_and_folders() {
    let (fs, db) = db_with("6000.0.23f1");
    let c = db.create_script(&p("Assets/Scripts/Player/PlayerMotor.cs"), ScriptKind::MonoBehaviour, None).unwrap();
    assert_eq!(c.folders_created.iter().map(|a| a.path.as_str()).collect::<Vec<_>>(), vec!["Assets/Scripts", "Assets/Scripts/Player"]);
    assert_eq!(text_of(&fs, "Assets/Scripts/Player/PlayerMotor.cs"), c.text);
    assert!(c.text.starts_with("using UnityEngine;\n\npublic class PlayerMotor : MonoBehaviour\n{\n"), "{}", c.text);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    // Unity 6 writes a two-line meta for a new script.
    let meta = text_of(&fs, "Assets/Scripts/Player/PlayerMotor.cs.meta");
    assert_eq!(meta.trim_end(), format!("fileFormatVersion: 2\nguid: {}", c.asset.guid));
    assert_eq!(c.asset.type_name, "MonoScript");
    // An existing path is refused and left alone.
    let again = db.create_script(&p("Assets/Scripts/Player/PlayerMotor.cs"), ScriptKind::Class, None).unwrap_err();
    assert_eq!(again.kind, ErrorKind::AlreadyExists);
    assert_eq!(text_of(&fs, "Assets/Scripts/Player/PlayerMotor.cs"), c.text);
}

#[test]
fn an_older_editor_gets_its_template_and_mono_importer() {
    let (fs, db) = db_with("2021.3.5f1");
    let c = db.create_script(&p("Assets/Enemy.cs"), ScriptKind::MonoBehaviour, None).unwrap();
    assert!(c.text.starts_with("using System.Collections;\nusing System.Collections.Generic;\nusing UnityEngine;\n"), "{}", c.text);
    assert!(text_of(&fs, "Assets/Enemy.cs.meta").contains("MonoImporter:"));
}

#[test]
fn names_kinds_and_namespaces_are_checked() {
    let (_, db) = db_with("6000.0.1f1");
    assert_eq!(Op::create_script("Assets/class.cs", "", "").map(|_| ()), Ok(()), "validated when it runs");
    assert_eq!(db.create_script(&p("Assets/class.cs"), ScriptKind::Class, None).unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(db.create_script(&p("Assets/2Fast.cs"), ScriptKind::Class, None).unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(db.create_script(&p("Assets/Notes.txt"), ScriptKind::Class, None).unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(Op::create_script("Assets/A.cs", "Component", "").unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(Op::create_script("Assets/A.cs", "", "Game..Core").unwrap_err().kind, ErrorKind::Invalid);
    assert!(Op::create_script("Assets/A.cs", "scriptableobject", "Game.Core").is_ok());
}

#[test]
fn an_editor_window_needs_an_editor_assembly() {
    let (fs, db) = db_with("6000.0.1f1");
    let e = db.create_script(&p("Assets/Tools/LevelTool.cs"), ScriptKind::EditorWindow, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Precondition);
    assert!(e.message.contains("Editor folder"), "{}", e.message);
    assert!(fs.kind("Assets/Tools").unwrap().is_none(), "nothing was created");
    let c = db.create_script(&p("Assets/Tools/Editor/LevelTool.cs"), ScriptKind::EditorWindow, None).unwrap();
    assert!(c.text.contains("[MenuItem(\"Window/LevelTool\")]") && c.text.contains("using UnityEditor;"));
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    // An Editor-only asmdef makes any folder an Editor assembly.
    fs.put_dir("Assets/EdTools");
    fs.put_file("Assets/EdTools/Ed.asmdef", br#"{ "name": "Game.EdTools", "includePlatforms": ["Editor"] }"#);
    assert!(db.create_script(&p("Assets/EdTools/Painter.cs"), ScriptKind::EditorWindow, None).is_ok());
}

#[test]
fn the_namespace_comes_from_the_asmdef_then_the_project() {
    let (fs, db) = db_with("6000.0.1f1");
    fs.put_file("ProjectSettings/EditorSettings.asset", b"EditorSettings:\n  m_ProjectGenerationRootNamespace: Studio.Game\n");
    fs.put_dir("Assets/Core");
    fs.put_file("Assets/Core/Core.asmdef", br#"{ "name": "Game.Core", "rootNamespace": "Game.Core" }"#);
    let in_asmdef = db.create_script(&p("Assets/Core/Sub/Health.cs"), ScriptKind::Class, None).unwrap();
    assert!(in_asmdef.text.contains("namespace Game.Core\n{\n    public class Health\n"), "{}", in_asmdef.text);
    let in_project = db.create_script(&p("Assets/Other/Score.cs"), ScriptKind::ScriptableObject, None).unwrap();
    assert!(in_project.text.contains("namespace Studio.Game\n"), "{}", in_project.text);
    assert!(in_project.text.contains("[CreateAssetMenu(fileName = \"Score\", menuName = \"Scriptable Objects/Score\")]"));
    let given = db.create_script(&p("Assets/Other/Mode.cs"), ScriptKind::Enum, Some("X.Y")).unwrap();
    assert!(given.text.starts_with("namespace X.Y\n{\n    public enum Mode\n"), "{}", given.text);
}

#[test]
fn validate_reports_the_rules_and_the_assembly() {
    let (fs, db) = db_with("6000.0.1f1");
    fs.put_dir("Assets/Scripts");
    let bad = "using UnityEngine;\nusing UnityEditor;\n\npublic class Wrong : MonoBehaviour\n{\n    void Start() { int x = 1 }\n}\n";
    let v = validate(&db, "Assets/Scripts/Player.cs", Some(bad));
    let rules: Vec<(&str, u32)> = v.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
    assert_eq!(rules, vec![("editor-api-in-runtime", 2), ("unity-class-name", 4), ("syntax", 6)], "{:?}", v.diagnostics);
    assert_eq!(v.assembly, "Assembly-CSharp");
    // Under an Editor folder the Editor API is fine; guarded by #if it is fine anywhere.
    let v = validate(&db, "Assets/Scripts/Editor/Player.cs", Some(bad));
    assert_eq!(v.assembly, "Assembly-CSharp-Editor");
    assert!(!v.diagnostics.iter().any(|d| d.rule == "editor-api-in-runtime"));
    let guarded = "#if UNITY_EDITOR\nusing UnityEditor;\n#endif\npublic class Player : UnityEngine.MonoBehaviour { }\n";
    assert_eq!(validate(&db, "Assets/Scripts/Player.cs", Some(guarded)).diagnostics, vec![]);
    // Text alone: syntax only, no assembly.
    let v = validate(&db, "", Some("class A { void F() { ( } }"));
    assert!(v.diagnostics.iter().all(|d| d.rule == "syntax") && !v.diagnostics.is_empty());
    assert_eq!(v.assembly, "");
    // The file's own text when no text is given.
    fs.put_file("Assets/Scripts/Ok.cs", b"\xEF\xBB\xBFpublic class Ok : UnityEngine.MonoBehaviour {}\r\n");
    assert_eq!(validate(&db, "Assets/Scripts/Ok.cs", None).diagnostics, vec![]);
    assert_eq!(db.apply(&Op::validate_script("Assets/Scripts/Gone.cs", None).unwrap()).unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(db.apply(&Op::validate_script("Assets/Scripts/tex.png", Some("x".into())).unwrap()).unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(Op::validate_script("", None).unwrap_err().kind, ErrorKind::Invalid);
}

#[test]
fn asmdefs_own_their_folders_and_follow_the_rules() {
    let (fs, db) = db_with("6000.0.1f1");
    for (dir, name, body) in [
        ("Assets/Game", "Game.asmdef", r#"{ "name": "Game", "references": ["GUID:REPLACE", "Unity.Missing"] }"#),
        ("Assets/Game/Tools", "Tools.asmdef", r#"{ "name": "Game.Tools", "references": ["Game"], "includePlatforms": ["Editor"] }"#),
        ("Assets/Shared", "Shared.asmdef", r#"{ "name": "Shared", "references": ["Game"] }"#),
        ("Assets/Extra", "Extra.asmref", r#"{ "reference": "Game.Tools" }"#),
    ] {
        fs.put_dir(dir);
        fs.put_file(&format!("{dir}/{name}"), body.as_bytes());
    }
    db.apply(&Op::Refresh).unwrap();
    let shared_guid = db.info(&p("Assets/Shared/Shared.asmdef")).unwrap().guid.to_string();
    let game = text_of(&fs, "Assets/Game/Game.asmdef").replace("REPLACE", &shared_guid);
    // Game -> Shared (by GUID) -> Game: a cycle; Unity.Missing resolves to nothing.
    let v = validate(&db, "Assets/Game/Game.asmdef", Some(&game));
    let rules: Vec<&str> = v.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, vec!["asmdef-cycle", "asmdef-reference"], "{:?}", v.diagnostics);
    assert_eq!(v.assembly, "Game");
    assert!(v.diagnostics[0].message.contains("Game -> Shared -> Game"), "{}", v.diagnostics[0].message);
    assert_eq!(v.diagnostics[1].line, 1);
    // A second asmdef named Game; broken JSON.
    assert_eq!(validate(&db, "Assets/Dup/Dup.asmdef", Some(r#"{"name":"Game"}"#)).diagnostics[0].rule, "asmdef-name");
    let broken = validate(&db, "Assets/Game/Game.asmdef", Some("{\n \"name\": \"Game\",\n}"));
    assert_eq!((broken.diagnostics[0].rule, broken.diagnostics[0].line), ("asmdef-json", 3));
    // Which assembly a script lands in.
    assert_eq!(validate(&db, "Assets/Game/Sub/A.cs", Some("class A {}")).assembly, "Game");
    assert_eq!(validate(&db, "Assets/Game/Tools/B.cs", Some("class B {}")).assembly, "Game.Tools");
    assert_eq!(validate(&db, "Assets/Extra/C.cs", Some("class C {}")).assembly, "Game.Tools", "an asmref adds its folder to the asmdef it names");
    assert_eq!(validate(&db, "Assets/Plugins/D.cs", Some("class D {}")).assembly, "Assembly-CSharp-firstpass");
    // Editor-only through the asmref: the Editor API is allowed there.
    let uses_editor = "using UnityEditor;\nclass C {}\n";
    assert!(validate(&db, "Assets/Extra/C.cs", Some(uses_editor)).diagnostics.is_empty());
    assert_eq!(validate(&db, "Assets/Game/C.cs", Some(uses_editor)).diagnostics[0].rule, "editor-api-in-runtime");
}

#[test]
fn writes_and_edits_of_scripts_return_diagnostics_and_still_write() {
    let (fs, db) = db_with("6000.0.1f1");
    let w = db.write_text(&p("Assets/Broken.cs"), "public class Broken : UnityEngine.MonoBehaviour {\n  void F() { x = }\n}\n", None).unwrap();
    assert!(w.created);
    assert_eq!(w.diagnostics.iter().map(|d| (d.rule, d.line, d.severity)).collect::<Vec<_>>(), vec![("syntax", 2, Severity::Error)]);
    assert!(fs.kind("Assets/Broken.cs").unwrap().is_some(), "the write happens anyway");
    let fixed = db
        .edit_text(&p("Assets/Broken.cs"), &[unity_mcp_engine::text::TextEdit { start_line: 2, start_column: 18, end_line: 2, end_column: 18, new_text: "1; ".into() }], None)
        .unwrap();
    assert_eq!(fixed.diagnostics, vec![], "{}", text_of(&fs, "Assets/Broken.cs"));
    // Other text assets get none.
    assert_eq!(db.write_text(&p("Assets/notes.txt"), "class {", None).unwrap().diagnostics, vec![]);
}

#[test]
fn a_deadline_stops_a_validation_in_the_middle_of_its_parse() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use unity_mcp_engine::db::Stop;
    let (_fs, db) = db_with("6000.0.1f1");
    // A third of a megabyte of C#-looking text that does not parse (past the repair
    // pass's size: the rest of the cost is the two parses).
    let big = "class A { void F() { var x = new List<Dictionary<int, string>>((a, b) => { ( ; } }\n".repeat(4_000);
    let calls = AtomicUsize::new(0);
    let check = || (calls.fetch_add(1, Ordering::Relaxed) > 20).then(|| unity_mcp_engine::OpError::new(ErrorKind::DeadlineExceeded, "deadline passed"));
    let stop = Stop::when(&check);
    let e = db.apply_within(&Op::validate_script("Assets/Big.cs", Some(big.clone())).unwrap(), &stop).unwrap_err();
    assert_eq!(e.kind, ErrorKind::DeadlineExceeded, "{}", e.message);
    // Without a deadline the same text is answered (no repair pass at this size).
    let v = validate(&db, "Assets/Big.cs", Some(&big));
    assert!(v.diagnostics.iter().any(|d| d.rule == "syntax"));
}

/// A file checked again after each edit starts from the trees of its last check
/// (`script_tree_cache_bytes`): every answer is the one a database keeping no trees
/// gives, as errors appear and go away.
#[test]
fn checks_after_edits_answer_as_checks_from_scratch() {
    let (fs_kept, kept) = db_with("6000.0.23f1");
    let (fs_none, none) = db_with("6000.0.23f1");
    let none = none.with_script_tree_cache_bytes(0);
    let script = "using UnityEngine;\n\npublic class Mover : MonoBehaviour\n{\n    void Update()\n    {\n#if UNITY_EDITOR\n        Debug.Log(\"editor\");\n#else\n        Debug.Log(\"player\");\n#endif\n        transform.Translate(Vector3.up);\n    }\n}\n";
    let path = "Assets/Mover.cs";
    let edit = |line: u32, col: u32, end_col: u32, text: &str| unity_mcp_engine::text::TextEdit { start_line: line, start_column: col, end_line: line, end_column: end_col, new_text: text.to_string() };
    let steps: Vec<(unity_mcp_engine::text::TextEdit, Option<u32>)> = vec![
        (edit(12, 40, 41, ""), Some(12)),                      // drop the `;`: an error on line 12
        (edit(12, 40, 40, ";"), None),                         // put it back
        (edit(10, 28, 29, ""), Some(10)),                      // the player-only line loses its `;`
        (edit(10, 28, 28, ";"), None),
        (edit(1, 1, 1, "using UnityEditor;\n"), None),         // an Editor API in a player script: not syntax
    ];
    for db in [&kept, &none] {
        let w = db.apply(&Op::write_text(path, script.to_string(), "").unwrap()).unwrap();
        let Outcome::Written(w) = w else { panic!("{w:?}") };
        assert!(w.diagnostics.is_empty(), "{:?}", w.diagnostics);
    }
    for (n, (e, syntax_line)) in steps.into_iter().enumerate() {
        let mut answers = Vec::new();
        for db in [&kept, &none] {
            let Outcome::Written(w) = db.apply(&Op::edit_text(path, vec![e.clone()], "").unwrap()).unwrap() else { panic!() };
            answers.push((w.diagnostics, validate(db, path, None).diagnostics));
        }
        assert_eq!(answers[0], answers[1], "step {n}");
        assert_eq!(text_of(&fs_kept, path), text_of(&fs_none, path));
        let syntax: Vec<u32> = answers[0].0.iter().filter(|d| d.rule == "syntax").map(|d| d.line).collect();
        assert_eq!(syntax, syntax_line.into_iter().collect::<Vec<_>>(), "step {n}: {:?}", answers[0].0);
    }
    let last = validate(&kept, path, None).diagnostics;
    assert!(last.iter().any(|d| d.rule == "editor-api-in-runtime" && d.line == 1), "{last:?}");
}
