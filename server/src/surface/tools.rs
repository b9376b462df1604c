//! MCP tools: one per operation, plus read-only lookups. Each has a JSON Schema whose
//! properties use the proto's field names; [`parse_call`] checks input against it.

use serde_json::{json, Map, Value};
use unity_mcp_engine::{AssetPath, ErrorKind, Op, OpError};

pub use super::present::{asset_value, batch_json, exists, mcp_tools, outcome_json, project_value, summary};

/// Largest accepted `input_json`, in bytes (the inputs are a couple of paths).
pub const MAX_INPUT_JSON_BYTES: usize = 64 * 1024;
/// Largest `input_json` of the text-writing tools: a text asset at the default
/// `max_text_bytes`, with room for JSON's escapes.
pub const MAX_TEXT_INPUT_JSON_BYTES: usize = 2 * unity_mcp_engine::db::DEFAULT_MAX_TEXT_BYTES;

/// A tool as listed by ListTools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolSpec {
    /// Stable id used by CallTool.
    pub id: &'static str,
    /// Human title.
    pub name: &'static str,
    /// What it does, for an agent choosing tools.
    pub description: &'static str,
    /// JSON Schema of the input, as text.
    pub input_schema: String,
}

/// A parsed, validated tool call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToolCall {
    /// An asset operation (runs exactly like the RPC of the same name).
    Op(Op),
    /// get_project_info.
    ProjectInfo,
    /// get_asset_info: read-only lookup.
    AssetInfo(AssetPath),
    /// batch: operations run in order through the Stream path, each validated on its
    /// own (a bad one gets its own error; the others still run).
    Batch(Vec<Result<Op, OpError>>),
}

/// Most operations in one `batch` call: a batch is one request, so this bounds what
/// one call can queue (use the gRPC Stream for more).
pub const MAX_BATCH_OPS: usize = 1000;

/// How a tool's input property is typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A required string (a path, mostly).
    Required,
    /// An optional string.
    Optional,
    /// An optional boolean (false when absent).
    Flag,
    /// An optional non-negative integer (0 when absent).
    Count,
    /// A required string of any length up to `max_text_bytes`, empty allowed (a text
    /// asset's content).
    Body,
    /// A required array of span edits (EditText).
    Edits,
    /// An optional string up to `max_text_bytes` (ValidateScript's text).
    OptBody,
    /// An optional signed 64-bit fileID (0 when absent), as a string of digits (a
    /// JavaScript client would round a large number) or an integer.
    FileId,
    /// A required JSON value, as JSON text (a bare JSON value is taken as is).
    Json,
}

pub(super) struct Def {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    pub(super) description: &'static str,
    fields: &'static [(&'static str, &'static str, Field)],
}

use Field::{Body, Count, Edits, FileId, Flag, Json, OptBody, Optional, Required};

pub(super) const DEFS: &[Def] = &[
    Def {
        id: "import_asset",
        name: "Import asset",
        description: "Import a file or folder under Assets/ (or a package folder): creates its .meta if missing and keeps its GUID if present; a folder import also gives .meta files to its contents. Returns the asset's GUID, path and Unity type.",
        fields: &[("asset_path", "Project-relative path, e.g. Assets/Textures/hero.png", Required)],
    },
    Def {
        id: "move_asset",
        name: "Move asset",
        description: "Move or rename a file or folder together with its .meta files, keeping every GUID so references survive. Fails if the destination exists or its parent folder is missing.",
        fields: &[("src_path", "Current path, e.g. Assets/Old/hero.png", Required), ("dst_path", "New path, e.g. Assets/Art/hero.png", Required)],
    },
    Def {
        id: "delete_asset",
        name: "Delete asset",
        description: "Delete a file or a whole folder (recursively) together with its .meta files. Answers which assets outside it referenced it (now dangling references); with only_if_unreferenced, deletes nothing if anything does and names them (check with find_references first).",
        fields: &[
            ("asset_path", "Project-relative path of the file or folder to delete", Required),
            ("only_if_unreferenced", "Delete nothing if anything outside it references it", Flag),
        ],
    },
    Def {
        id: "find_assets",
        name: "Find assets",
        description: "Find assets from memory by GUID, path glob (** any depth, * within a folder name, ? one character) and/or Unity type (Texture2D, Material, Prefab's GameObject, ...); at least one criterion. Sorted by path; truncated when more matched than the limit (default 1000).",
        fields: &[
            ("guid", "Exactly this GUID (32 hex digits)", Optional),
            ("path_glob", "e.g. Assets/Art/**/*.mat", Optional),
            ("type", "Unity type name, e.g. Material", Optional),
            ("limit", "Most results (default 1000, at most 100000)", Count),
        ],
    },
    Def {
        id: "find_references",
        name: "Find references",
        description: "Every asset whose file or .meta mentions the asset's GUID (scenes, prefabs, materials, controllers, UXML/USS, model remaps...): who would break if it were deleted or replaced. For a folder: anything inside it referenced from outside it. Give asset_path or guid. Answered from memory; binary-serialized assets cannot be searched (check_project lists none as missing).",
        fields: &[("asset_path", "The asset or folder", Optional), ("guid", "Or the GUID", Optional)],
    },
    Def {
        id: "get_dependencies",
        name: "Get dependencies",
        description: "What an asset uses (the GUIDs its file and .meta mention that resolve to assets), like AssetDatabase.GetDependencies; GUIDs that resolve to nothing are listed as unresolved (Unity's built-in resources are neither).",
        fields: &[("asset_path", "The asset", Required), ("recursive", "Follow dependencies of dependencies", Flag)],
    },
    Def {
        id: "check_project",
        name: "Check project",
        description: "Report what is wrong, changing nothing: missing_meta, orphan_meta, corrupt_meta, duplicate_guid, dangling_reference (a GUID nothing in the project provides; the detail says whether a package in Packages/manifest.json may provide it).",
        fields: &[],
    },
    Def {
        id: "copy_asset",
        name: "Copy asset",
        description: "Unity's Duplicate: copy a file or folder; the copies get fresh GUIDs, and references inside the copied set that point into it are rewritten to the copies (a duplicated folder of a prefab and its material is self-contained); references to the outside stay. Fails if the destination exists or its parent is missing.",
        fields: &[("src_path", "What to copy", Required), ("dst_path", "Where the copy goes", Required)],
    },
    Def {
        id: "create_folder",
        name: "Create folder",
        description: "Create a folder with its .meta, like AssetDatabase.CreateFolder; the parent folder must exist.",
        fields: &[("asset_path", "e.g. Assets/Art/Textures", Required)],
    },
    Def {
        id: "read_text",
        name: "Read text asset",
        description: "Read a text asset (C# script, asmdef, shader, JSON, Unity YAML...) under Assets/ or a package: the lines asked for (1-based; start_line 0 and line_count 0 read everything), the whole file's sha256 (pass it as expected_sha256 to write_text or edit_text so a concurrent change is not overwritten), total_lines, line_ending and bom. .meta files are the server's and cannot be read here.",
        fields: &[
            ("asset_path", "e.g. Assets/Scripts/Player.cs", Required),
            ("start_line", "First line, 1-based (0: the first)", Count),
            ("line_count", "Lines to read (0: to the end)", Count),
        ],
    },
    Def {
        id: "search_text",
        name: "Search text assets",
        description: "Search the text assets (scripts, shaders, YAML scenes and prefabs, JSON...) with a regular expression (Rust regex syntax; linear time), .meta files and Unity-ignored names skipped, optionally only paths matching path_glob (as find_assets). Each matching line once, sorted by path then line, with the column of the first match; limit default 200, at most 10000; truncated when more matched.",
        fields: &[
            ("pattern", "e.g. class\\s+\\w+\\s*:\\s*MonoBehaviour", Required),
            ("path_glob", "e.g. Assets/**/*.cs", Optional),
            ("limit", "Most matching lines (default 200, at most 10000)", Count),
            ("case_insensitive", "Letters match in either case", Flag),
        ],
    },
    Def {
        id: "write_text",
        name: "Write text asset",
        description: "Create or replace a text asset atomically. A replaced file keeps its .meta, GUID, BOM and line endings (\\n in text becomes \\r\\n in a CRLF file); a new file gets a .meta, and missing folders under Assets/ are created with theirs. With expected_sha256 (from read_text), nothing is written if the file changed meanwhile (error code 10, with the current hash).",
        fields: &[
            ("asset_path", "e.g. Assets/Scripts/Player.cs", Required),
            ("text", "The whole new content", Body),
            ("expected_sha256", "Write only if the file's SHA-256 is this (from read_text)", Optional),
        ],
    },
    Def {
        id: "edit_text",
        name: "Edit text asset",
        description: "Apply span edits to a text asset, all or nothing: each replaces the text from (start_line, start_column) up to but not including (end_line, end_column) with new_text; lines and columns are 1-based, columns count characters; start == end inserts. Edits refer to the original text and must not overlap. Only the edited spans change; BOM and line endings stay. With expected_sha256 (from read_text), nothing is written if the file changed meanwhile (error code 10).",
        fields: &[
            ("asset_path", "e.g. Assets/Scripts/Player.cs", Required),
            ("edits", "The edits", Edits),
            ("expected_sha256", "Edit only if the file's SHA-256 is this (from read_text)", Optional),
        ],
    },
    Def {
        id: "create_script",
        name: "Create C# script",
        description: "Create a C# script from a template in the style of Unity's own, with its .meta (and missing folders under Assets/): kind MonoBehaviour (default), ScriptableObject (with [CreateAssetMenu]), EditorWindow (with a [MenuItem]; only in an Editor folder or Editor-only asmdef), class, interface, enum or struct. The type is named after the file (it must be a C# identifier, not a keyword). Namespace: the one given, else the owning asmdef's rootNamespace, else the project's root namespace. Refuses an existing path (code 6). Returns the text and its diagnostics.",
        fields: &[
            ("asset_path", "e.g. Assets/Scripts/Player.cs", Required),
            ("kind", "MonoBehaviour, ScriptableObject, EditorWindow, class, interface, enum or struct", Optional),
            ("namespace", "e.g. Game.Player (default: asmdef rootNamespace, else the project's)", Optional),
        ],
    },
    Def {
        id: "validate_script",
        name: "Validate script",
        description: "Check a C# script, .asmdef or .asmref without the Editor, changing nothing: the text given (as if it were the file at asset_path), or the file's own. Diagnostics (severity, 1-based line and column, message, rule): syntax (a real C# parser, each #if configuration parsed on its own), unity-class-name (a MonoBehaviour/ScriptableObject/Editor class whose name is not the file's), editor-api-in-runtime (UnityEditor outside #if UNITY_EDITOR in a player script), asmdef-json, asmdef-name, asmdef-reference, asmdef-cycle. Also the assembly the file compiles into. write_text, edit_text and create_script return the same diagnostics.",
        fields: &[
            ("asset_path", "e.g. Assets/Scripts/Player.cs (needed for the path-dependent rules)", Optional),
            ("text", "The text to check instead of the file's", OptBody),
        ],
    },
    Def {
        id: "get_hierarchy",
        name: "Get scene or prefab hierarchy",
        description: "The GameObject tree of a scene (.unity) or prefab (.prefab), read from the file without the Editor: roots in the scene's order, children in Transform order, each node's file_id, name, active, tag, layer and components (built-in class names; a MonoBehaviour by its script's class name, with the script asset when the project has it). A prefab instance is one node with its source prefab. max_depth 0 = all levels; limit default 10,000 nodes (truncated beyond). Binary-serialized files are refused (code 9).",
        fields: &[
            ("asset_path", "e.g. Assets/Scenes/Main.unity", Required),
            ("max_depth", "Levels below the roots (0: all)", Count),
            ("limit", "Most nodes (default 10000)", Count),
        ],
    },
    Def {
        id: "get_object",
        name: "Get object",
        description: "One object of any text-serialized Unity file (scene, prefab, material, ScriptableObject .asset, controller, anim...): its class_id, type, file_id, properties as JSON (file order; references as {fileID, guid, type}) and its YAML exactly as in the file. file_id from get_hierarchy (a node or component); 0 = the file's main object (a prefab's root GameObject, else the first object).",
        fields: &[("asset_path", "e.g. Assets/Materials/Hero.mat", Required), ("file_id", "The object's fileID as a string of digits, e.g. \"-4215872543217891234\" (0 or absent: the main object)", FileId)],
    },
    Def {
        id: "set_property",
        name: "Set property",
        description: "Set one value of one object in a text-serialized Unity file, changing only the bytes of that value (everything else stays as the Editor wrote it), atomically. property_path in Unity's form: m_Name, m_LocalPosition.x, m_Materials.Array.data[0] (or m_Materials[0]), and a material's m_SavedProperties.m_TexEnvs._MainTex.m_Texture / m_Floats._Glossiness / m_Colors._Color. value_json: a number, a string, true/false (written 1/0), a reference {\"fileID\": 2800000, \"guid\": \"...\", \"type\": 3} (the GUID must be an asset of the project or a built-in; {\"fileID\": 0} clears it), or an object of an existing flow mapping's fields ({\"x\":0,\"y\":1,\"z\":0}). Adding or removing sequence elements is not supported (code 3). Returns the old value and the new sha256; with expected_sha256 nothing is written if the file changed (code 10). find_references sees a changed reference at once.",
        fields: &[
            ("asset_path", "e.g. Assets/Prefabs/Player.prefab", Required),
            ("file_id", "The object's fileID as a string of digits (0 or absent: the main object)", FileId),
            ("property_path", "e.g. m_LocalPosition.x", Required),
            ("value_json", "The new value as JSON text, e.g. 1.5, \"Hero\", true, {\"fileID\":0}", Json),
            ("expected_sha256", "Set only if the file's SHA-256 is this", Optional),
        ],
    },
    Def {
        id: "refresh",
        name: "Refresh",
        description: "Bring .meta files in line with the project folder as the Unity Editor does: create missing ones, remove orphans, honour Unity's ignore rules.",
        fields: &[],
    },
    Def {
        id: "get_project_info",
        name: "Get project info",
        description: "The project's product name and Unity editor version.",
        fields: &[],
    },
    Def {
        id: "batch",
        name: "Batch of operations",
        description: "Run a list of asset operations (import_asset, move_asset, delete_asset, refresh) in order, in one round trip, through the same ordered Stream as gRPC: one result per operation, in order, each either its outcome or its own error (a failed operation does not stop the others). At most 1000 operations. Sends progress notifications when given a progressToken; a cancel stops the operations not yet started.",
        fields: &[],
    },
    Def {
        id: "get_asset_info",
        name: "Get asset info",
        description: "Read-only lookup of an asset's GUID and type from its .meta; changes nothing.",
        fields: &[("asset_path", "Project-relative path, e.g. Assets/Prefabs/Player.prefab", Required)],
    },
];

/// JSON Schema of the batch tool's input.
fn batch_schema() -> Value {
    let path = json!({"type": "string", "minLength": 1, "maxLength": unity_mcp_engine::path::MAX_PATH_BYTES});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"operations": {
            "type": "array",
            "maxItems": MAX_BATCH_OPS,
            "description": "The operations, run in this order",
            "items": {"type": "object", "properties": {
                "op": {"type": "string", "enum": ["import_asset", "move_asset", "delete_asset", "refresh"]},
                "asset_path": path, "src_path": path, "dst_path": path
            }, "required": ["op"]}
        }},
        "required": ["operations"],
        "additionalProperties": false
    })
}

/// One operation of a batch, validated like the tool of the same name.
fn batch_op(item: &Value) -> Result<Op, OpError> {
    let Value::Object(obj) = item else { return Err(OpError::invalid("operations[]: each operation must be a JSON object")) };
    let text = |name: &str| -> Result<&str, OpError> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(OpError::invalid(format!("operations[]: '{name}' must be a string"))),
            None => Err(OpError::invalid(format!("operations[]: missing '{name}'"))),
        }
    };
    let op = text("op")?;
    let allowed: &[&str] = match op {
        "import_asset" | "delete_asset" => &["op", "asset_path"],
        "move_asset" => &["op", "src_path", "dst_path"],
        "refresh" => &["op"],
        other => {
            return Err(OpError::invalid(format!(
                "operations[]: op '{}' is not one of import_asset, move_asset, delete_asset, refresh",
                other.chars().take(64).collect::<String>()
            )))
        }
    };
    if let Some(extra) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(OpError::invalid(format!("operations[]: '{}' is not a field of {op}", extra.chars().take(64).collect::<String>())));
    }
    match op {
        "import_asset" => Op::import(text("asset_path")?),
        "delete_asset" => Op::delete(text("asset_path")?),
        "move_asset" => Op::move_asset(text("src_path")?, text("dst_path")?),
        _ => Ok(Op::Refresh),
    }
}

/// An optional string property ("" when absent).
fn text_field<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<&'a str, OpError> {
    match obj.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(OpError::invalid(format!("input_json: property '{name}' must be a string"))),
        None => Ok(""),
    }
}

/// The `edits` property of edit_text.
fn edits_field(obj: &Map<String, Value>) -> Result<Vec<unity_mcp_engine::text::TextEdit>, OpError> {
    let Some(Value::Array(items)) = obj.get("edits") else {
        return Err(OpError::invalid("input_json: property 'edits' must be an array of edits"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let Value::Object(e) = item else { return Err(OpError::invalid(format!("edits[{i}]: must be an object"))) };
            if let Some(extra) = e.keys().find(|k| !["start_line", "start_column", "end_line", "end_column", "new_text"].contains(&k.as_str())) {
                return Err(OpError::invalid(format!("edits[{i}]: unknown property '{}'", extra.chars().take(64).collect::<String>())));
            }
            let pos = |name: &str| -> Result<u32, OpError> {
                e.get(name)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| OpError::invalid(format!("edits[{i}]: '{name}' must be an integer from 1 to {}", u32::MAX)))
            };
            let new_text = match e.get("new_text") {
                Some(Value::String(s)) => s.clone(),
                _ => return Err(OpError::invalid(format!("edits[{i}]: 'new_text' must be a string"))),
            };
            Ok(unity_mcp_engine::text::TextEdit {
                start_line: pos("start_line")?,
                start_column: pos("start_column")?,
                end_line: pos("end_line")?,
                end_column: pos("end_column")?,
                new_text,
            })
        })
        .collect()
}

pub(super) fn schema(def: &Def) -> String {
    if def.id == "batch" {
        return batch_schema().to_string();
    }
    let mut props = Map::new();
    for (field, desc, kind) in def.fields {
        let schema = match kind {
            Required | Optional => {
                json!({"type": "string", "minLength": 1, "maxLength": unity_mcp_engine::path::MAX_PATH_BYTES, "description": desc})
            }
            Flag => json!({"type": "boolean", "description": desc}),
            Count => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX, "description": desc}),
            FileId => json!({"type": "string", "pattern": "^-?[0-9]{1,20}$", "description": desc}),
            Json => json!({"type": "string", "minLength": 1, "maxLength": unity_mcp_engine::yaml::set::MAX_VALUE_JSON_BYTES, "description": desc}),
            Body | OptBody => json!({"type": "string", "maxLength": unity_mcp_engine::db::DEFAULT_MAX_TEXT_BYTES, "description": desc}),
            Edits => {
                let pos = json!({"type": "integer", "minimum": 1, "maximum": u32::MAX});
                json!({"type": "array", "maxItems": unity_mcp_engine::text::edit::MAX_EDITS, "description": desc, "items": {
                    "type": "object",
                    "properties": {"start_line": pos, "start_column": pos, "end_line": pos, "end_column": pos, "new_text": {"type": "string"}},
                    "required": ["start_line", "start_column", "end_line", "end_column", "new_text"],
                    "additionalProperties": false
                }})
            }
        };
        props.insert(field.to_string(), schema);
    }
    let required: Vec<&str> = def.fields.iter().filter(|f| matches!(f.2, Required | Body | Edits | Json)).map(|f| f.0).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false
    })
    .to_string()
}

/// Every tool, in a stable order.
pub fn tools() -> Vec<ToolSpec> {
    DEFS.iter()
        .map(|d| ToolSpec { id: d.id, name: d.name, description: d.description, input_schema: schema(d) })
        .collect()
}

/// Parses and validates a CallTool request. Unknown tool -> 5; input that is not JSON
/// or does not fit the schema -> 3; a bad path -> 3 naming the field.
pub fn parse_call(tool_id: &str, input_json: &str) -> Result<ToolCall, OpError> {
    let Some(def) = DEFS.iter().find(|d| d.id == tool_id) else {
        let known: Vec<&str> = DEFS.iter().map(|d| d.id).collect();
        return Err(OpError::new(
            ErrorKind::NotFound,
            format!("tool_id: no tool '{}'; known tools: {}", tool_id.chars().take(64).collect::<String>(), known.join(", ")),
        ));
    };
    let limit = if matches!(def.id, "write_text" | "edit_text" | "validate_script") { MAX_TEXT_INPUT_JSON_BYTES } else { MAX_INPUT_JSON_BYTES };
    if input_json.len() > limit {
        return Err(OpError::invalid(format!("input_json: {} bytes; the limit is {limit}", input_json.len())));
    }
    // An empty input means no arguments, which suits the tools that take none.
    let value: Value = if input_json.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        serde_json::from_str(input_json).map_err(|e| OpError::invalid(format!("input_json: not valid JSON: {e}")))?
    };
    let Value::Object(obj) = value else {
        return Err(OpError::invalid("input_json: must be a JSON object"));
    };
    if def.id == "batch" {
        if let Some(extra) = obj.keys().find(|k| *k != "operations") {
            return Err(OpError::invalid(format!("input_json: unknown property '{}' for tool 'batch'", extra.chars().take(64).collect::<String>())));
        }
        let Some(Value::Array(items)) = obj.get("operations") else {
            return Err(OpError::invalid("input_json: property 'operations' must be an array of operations"));
        };
        if items.len() > MAX_BATCH_OPS {
            return Err(OpError::invalid(format!("operations: {} operations; the limit is {MAX_BATCH_OPS} (use the gRPC Stream for more)", items.len())));
        }
        return Ok(ToolCall::Batch(items.iter().map(batch_op).collect()));
    }
    if let Some(extra) = obj.keys().find(|k| !def.fields.iter().any(|f| f.0 == k.as_str())) {
        return Err(OpError::invalid(format!("input_json: unknown property '{}' for tool '{}'", extra.chars().take(64).collect::<String>(), def.id)));
    }
    let field = |name: &str| -> Result<&str, OpError> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(OpError::invalid(format!("input_json: property '{name}' must be a string"))),
            None => Err(OpError::invalid(format!("input_json: missing required property '{name}'"))),
        }
    };
    let text = |name: &str| -> Result<&str, OpError> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(OpError::invalid(format!("input_json: property '{name}' must be a string"))),
            None => Ok(""),
        }
    };
    let flag = |name: &str| -> Result<bool, OpError> {
        match obj.get(name) {
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(OpError::invalid(format!("input_json: property '{name}' must be true or false"))),
            None => Ok(false),
        }
    };
    let count = |name: &str| -> Result<u32, OpError> {
        match obj.get(name) {
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| OpError::invalid(format!("input_json: property '{name}' must be an integer from 0 to {}", u32::MAX))),
            None => Ok(0),
        }
    };
    Ok(match def.id {
        "import_asset" => ToolCall::Op(Op::import(field("asset_path")?)?),
        "move_asset" => ToolCall::Op(Op::move_asset(field("src_path")?, field("dst_path")?)?),
        "delete_asset" => ToolCall::Op(Op::delete_with(field("asset_path")?, flag("only_if_unreferenced")?)?),
        "find_assets" => ToolCall::Op(Op::find_assets(text("guid")?, text("path_glob")?, text("type")?, count("limit")?)?),
        "find_references" => ToolCall::Op(Op::find_references(text("asset_path")?, text("guid")?)?),
        "get_dependencies" => ToolCall::Op(Op::dependencies(field("asset_path")?, flag("recursive")?)?),
        "check_project" => ToolCall::Op(Op::Query(unity_mcp_engine::Query::Check)),
        "copy_asset" => ToolCall::Op(Op::copy(field("src_path")?, field("dst_path")?)?),
        "create_folder" => ToolCall::Op(Op::create_folder(field("asset_path")?)?),
        "refresh" => ToolCall::Op(Op::Refresh),
        "search_text" => ToolCall::Op(Op::search_text(field("pattern")?, text("path_glob")?, count("limit")?, flag("case_insensitive")?)?),
        "read_text" => ToolCall::Op(Op::read_text(field("asset_path")?, count("start_line")?, count("line_count")?)?),
        "write_text" => {
            let text = field("text")?.to_string();
            ToolCall::Op(Op::write_text(field("asset_path")?, text, self::text_field(&obj, "expected_sha256")?)?)
        }
        "edit_text" => ToolCall::Op(Op::edit_text(field("asset_path")?, edits_field(&obj)?, self::text_field(&obj, "expected_sha256")?)?),
        "create_script" => ToolCall::Op(Op::create_script(field("asset_path")?, text("kind")?, text("namespace")?)?),
        "validate_script" => ToolCall::Op(Op::validate_script(text("asset_path")?, obj.get("text").map(|_| text("text").map(str::to_string)).transpose()?)?),
        "get_hierarchy" => ToolCall::Op(Op::get_hierarchy(field("asset_path")?, count("max_depth")?, count("limit")?)?),
        "get_object" => ToolCall::Op(Op::get_object(field("asset_path")?, file_id_field(&obj)?)?),
        "set_property" => ToolCall::Op(Op::set_property(
            field("asset_path")?,
            file_id_field(&obj)?,
            field("property_path")?,
            &json_field(&obj, "value_json")?,
            self::text_field(&obj, "expected_sha256")?,
        )?),
        "get_project_info" => ToolCall::ProjectInfo,
        _ => ToolCall::AssetInfo(AssetPath::parse("asset_path", field("asset_path")?)?),
    })
}

/// `file_id`: digits in a string, or an integer; absent is 0.
fn file_id_field(obj: &Map<String, Value>) -> Result<i64, OpError> {
    let bad = || OpError::invalid("input_json: property 'file_id' must be a fileID: a string of digits (e.g. \"-4215872543217891234\") or an integer");
    match obj.get("file_id") {
        None | Some(Value::Null) => Ok(0),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(0),
        Some(Value::String(s)) => s.trim().parse().map_err(|_| bad()),
        Some(Value::Number(n)) => n.as_i64().ok_or_else(bad),
        Some(_) => Err(bad()),
    }
}

/// A JSON-valued field: its text when a string (the contract's form), else the
/// JSON value itself written out (an agent that sent `1.5` rather than `"1.5"`).
fn json_field(obj: &Map<String, Value>, name: &str) -> Result<String, OpError> {
    match obj.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v) => Ok(v.to_string()),
        None => Err(OpError::invalid(format!("input_json: missing required property '{name}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_use_proto_field_names() {
        let t = tools();
        let mv = t.iter().find(|t| t.id == "move_asset").unwrap();
        let s: Value = serde_json::from_str(&mv.input_schema).unwrap();
        assert_eq!(s["required"], json!(["src_path", "dst_path"]));
        assert_eq!(s["additionalProperties"], json!(false));
        for id in ["import_asset", "move_asset", "delete_asset", "refresh", "get_project_info"] {
            assert!(t.iter().any(|t| t.id == id), "{id}");
        }
    }

    #[test]
    fn calls_are_checked_against_the_schema() {
        assert_eq!(parse_call("nope", "{}").unwrap_err().kind, ErrorKind::NotFound);
        assert_eq!(parse_call("import_asset", "{").unwrap_err().kind, ErrorKind::Invalid);
        assert_eq!(parse_call("import_asset", "[]").unwrap_err().kind, ErrorKind::Invalid);
        assert!(parse_call("import_asset", "{}").unwrap_err().message.contains("missing required property 'asset_path'"));
        assert!(parse_call("import_asset", r#"{"asset_path": 3}"#).unwrap_err().message.contains("must be a string"));
        assert!(parse_call("import_asset", r#"{"asset_path": "Assets/a", "x": 1}"#).unwrap_err().message.contains("unknown property"));
        assert!(parse_call("import_asset", r#"{"asset_path": "../x"}"#).unwrap_err().message.starts_with("asset_path:"));
        assert_eq!(parse_call("refresh", "").unwrap(), ToolCall::Op(Op::Refresh));
        assert_eq!(
            parse_call("move_asset", r#"{"src_path":"Assets/a.png","dst_path":"Assets/b.png"}"#).unwrap(),
            ToolCall::Op(Op::move_asset("Assets/a.png", "Assets/b.png").unwrap())
        );
    }
}
