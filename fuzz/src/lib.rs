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
                    // The wire answer can always be built.
                    let resp = convert::stream_response(req.id, kind, result);
                    assert_eq!(resp.id, req.id);
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

/// Target `call_tool`: the first byte picks a tool id (or the rest is split at the
/// first NUL into an arbitrary id and input); the input JSON is parsed and checked
/// against the tool's schema, and a valid call is applied.
pub fn call_tool(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let ids = ["import_asset", "move_asset", "delete_asset", "refresh", "get_project_info", "get_asset_info"];
    let text = String::from_utf8_lossy(rest);
    let (id, input) = match ids.get(which as usize % (ids.len() + 1)) {
        Some(id) => (id.to_string(), text.to_string()),
        None => match text.split_once('\0') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (text.to_string(), String::new()),
        },
    };
    match tools::parse_call(&id, &input) {
        Ok(ToolCall::Op(op)) => {
            let (fs, db) = project();
            if let Ok(o) = db.apply(&op) {
                let out = tools::outcome_json(&o);
                assert!(out.starts_with('{'), "output is a JSON object");
            }
            check_project(&fs);
        }
        Ok(_) => {}
        Err(e) => assert!(matches!(e.kind, unity_mcp_engine::ErrorKind::Invalid | unity_mcp_engine::ErrorKind::NotFound), "CallTool errors are 3 or 5: {e}"),
    }
}
