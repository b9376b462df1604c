//! The logic of each fuzz target, as library functions: `cargo fuzz` drives them from
//! `fuzz_targets/`, and `cargo test` replays every file of `corpus/<target>` and
//! `artifacts/<target>` through them (tests/replay.rs), so CI checks the corpora
//! without cargo-fuzz. Each function panics only on a real bug: a panic in the code
//! under test, or a broken invariant checked here.

use prost::Message;
use std::sync::Arc;
use unity_mcp_engine::fs::{FileSystem, MemFs};
use unity_mcp_server::surface::tools::{self, ToolCall};
use unity_mcp_engine::meta;
use unity_mcp_engine::{AssetDb, Op, RandomGuids};
use unity_mcp_server::convert;
use unity_mcp_wire::pb;

/// A small project to apply decoded operations to.
fn project() -> (MemFs, AssetDb) {
    let fs = MemFs::new("Fuzz");
    fs.put_dir("Assets");
    for f in ["Assets/A/x.png", "Assets/A/y.cs", "Assets/B/z.txt", "Packages/com.p/R/r.cs"] {
        fs.put_file(f, b"data");
    }
    fs.put_file("Assets/A/x.png.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
    fs.put_symlink("Assets/Out", "/etc");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(1)));
    (fs, db)
}

/// After any operation, every `.meta` in the project parses: nothing half-written.
fn check_project(fs: &MemFs) {
    for (path, content) in fs.snapshot() {
        if path.ends_with(".meta") {
            if let Some(bytes) = content {
                // Metas the fuzzer itself can't have written are ours: they must parse.
                if !bytes.starts_with(b"data") {
                    assert!(meta::parse(&bytes).is_ok(), "{path} does not parse after an operation");
                }
            }
        }
    }
}

/// The wire answer to `req`, checked against what the request and the engine's result
/// say it must be (not against the converter's own view): same id, the response member
/// of the request's kind, the error (with the engine's code) exactly when the operation
/// failed, and bytes that decode back to the same answer.
fn check_stream_answer(req: &pb::StreamRequest, resp: &pb::StreamResponse, failed: Option<i32>) {
    use pb::stream_request::Message as Q;
    use pb::stream_response::Message as A;
    assert_eq!(resp.id, req.id);
    assert!(resp.error.is_none(), "a decoded operation is answered in its own member");
    let error = |e: &Option<pb::McpError>| e.as_ref().map(|e| e.code);
    let member_error = match (&req.message, &resp.message) {
        (Some(Q::ImportAsset(_)), Some(A::ImportAsset(r))) => error(&r.error),
        (Some(Q::MoveAsset(_)), Some(A::MoveAsset(r))) => error(&r.error),
        (Some(Q::DeleteAsset(_)), Some(A::DeleteAsset(r))) => {
            assert_eq!(r.success, failed.is_none());
            error(&r.error)
        }
        (Some(Q::Refresh(_)), Some(A::Refresh(r))) => error(&r.error),
        (Some(Q::FindAssets(_)), Some(A::FindAssets(r))) => error(&r.error),
        (Some(Q::FindReferences(_)), Some(A::FindReferences(r))) => error(&r.error),
        (Some(Q::GetDependencies(_)), Some(A::GetDependencies(r))) => error(&r.error),
        (Some(Q::CheckProject(_)), Some(A::CheckProject(r))) => error(&r.error),
        (Some(Q::CopyAsset(_)), Some(A::CopyAsset(r))) => error(&r.error),
        (Some(Q::CreateFolder(_)), Some(A::CreateFolder(r))) => error(&r.error),
        (q, a) => panic!("the answer's member does not match the request's: {q:?} -> {a:?}"),
    };
    assert_eq!(member_error, failed, "the error is set exactly when the operation failed, with its code");
    let bytes = resp.encode_to_vec();
    assert_eq!(pb::StreamResponse::decode(bytes.as_slice()).as_ref(), Ok(resp));
}

fn apply(db: &AssetDb, fs: &MemFs, op: &Op) {
    // Any answer is fine; a panic or a broken project is not.
    let _ = db.apply(op);
    check_project(fs);
}

/// Target `stream_request`: the first byte picks the message type (StreamRequest or
/// one of the unary requests); the rest is decoded as protobuf, validated exactly as
/// the server does, and applied to an in-memory project.
pub fn stream_request(data: &[u8]) {
    let Some((&which, bytes)) = data.split_first() else { return };
    let (fs, db) = project();
    let op = match which % 5 {
        0 => {
            let Ok(req) = pb::StreamRequest::decode(bytes) else { return };
            let (_, decoded) = convert::decode_stream_request(&req);
            match decoded {
                Some((kind, Ok(op))) => {
                    let result = db.apply(&op);
                    let failed = result.as_ref().err().map(|e| convert::grpc_code(e.kind));
                    let resp = convert::stream_response(req.id, kind, result);
                    check_stream_answer(&req, &resp, failed);
                    check_project(&fs);
                    return;
                }
                Some((_, Err(e))) => {
                    assert_eq!(e.kind, unity_mcp_engine::ErrorKind::Invalid, "validation errors are INVALID_ARGUMENT: {e}");
                    return;
                }
                None => return,
            }
        }
        1 => pb::ImportAssetRequest::decode(bytes).ok().map(|r| Op::import(&r.asset_path)),
        2 => pb::MoveAssetRequest::decode(bytes).ok().map(|r| Op::move_asset(&r.src_path, &r.dst_path)),
        3 => pb::DeleteAssetRequest::decode(bytes).ok().map(|r| Op::delete(&r.asset_path)),
        _ => pb::ReadResourceRequest::decode(bytes).ok().map(|r| {
            let _ = unity_mcp_server::surface::resources::parse_uri(&r.uri);
            Ok(Op::Refresh)
        }),
    };
    if let Some(Ok(op)) = op {
        apply(&db, &fs, &op);
    }
}

/// Target `meta_parse`: any bytes as a `.meta`; a parsed GUID survives a render.
pub fn meta_parse(data: &[u8]) {
    if let Ok(m) = meta::parse(data) {
        let kind = unity_mcp_engine::kind::kind_of_file("x.png");
        let again = meta::parse(meta::render(m.guid, &kind).as_bytes()).map(|m| m.guid);
        assert_eq!(again, Ok(m.guid));
        // Re-identifying a duplicate changes the GUID and nothing else.
        let fresh = meta::with_guid(data, &m, meta::Guid(0x5eed));
        assert_eq!(fresh.len(), data.len());
        assert_eq!(meta::parse(&fresh).map(|m| m.guid), Ok(meta::Guid(0x5eed)));
        assert!((0..data.len()).all(|i| fresh[i] == data[i] || m.guid_span.contains(&i)));
    }
    // Also as an existing .meta next to an asset: import reads it, never panics.
    let (fs, db) = project();
    fs.put_file("Assets/B/z.txt.meta", data);
    let _ = db.import(&unity_mcp_engine::AssetPath::from_trusted("Assets/B/z.txt"));
    let _ = db.refresh();
    let _ = fs.kind("Assets/B/z.txt.meta");
}

/// Every tool id, in the order the first input byte picks them.
const TOOL_IDS: [&str; 13] = [
    "import_asset", "move_asset", "delete_asset", "refresh", "get_project_info", "get_asset_info", "batch",
    "find_assets", "find_references", "get_dependencies", "check_project", "copy_asset", "create_folder",
];

/// The compiled output schema of each tool, as ListTools gives it to MCP clients.
fn output_validators() -> &'static std::collections::HashMap<String, jsonschema::Validator> {
    static V: std::sync::OnceLock<std::collections::HashMap<String, jsonschema::Validator>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        tools::mcp_tools()
            .into_iter()
            .map(|t| {
                let name = t["name"].as_str().unwrap_or_default().to_string();
                let validator = jsonschema::validator_for(&t["outputSchema"]).unwrap_or_else(|e| panic!("{name}: output schema does not compile: {e}"));
                (name, validator)
            })
            .collect()
    })
}

/// Runs a parsed call as the server would (in process, one operation at a time).
fn run_call(db: &AssetDb, call: ToolCall) -> Result<String, unity_mcp_engine::OpError> {
    match call {
        ToolCall::Op(op) => db.apply(&op).map(|o| tools::outcome_json(&o)),
        ToolCall::ProjectInfo => Ok(tools::project_value(&db.project_info()).to_string()),
        ToolCall::AssetInfo(path) => db.info(&path).map(|a| serde_json::json!({"asset": tools::asset_value(&a)}).to_string()),
        ToolCall::Batch(ops) => {
            let results: Vec<_> = ops.into_iter().map(|op| Some(op.and_then(|op| db.apply(&op)))).collect();
            Ok(tools::batch_json(&results))
        }
    }
}

/// Target `call_tool`: the first byte picks a tool id (or the rest is split at the
/// first NUL into an arbitrary id and input); the input JSON is parsed and checked
/// against the tool's schema, a valid call is run, and the MCP result is checked as a
/// client that validates output schemas (the TypeScript SDK) checks it: a success's
/// structured content matches the tool's `outputSchema`; an error has its message as
/// text, no structured content, and its code in `_meta`.
pub fn call_tool(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (id, input) = match TOOL_IDS.get(which as usize % (TOOL_IDS.len() + 1)) {
        Some(id) => (id.to_string(), text.to_string()),
        None => match text.split_once('\0') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (text.to_string(), String::new()),
        },
    };
    let call = match tools::parse_call(&id, &input) {
        Ok(call) => call,
        Err(e) => {
            assert!(matches!(e.kind, unity_mcp_engine::ErrorKind::Invalid | unity_mcp_engine::ErrorKind::NotFound), "CallTool errors are 3 or 5: {e}");
            // An input error of a known tool is still a tool result every client accepts.
            if tools::exists(&id) {
                check_mcp_result(&id, Err(e));
            }
            return;
        }
    };
    let (fs, db) = project();
    let outcome = run_call(&db, call);
    check_project(&fs);
    check_mcp_result(&id, outcome);
}

/// Checks the MCP result of `tool` built from `outcome`, as a strict client would.
fn check_mcp_result(tool: &str, outcome: Result<String, unity_mcp_engine::OpError>) {
    let failed = outcome.is_err();
    let result = unity_mcp_server::mcp_front::tool_result(tool, outcome).unwrap_or_else(|e| panic!("{tool}: no result: {e:?}"));
    let value = serde_json::to_value(&result).unwrap_or_else(|e| panic!("{tool}: result does not serialise: {e}"));
    let is_error = value["isError"].as_bool() == Some(true);
    assert_eq!(is_error, failed, "{tool}: isError follows the outcome: {value}");
    assert!(value["content"][0]["text"].as_str().is_some_and(|t| !t.is_empty()), "{tool}: a text content: {value}");
    match value.get("structuredContent") {
        Some(structured) => {
            assert!(!is_error, "{tool}: an error carries no structured content: {value}");
            let validator = &output_validators()[tool];
            if let Err(e) = validator.validate(structured) {
                panic!("{tool}: structured content does not match the output schema: {e}\n{structured}");
            }
        }
        None => {
            assert!(is_error, "{tool}: a success carries structured content: {value}");
            let code = value["_meta"]["unity-mcp/error"]["code"].as_i64().unwrap_or(0);
            assert!((1..=16).contains(&code), "{tool}: the error's gRPC code in _meta: {value}");
        }
    }
}

/// Target `glob_match`: the bytes up to the first NUL are a glob, the rest a path. A
/// match must cost at most `path length x (glob length + 1)` steps, whatever the glob
/// (a backtracking matcher took minutes on `************Z`), and agree with a match of
/// the same glob compiled twice.
pub fn glob_match(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (glob, path) = text.split_once('\0').unwrap_or((&text, "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool/Prefabs/Projectile.prefab"));
    let compiled = unity_mcp_engine::index::Glob::new(glob);
    let mut steps = 0u64;
    let matched = compiled.matches_counted(path, &mut steps);
    let bound = path.len() as u64 * (glob.len() as u64 + 1);
    assert!(steps <= bound, "glob {glob:?} on {path:?}: {steps} steps, bound {bound}");
    assert_eq!(unity_mcp_engine::index::glob_match(glob, path), matched);
    // `**` matches everything, a glob matches itself when it has no wildcard.
    assert!(unity_mcp_engine::index::glob_match("**", path));
    if !glob.contains(['*', '?']) {
        assert!(unity_mcp_engine::index::glob_match(glob, glob));
    }
}

/// Span edits (issue 20's EditText): the input is a file, then after a NUL byte,
/// edits as groups of four position bytes and a text up to the next `;`. No panic;
/// an edit either succeeds with the untouched prefix and suffix kept byte for byte,
/// or fails and changes nothing (the function returns the error, not a half file).
pub fn text_edit(data: &[u8]) {
    use unity_mcp_engine::text::{apply_edits, TextEdit};
    let (file, rest) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut edits = Vec::new();
    for chunk in rest.split(|&b| b == b';').take(8) {
        if chunk.len() < 4 {
            continue;
        }
        let p = |b: u8| u32::from(b % 8);
        edits.push(TextEdit {
            start_line: p(chunk[0]),
            start_column: p(chunk[1]),
            end_line: p(chunk[2]),
            end_column: p(chunk[3]),
            new_text: String::from_utf8_lossy(&chunk[4..]).into_owned(),
        });
    }
    if let Ok(out) = apply_edits(file, &edits) {
        assert!(std::str::from_utf8(&out).is_ok(), "an edit made invalid UTF-8");
        // Without edits, not a byte changes.
        if edits.is_empty() {
            assert_eq!(out, file);
        }
    }
}

/// The preprocessor pass and the C# checks on any text: no panic; each configuration
/// keeps the text's length and every line break where it was (so positions map back);
/// every diagnostic points inside the text. The first byte picks which symbols are
/// defined; the rest is the script. Also the asmdef parser on the same text.
pub fn script_check(data: &[u8]) {
    use unity_mcp_engine::script::csharp::{check, ScriptContext};
    use unity_mcp_engine::script::preproc::configure;
    let Some((&mask, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let defined = |s: &str| (s.len() as u8 ^ s.bytes().next().unwrap_or(0)) & mask & 7 != 0;
    let c = configure(text.as_bytes(), &defined);
    assert_eq!(c.text.len(), text.len(), "a configuration changed the length");
    let breaks = |b: &[u8]| b.iter().enumerate().filter(|(_, &x)| x == b'\n').map(|(i, _)| i).collect::<Vec<_>>();
    assert_eq!(breaks(&c.text), breaks(text.as_bytes()), "line breaks moved");
    let lines = text.split('\n').count();
    assert_eq!(c.active.len(), lines);
    let defines = vec!["FUZZ".to_string()];
    for d in check(&text, &ScriptContext { stem: Some("Fuzz"), player: Some(mask & 8 != 0), defines: &defines }) {
        assert!(d.line >= 1 && d.line as usize <= lines && d.column >= 1, "diagnostic outside the text: {d:?}");
    }
    let _ = unity_mcp_engine::script::asmdef::parse(&text);
}

/// The Unity YAML reader on any bytes: splitting, every document's body, the JSON
/// view, the GameObject tree, and a SetProperty planned on one value (chosen by the
/// input) whose splice must read back. No panic; spans stay inside the text.
pub fn unity_yaml(data: &[u8]) {
    use unity_mcp_engine::yaml::set::{plan, GuidCheck};
    use unity_mcp_engine::yaml::{hierarchy::hierarchy, json::to_json, UnityFile};
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let Ok(file) = UnityFile::parse(&text) else { return };
    let _ = hierarchy(&file);
    for doc in &file.docs {
        assert!(doc.span.start <= doc.span.end && doc.span.end <= text.len());
        let Ok(body) = file.body(doc) else { continue };
        assert!(body.span.end <= text.len());
        let json = to_json(&body);
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "the JSON view is not JSON: {json}");
        // A value set: the first key of the body, to a number, a text or a reference.
        if let unity_mcp_engine::yaml::NodeKind::Map { entries, .. } = &body.kind {
            let Some((key, _)) = entries.first() else { continue };
            let value = match pick % 3 {
                0 => "1.5".to_string(),
                1 => "\"a: b\\n c\"".to_string(),
                _ => "{\"fileID\": -7}".to_string(),
            };
            if let Ok(p) = plan(&text, &body, key, &value, &|_| GuidCheck::Asset(2)) {
                for (s, e, _) in &p.spans {
                    assert!(s <= e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e));
                }
            }
        }
    }
}
