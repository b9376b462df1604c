//! Command-line interface: `serve`, `mcp`, `client`, `sample`.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// unity-mcp: a gRPC server that imports, moves, deletes and refreshes the assets of a
/// Unity project folder, keeping .meta files and GUIDs exactly as the Unity Editor
/// would. AI agents and tools reach it through MCP-style tools or the streaming RPC.
#[derive(Parser, Debug)]
#[command(name = "unity-mcp", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve a Unity project over gRPC (the bundled sample project if --project is not given).
    Serve(ServeArgs),
    /// Serve a Unity project to an MCP client (Claude Code, Cursor, ...) over
    /// stdin/stdout: JSON-RPC on stdout only, logs on stderr. Takes the same project
    /// and engine options as `serve` (the gRPC listener options are ignored).
    Mcp(ServeArgs),
    /// Talk to a running server: one operation, or a JSON-lines file over the Stream.
    Client(ClientArgs),
    /// Write the bundled sample project into DIR (created; must be empty).
    Sample {
        /// Where to write it.
        dir: PathBuf,
    },
}

/// `serve` options. Every limit has a default, can be set in the `--config` TOML file,
/// and can be overridden here; `--print-config` shows the result.
#[derive(Args, Debug, Default)]
pub struct ServeArgs {
    /// The Unity project folder (the one holding Assets/). Without it, the bundled
    /// sample project is written to a fresh temporary folder and served.
    #[arg(long, env = "UNITY_MCP_PROJECT")]
    pub project: Option<PathBuf>,
    /// TOML configuration file ([server] and [engine] tables; see README).
    #[arg(long, env = "UNITY_MCP_CONFIG")]
    pub config: Option<PathBuf>,
    /// Print the effective configuration as TOML and exit.
    #[arg(long)]
    pub print_config: bool,
    /// Address to listen on [default: 127.0.0.1:50051]. A non-loopback address needs
    /// --token (or --insecure).
    #[arg(long, env = "UNITY_MCP_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Shared secret every call must present as 'authorization: Bearer <token>'
    /// (health checks excepted). Prefer the environment variable.
    #[arg(long, env = "UNITY_MCP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Allow a non-loopback --listen without a token.
    #[arg(long)]
    pub insecure: bool,
    /// Serve Prometheus /metrics on this address (off unless given).
    #[arg(long)]
    pub metrics_listen: Option<SocketAddr>,
    /// Also serve MCP over streamable HTTP at http://ADDR/mcp, sharing the engine
    /// with gRPC (off unless given; --token applies to it too).
    #[arg(long)]
    pub mcp_listen: Option<SocketAddr>,
    /// Largest accepted request message in bytes [default: 65536].
    #[arg(long)]
    pub max_message_bytes: Option<usize>,
    /// On Ctrl-C/SIGTERM, milliseconds that in-flight calls get to finish [default: 10000].
    #[arg(long)]
    pub shutdown_grace_ms: Option<u64>,
    /// Streams served at once; more are refused with RESOURCE_EXHAUSTED [default: 1024].
    #[arg(long)]
    pub max_connections: Option<usize>,
    /// Requests in flight per stream before the server stops reading it [default: 128].
    #[arg(long, alias = "stream-window")]
    pub window: Option<usize>,
    /// Requests held server-wide before every stream stops being read [default: 16384].
    #[arg(long)]
    pub global_max_requests: Option<usize>,
    /// Request bytes held server-wide, same behaviour [default: 16 MiB].
    #[arg(long)]
    pub global_max_bytes: Option<u64>,
    /// Longest queue wait before a request is answered RESOURCE_EXHAUSTED [default: 5000].
    #[arg(long)]
    pub queue_timeout_ms: Option<u64>,
    /// Fewest concurrent workers the adaptation may use [default: 1].
    #[arg(long)]
    pub workers_min: Option<usize>,
    /// Most concurrent workers the adaptation may use [default: 4 x CPUs].
    #[arg(long)]
    pub workers_max: Option<usize>,
    /// Largest batch of operations per worker hand-off [default: 64].
    #[arg(long)]
    pub batch_max: Option<usize>,
    /// How long a partial batch may wait for company while workers are busy [default: 100].
    #[arg(long)]
    pub batch_max_wait_us: Option<u64>,
    /// Asset metadata cache entries [default: 10000].
    #[arg(long)]
    pub cache_capacity: Option<usize>,
    /// Asset metadata cache entry lifetime [default: 5000].
    #[arg(long)]
    pub cache_ttl_ms: Option<u64>,
}

/// `client` options.
#[derive(Args, Debug)]
pub struct ClientArgs {
    /// Server address.
    #[arg(long, default_value = "http://127.0.0.1:50051", env = "UNITY_MCP_ADDR")]
    pub addr: String,
    /// Token the server requires, if any.
    #[arg(long, env = "UNITY_MCP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// What to ask.
    #[command(subcommand)]
    pub op: ClientOp,
}

/// Client operations. Every answer is printed as one JSON object per line; the exit
/// status is 1 if any answer carries an error.
#[derive(Subcommand, Debug)]
pub enum ClientOp {
    /// ImportAsset: create the .meta if missing, report GUID and type.
    Import {
        /// e.g. Assets/Textures/player.png
        asset_path: String,
    },
    /// MoveAsset: move a file or folder with its .meta files (GUIDs kept).
    Move {
        /// Current path.
        src_path: String,
        /// New path.
        dst_path: String,
    },
    /// DeleteAsset: delete a file or folder with its .meta files.
    Delete {
        /// Path to delete.
        asset_path: String,
        /// Delete nothing if anything outside it references it.
        #[arg(long)]
        only_if_unreferenced: bool,
    },
    /// FindAssets: by GUID, path glob and/or type.
    Find {
        /// Exactly this GUID.
        #[arg(long, default_value = "")]
        guid: String,
        /// Paths matching this glob, e.g. 'Assets/**/*.mat'.
        #[arg(long, default_value = "")]
        glob: String,
        /// Unity type, e.g. Material.
        #[arg(long = "type", default_value = "")]
        type_name: String,
        /// Most results (0: 1000).
        #[arg(long, default_value_t = 0)]
        limit: u32,
    },
    /// FindReferences: who references an asset (by path or --guid).
    Refs {
        /// The asset or folder.
        #[arg(default_value = "")]
        asset_path: String,
        /// Or its GUID.
        #[arg(long, default_value = "")]
        guid: String,
    },
    /// GetDependencies: what an asset uses.
    Deps {
        /// The asset.
        asset_path: String,
        /// Follow dependencies of dependencies.
        #[arg(long)]
        recursive: bool,
    },
    /// CheckProject: missing/orphan/corrupt metas, duplicate GUIDs, dangling references.
    Check,
    /// CopyAsset: Unity's Duplicate (fresh GUIDs, internal references remapped).
    Copy {
        /// Source.
        src_path: String,
        /// Destination.
        dst_path: String,
    },
    /// CreateFolder: a folder with its .meta (the parent must exist).
    Mkdir {
        /// The folder.
        asset_path: String,
    },
    /// Refresh: create missing .meta files, remove orphans.
    Refresh,
    /// GetProjectInfo.
    Info,
    /// ListTools.
    Tools,
    /// CallTool with a JSON input, e.g. call import_asset '{"asset_path":"Assets/a.png"}'.
    Call {
        /// Tool id (see `tools`).
        tool_id: String,
        /// JSON input (default: {}).
        #[arg(default_value = "{}")]
        input_json: String,
    },
    /// ListResources.
    Resources,
    /// ReadText of an asset path (lines, hash, BOM, line ending), or ReadResource of a
    /// URI such as unity://project/info.
    Read {
        /// The text asset (Assets/...), or a resource URI.
        uri: String,
        /// First line to read (1-based; 0: the first).
        #[arg(long, default_value_t = 0)]
        start_line: u32,
        /// Lines to read (0: to the end).
        #[arg(long, default_value_t = 0)]
        lines: u32,
    },
    /// WriteText: create or replace a text asset with a file's content (- for standard
    /// input); a replaced file keeps its .meta, BOM and line endings.
    Write {
        /// The text asset.
        asset_path: String,
        /// Where the new content comes from, or - for standard input.
        file: PathBuf,
        /// Write only if the file's SHA-256 is this now (from `read`): else code 10.
        #[arg(long, default_value = "")]
        expected_sha256: String,
    },
    /// SearchText: a regular expression over the text assets (.meta files skipped).
    Search {
        /// The pattern (Rust regex syntax).
        pattern: String,
        /// Only paths matching this glob, e.g. 'Assets/**/*.cs'.
        #[arg(long, default_value = "")]
        glob: String,
        /// Most matching lines (0: 200).
        #[arg(long, default_value_t = 0)]
        limit: u32,
        /// Letters match in either case.
        #[arg(long, short = 'i')]
        ignore_case: bool,
    },
    /// EditText: span edits as a JSON array of {start_line, start_column, end_line,
    /// end_column, new_text} (1-based, end exclusive), applied all or nothing.
    Edit {
        /// The text asset.
        asset_path: String,
        /// The edits (JSON).
        edits_json: String,
        /// Edit only if the file's SHA-256 is this now (from `read`): else code 10.
        #[arg(long, default_value = "")]
        expected_sha256: String,
    },
    /// CreateScript: a new C# script from a template (the type is named after the
    /// file), with its .meta; prints the text and its diagnostics.
    #[command(name = "new-script")]
    NewScript {
        /// The new script, e.g. Assets/Scripts/Player.cs.
        asset_path: String,
        /// MonoBehaviour, ScriptableObject, EditorWindow, class, interface, enum or struct.
        #[arg(long, default_value = "MonoBehaviour")]
        kind: String,
        /// Namespace (default: the owning asmdef's rootNamespace, else the project's).
        #[arg(long, default_value = "")]
        namespace: String,
    },
    /// ValidateScript: diagnostics of a .cs, .asmdef or .asmref (syntax, Unity class
    /// name, Editor API in player code, asmdef rules) and the assembly it compiles into.
    Validate {
        /// The file (Assets/...).
        asset_path: String,
        /// Check this file's content as if it were at asset_path (- for standard input)
        /// instead of what is on disk.
        #[arg(long)]
        text_file: Option<PathBuf>,
    },
    /// GetHierarchy: the GameObject tree of a scene or prefab (names, components,
    /// prefab instances), as JSON.
    Tree {
        /// The scene or prefab (Assets/....unity, Assets/....prefab).
        asset_path: String,
        /// Levels to show below the roots (0: all).
        #[arg(long, default_value_t = 0)]
        max_depth: u32,
        /// Most nodes (0: 10,000).
        #[arg(long, default_value_t = 0)]
        limit: u32,
    },
    /// GetObject: one object of a Unity YAML file (scene, prefab, material, asset...)
    /// with its properties as JSON and its YAML as in the file.
    Object {
        /// The file.
        asset_path: String,
        /// The object's fileID (0: the file's main object).
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        file_id: i64,
    },
    /// SetProperty: set one value, changing only its bytes. VALUE is JSON: 1.5,
    /// '"text"', true, '{"fileID":2800000,"guid":"...","type":3}', '{"x":0,"y":1,"z":0}'.
    Set {
        /// The file.
        asset_path: String,
        /// The object's fileID (0: the file's main object).
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        file_id: i64,
        /// Unity's property path: m_Name, m_LocalPosition.x, m_Materials.Array.data[0],
        /// m_SavedProperties.m_TexEnvs._MainTex.m_Texture.
        property_path: String,
        /// The new value as JSON.
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Refuse (code 10) unless the file's SHA-256 is this one.
        #[arg(long, default_value = "")]
        expected_sha256: String,
    },
    /// ListPrompts.
    Prompts,
    /// GetPrompt.
    Prompt {
        /// Prompt id (see `prompts`).
        prompt_id: String,
    },
    /// Send a JSON-lines file of operations over one Stream, printing each answer in
    /// order. Lines look like {"op":"import","asset_path":"Assets/a.png"},
    /// {"op":"move","src_path":"..","dst_path":".."}, {"op":"delete","asset_path":".."},
    /// {"op":"refresh"}; an optional "id" is echoed back. Use - for standard input.
    Stream {
        /// The JSON-lines file, or - for standard input.
        file: PathBuf,
    },
}
