// The official MCP TypeScript SDK (npm `@modelcontextprotocol/sdk`, the client library of
// Claude Code, Cursor, VS Code and the MCP Inspector) drives unity-mcp on a real Unity
// project. That client validates every `structuredContent` it receives against the tool's
// `outputSchema`, success and error alike: a result that does not match is a thrown
// protocol error here, so each call below that returns at all has passed that check.
//
// The checks find their own assets (any real project works): list tools; every tool once
// where it succeeds and once where it fails as a tool (isError, message as text, no
// structured content); empty lists; `batch` with a failing member; a delete refused
// because of referrers (machine-readable in `_meta`); an unknown tool (protocol error);
// progress notifications on `refresh`; over HTTP, DELETE /mcp answers 200.
//
// Usage:
//   node mcp_client_ts.mjs NODE_MODULES stdio BINARY PROJECT
//   node mcp_client_ts.mjs NODE_MODULES http URL PROJECT TOKEN
// Prints a summary line; exits 1 on the first failed check.

import { createRequire } from "node:module";
import path from "node:path";

const [nodeModules, MODE, TARGET, PROJECT, TOKEN = ""] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(nodeModules), "noop.js"));
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport } = require("@modelcontextprotocol/sdk/client/stdio.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");
const { McpError } = require("@modelcontextprotocol/sdk/types.js");

const ERROR_META = "unity-mcp/error";
let checks = 0;

function check(cond, what) {
  if (!cond) {
    throw new Error(`check failed: ${what}`);
  }
  checks += 1;
}

const show = (v) => JSON.stringify(v).slice(0, 600);

function transport() {
  if (MODE === "stdio") {
    return new StdioClientTransport({
      command: TARGET,
      args: ["mcp", "--project", PROJECT],
      env: { ...process.env, RUST_LOG: "warn" },
      stderr: "inherit",
    });
  }
  return new StreamableHTTPClientTransport(new URL(TARGET), {
    requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
  });
}

/// A call that must succeed: not isError, structured content present (and, since the
/// SDK validated it, matching the output schema).
async function ok(client, name, args, options) {
  const r = await client.callTool({ name, arguments: args }, undefined, options);
  check(r.isError !== true && r.structuredContent !== undefined, `${name} succeeds: ${show(r)}`);
  check(Array.isArray(r.content) && r.content[0]?.type === "text" && r.content[0].text.length > 0, `${name} has a text summary`);
  return r.structuredContent;
}

/// A call that must fail as a tool: a result (not a protocol error) with isError, its
/// message as text, no structured content, and the code in _meta.
async function fails(client, name, args) {
  let r;
  try {
    r = await client.callTool({ name, arguments: args });
  } catch (e) {
    throw new Error(`check failed: ${name} ${show(args)} must fail as a tool result, not as a protocol error: ${e}`);
  }
  check(r.isError === true, `${name} ${show(args)} is an error: ${show(r)}`);
  check(r.content?.[0]?.type === "text" && r.content[0].text.length > 0, `${name} error has its message as text`);
  check(r.structuredContent === undefined, `${name} error has no structured content`);
  const meta = r._meta?.[ERROR_META];
  check(meta && Number.isInteger(meta.code) && meta.code > 0 && typeof meta.kind === "string", `${name} error code in _meta: ${show(r._meta)}`);
  return r;
}

async function sessionDeleteAnswers200() {
  // A raw session: initialize, then DELETE with its id.
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
    Authorization: `Bearer ${TOKEN}`,
  };
  const init = await fetch(TARGET, {
    method: "POST",
    headers,
    body: JSON.stringify({
      jsonrpc: "2.0", id: 1, method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "ts-raw", version: "1" } },
    }),
  });
  check(init.status === 200, `raw initialize: ${init.status}`);
  const id = init.headers.get("mcp-session-id");
  await init.text();
  check(id, "a session id");
  const del = await fetch(TARGET, { method: "DELETE", headers: { ...headers, "Mcp-Session-Id": id } });
  check(del.status === 200, `DELETE /mcp answers 200, not ${del.status}`);
  const after = await fetch(TARGET, {
    method: "POST",
    headers: { ...headers, "Mcp-Session-Id": id },
    body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
  });
  check(after.status === 404, `the ended session is gone: ${after.status}`);
}

async function main() {
  const client = new Client({ name: "unity-mcp-ts-test", version: "1.0.0" });
  await client.connect(transport());
  check(client.getServerVersion()?.name === "unity-mcp", "server info");
  const caps = client.getServerCapabilities();
  check(caps?.tools && caps?.resources && caps?.prompts, `capabilities ${show(caps)}`);

  const listed = (await client.listTools()).tools;
  const tools = new Map(listed.map((t) => [t.name, t]));
  const expected = ["import_asset", "move_asset", "delete_asset", "refresh", "get_project_info", "get_asset_info", "batch",
    "find_assets", "find_references", "get_dependencies", "check_project", "copy_asset", "create_folder",
    "read_text", "write_text", "edit_text", "search_text", "create_script", "validate_script",
    "get_hierarchy", "get_object", "set_property"];
  for (const name of expected) {
    const t = tools.get(name);
    check(t && t.inputSchema?.type === "object" && t.outputSchema?.type === "object", `${name} listed with schemas`);
  }

  // get_project_info
  const info = await ok(client, "get_project_info", {});
  check(typeof info.unity_version === "string" && info.unity_version.length > 0, `project info ${show(info)}`);
  await fails(client, "get_project_info", { unexpected: 1 });

  // refresh, with progress
  const progress = [];
  const refreshed = await ok(client, "refresh", {}, { onprogress: (p) => progress.push(p) });
  check(Number.isInteger(refreshed.metas_created), `refresh ${show(refreshed)}`);
  // The SDK hands notifications to their handler a microtask later than it settles a
  // response, so the last notification may arrive after the result is taken and be
  // dropped by the client: require progress, not the final one.
  check(progress.length > 0 && progress.every((p) => p.progress <= p.total), `progress on refresh ${show(progress)}`);
  await fails(client, "refresh", { unexpected: 1 });
  const again = await ok(client, "refresh", {});
  check(again.metas_created === 0 && again.metas_removed === 0, `a second refresh changes nothing ${show(again)}`);

  // find_assets: some, none (an empty list still validates), and a failure
  const found = await ok(client, "find_assets", { path_glob: "Assets/**", limit: 100000 });
  check(found.assets.length > 0, "find_assets finds the project's assets");
  const file = found.assets.find((a) => a.type !== "DefaultAsset" && !a.asset_path.endsWith(".cs")) ?? found.assets.find((a) => a.type !== "DefaultAsset");
  check(file, "a file asset");
  const none = await ok(client, "find_assets", { path_glob: "Assets/**/*.no-such-extension" });
  check(none.assets.length === 0 && none.truncated === false, `empty find_assets ${show(none)}`);
  await fails(client, "find_assets", {});

  // get_asset_info / import_asset
  const looked = await ok(client, "get_asset_info", { asset_path: file.asset_path });
  check(looked.asset.guid === file.guid, "get_asset_info");
  await fails(client, "get_asset_info", { asset_path: "C:/absolute.png" });
  const imported = await ok(client, "import_asset", { asset_path: file.asset_path });
  check(imported.asset.guid === file.guid, "import keeps the GUID");
  await fails(client, "import_asset", { asset_path: "Assets/../../etc/passwd" });
  await fails(client, "import_asset", { asset_path: "Assets/does/not/exist.png" });

  // find_references: an empty list validates; a malformed GUID fails
  const nobody = await ok(client, "find_references", { guid: "0123456789abcdef0123456789abcdef" });
  check(Array.isArray(nobody.referrers) && nobody.referrers.length === 0, "no referrers");
  await ok(client, "find_references", { asset_path: file.asset_path });
  await fails(client, "find_references", { guid: "not-a-guid" });
  await fails(client, "find_references", { asset_path: "Assets/none.prefab" });

  // get_dependencies
  const deps = await ok(client, "get_dependencies", { asset_path: file.asset_path, recursive: true });
  check(Array.isArray(deps.dependencies) && Array.isArray(deps.unresolved_guids), "dependencies");
  await fails(client, "get_dependencies", { asset_path: "Assets/none.prefab" });

  // check_project
  const problems = await ok(client, "check_project", {});
  check(Array.isArray(problems.problems), "check_project");
  await fails(client, "check_project", { unexpected: 1 });

  // create_folder / copy_asset / move_asset / delete_asset on a scratch folder
  const made = `Assets/TS Made ${MODE}`;
  const folder = await ok(client, "create_folder", { asset_path: made });
  check(folder.asset.type === "DefaultAsset", "create_folder");
  await fails(client, "create_folder", { asset_path: made });
  await fails(client, "create_folder", { asset_path: "Assets/no/such/parent" });
  // read_text / write_text / edit_text on a new script, with preconditions
  const script = `${made}/Scripts/Hello.cs`;
  const w = await ok(client, "write_text", { asset_path: script, text: "public class Hello {}\n" });
  check(w.created === true && w.asset.type === "MonoScript" && w.folders_created.length === 1, `write_text ${show(w)}`);
  const r1 = await ok(client, "read_text", { asset_path: script });
  check(r1.text === "public class Hello {}\n" && r1.sha256 === w.sha256 && r1.total_lines === 1 && r1.line_ending === "lf" && r1.bom === false, `read_text ${show(r1)}`);
  const rename = [{ start_line: 1, start_column: 14, end_line: 1, end_column: 19, new_text: "Greeter" }];
  const e = await ok(client, "edit_text", { asset_path: script, expected_sha256: r1.sha256, edits: rename });
  const stale = await fails(client, "edit_text", { asset_path: script, expected_sha256: r1.sha256, edits: rename });
  check(stale._meta[ERROR_META].code === 10 && stale.content[0].text.includes(e.sha256), `a stale edit is code 10 with the current hash: ${show(stale)}`);
  const r2 = await ok(client, "read_text", { asset_path: script, start_line: 1, line_count: 1 });
  check(r2.text === "public class Greeter {}\n" && r2.sha256 === e.sha256, `edit_text changed the span: ${show(r2)}`);
  const searched = await ok(client, "search_text", { pattern: "class\\s+Greeter", path_glob: `${made}/**` });
  check(searched.matches.length === 1 && searched.matches[0].asset_path === script && searched.matches[0].line === 1 && searched.matches[0].column === 8, `search_text ${show(searched)}`);
  await fails(client, "search_text", { pattern: "(" });
  await fails(client, "read_text", { asset_path: `${script}.meta` });
  await fails(client, "edit_text", { asset_path: script, edits: [{ start_line: 9, start_column: 1, end_line: 9, end_column: 1, new_text: "x" }] });
  await fails(client, "write_text", { asset_path: script, text: "x", expected_sha256: "0".repeat(64) });
  check(Array.isArray(w.diagnostics) && Array.isArray(e.diagnostics), `write and edit of a script carry diagnostics: ${show(e)}`);
  // create_script / validate_script
  const mover = `${made}/Scripts/Mover.cs`;
  const cs = await ok(client, "create_script", { asset_path: mover, namespace: "Demo.Moves" });
  check(cs.asset.type === "MonoScript" && cs.text.includes("namespace Demo.Moves") && cs.text.includes("public class Mover : MonoBehaviour") && cs.diagnostics.length === 0, `create_script ${show(cs)}`);
  check((await fails(client, "create_script", { asset_path: mover }))._meta[ERROR_META].code === 6, "create_script refuses an existing path");
  check((await fails(client, "create_script", { asset_path: `${made}/Scripts/Tool.cs`, kind: "EditorWindow" }))._meta[ERROR_META].code === 9, "an EditorWindow outside Editor is code 9");
  await fails(client, "create_script", { asset_path: `${made}/Scripts/class.cs` });
  const so = await ok(client, "create_script", { asset_path: `${made}/Editor/Palette.cs`, kind: "EditorWindow" });
  check(so.text.includes("[MenuItem(") && so.folders_created.length === 1, `EditorWindow under Editor ${show(so)}`);
  const good = await ok(client, "validate_script", { asset_path: mover });
  check(good.diagnostics.length === 0 && good.assembly === "Assembly-CSharp", `validate_script ${show(good)}`);
  const brokenLine = cs.text.split("\n").findIndex((l) => l.includes("void Start()")) + 1;
  const bad = await ok(client, "validate_script", { asset_path: mover, text: cs.text.replace("void Start()", "void Start(") });
  check(bad.diagnostics.some((d) => d.rule === "syntax" && d.severity === "error" && d.line === brokenLine), `validate_script finds the planted error at line ${brokenLine}: ${show(bad)}`);
  const runtimeEditor = await ok(client, "validate_script", { asset_path: mover, text: "using UnityEditor;\npublic class Mover : UnityEngine.MonoBehaviour {}\n" });
  check(runtimeEditor.diagnostics.some((d) => d.rule === "editor-api-in-runtime" && d.line === 1), `editor-api-in-runtime ${show(runtimeEditor)}`);
  const asm = await ok(client, "validate_script", { asset_path: `${made}/Game.asmdef`, text: "{ \"name\": \"Game\", \"references\": [\"Nope\"] }" });
  check(asm.assembly === "Game" && asm.diagnostics.some((d) => d.rule === "asmdef-reference" && d.severity === "warning"), `asmdef rules ${show(asm)}`);
  await fails(client, "validate_script", {});
  const templates = (await client.listResourceTemplates()).resourceTemplates;
  check(templates.some((t) => t.uriTemplate === "unity://text/{path}") && templates.some((t) => t.uriTemplate === "unity://hierarchy/{path}"), `resource templates ${show(templates)}`);
  const res = await client.readResource({ uri: `unity://text/${encodeURI(mover)}` });
  check(res.contents[0].text === cs.text && res.contents[0].mimeType === "text/plain", `unity://text/ reads the script: ${show(res.contents[0])}`);

  // get_hierarchy / get_object / set_property (structured content checked against the output schemas)
  const scenes = (await ok(client, "find_assets", { path_glob: "Assets/**/*.unity", limit: 5 })).assets;
  check(scenes.length > 0, "the project has scenes");
  const tree = await ok(client, "get_hierarchy", { asset_path: scenes[0].asset_path });
  check(Array.isArray(tree.roots) && tree.node_count >= tree.roots.length && tree.truncated === false, `get_hierarchy ${show(tree).slice(0, 300)}`);
  const firstNode = tree.roots.find((r) => r.components.length > 0);
  check(firstNode && typeof firstNode.file_id === "string" && typeof firstNode.name === "string", `a node with components ${show(firstNode)}`);
  const comp = firstNode.components[0];
  const obj = await ok(client, "get_object", { asset_path: scenes[0].asset_path, file_id: comp.file_id });
  check(obj.file_id === comp.file_id && obj.type === comp.type && obj.yaml.startsWith(`--- !u!${obj.class_id} &${comp.file_id}`) && typeof obj.properties === "object", `get_object ${show(obj).slice(0, 300)}`);
  const shallow = await ok(client, "get_hierarchy", { asset_path: scenes[0].asset_path, max_depth: 1 });
  check(shallow.roots.every((r) => r.children.length === 0), "max_depth 1 keeps the roots only");
  await fails(client, "get_hierarchy", { asset_path: "Assets/none.unity" });
  check((await fails(client, "get_object", { asset_path: scenes[0].asset_path, file_id: "12345" }))._meta[ERROR_META].code === 5, "a missing object is code 5");
  const mats = (await ok(client, "find_assets", { type: "Material", limit: 5 })).assets.filter((a) => a.asset_path.endsWith(".mat"));
  if (mats.length > 0) {
    const mat = mats[0].asset_path;
    const before = await ok(client, "read_text", { asset_path: mat });
    const renamed = await ok(client, "set_property", { asset_path: mat, property_path: "m_Name", value_json: "\"Renamed: by MCP\"", expected_sha256: before.sha256 });
    check(typeof renamed.sha256 === "string" && typeof renamed.old_value_json === "string", `set_property ${show(renamed)}`);
    const read = await ok(client, "get_object", { asset_path: mat });
    check(read.properties.m_Name === "Renamed: by MCP", `get_object reads the new name ${show(read.properties.m_Name)}`);
    await ok(client, "set_property", { asset_path: mat, property_path: "m_Name", value_json: renamed.old_value_json });
    const after = await ok(client, "read_text", { asset_path: mat });
    check(after.sha256 === before.sha256, "setting the old value back restores the file byte for byte");
    check((await fails(client, "set_property", { asset_path: mat, property_path: "m_Name", value_json: "\"x\"", expected_sha256: "0".repeat(64) }))._meta[ERROR_META].code === 10, "a stale precondition is code 10");
    check((await fails(client, "set_property", { asset_path: mat, property_path: "m_NoSuchField", value_json: "1" }))._meta[ERROR_META].code === 3, "a missing field is code 3");
  }
  const refsWithUsages = await ok(client, "find_references", { asset_path: scenes[0].asset_path });
  check(Array.isArray(refsWithUsages.usages), `find_references carries usages ${show(refsWithUsages)}`);
  const hres = await client.readResource({ uri: `unity://hierarchy/${encodeURI(scenes[0].asset_path)}` });
  check(JSON.parse(hres.contents[0].text).node_count === tree.node_count, "unity://hierarchy/ gives the tree");

  const name = file.asset_path.split("/").at(-1);
  const copied = await ok(client, "copy_asset", { src_path: file.asset_path, dst_path: `${made}/${name}` });
  check(copied.asset.guid !== file.guid, "the copy has a fresh GUID");
  await fails(client, "copy_asset", { src_path: "Assets/none", dst_path: "Assets/x" });
  const moved = await ok(client, "move_asset", { src_path: `${made}/${name}`, dst_path: `${made}/Renamed ${name}` });
  check(moved.asset.guid === copied.asset.guid, "move keeps the GUID");
  const moveFail = await fails(client, "move_asset", { src_path: "Assets/nope.png", dst_path: "Assets/x.png" });
  check(moveFail.content[0].text.includes("src_path") && moveFail._meta[ERROR_META].code === 5, "the message names the field; code 5");
  await fails(client, "move_asset", { src_path: `${made}/Renamed ${name}`, dst_path: file.asset_path });
  const deleted = await ok(client, "delete_asset", { asset_path: made });
  check(deleted.success === true && Array.isArray(deleted.referenced_by), "delete_asset");
  await fails(client, "delete_asset", { asset_path: "Assets/does-not-exist" });

  // A delete refused because something references the asset: the referrers are in _meta.
  const candidates = (await ok(client, "find_assets", { path_glob: "Assets/**", limit: 100000 })).assets.filter((a) => a.type !== "DefaultAsset");
  let referenced = null;
  for (const a of candidates.slice(0, 400)) {
    const refs = await ok(client, "find_references", { asset_path: a.asset_path });
    if (refs.referrers.length > 0) {
      referenced = { asset: a, referrers: refs.referrers };
      break;
    }
  }
  if (referenced) {
    const refused = await fails(client, "delete_asset", { asset_path: referenced.asset.asset_path, only_if_unreferenced: true });
    const listedBy = refused._meta[ERROR_META].referenced_by ?? [];
    check(listedBy.length === referenced.referrers.length, `referenced_by in _meta ${show(refused._meta)}`);
    await ok(client, "get_asset_info", { asset_path: referenced.asset.asset_path });
  } else {
    console.log("note: no referenced asset among the first 400; the refused-delete check was skipped");
  }

  // batch with a failing member, and a batch that fails as a whole
  const batch = await ok(client, "batch", { operations: [
    { op: "import_asset", asset_path: file.asset_path },
    { op: "move_asset", src_path: "Assets/nope.png", dst_path: "Assets/x.png" },
    { op: "refresh" },
  ] });
  check(batch.results.length === 3 && batch.ran === 3 && batch.failed === 1, `batch ${show(batch)}`);
  check(batch.results[0].asset.guid === file.guid && batch.results[1].error.code === 5 && "metas_created" in batch.results[2], "batch results in order");
  await fails(client, "batch", { operations: "nope" });

  // Not a tool at all: a protocol error (invalid params), and the session goes on.
  let protocolError = null;
  try {
    await client.callTool({ name: "no_such_tool", arguments: {} });
  } catch (e) {
    protocolError = e;
  }
  check(protocolError instanceof McpError && protocolError.code === -32602, `unknown tool is a protocol error: ${protocolError}`);
  await ok(client, "get_project_info", {});

  if (MODE === "http") {
    await client.transport.terminateSession();
    await client.close();
    await sessionDeleteAnswers200();
  } else {
    await client.close();
  }
  console.log(`mcp typescript sdk over ${MODE}: ${checks} checks passed`);
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
