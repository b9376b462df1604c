"""The official MCP Python SDK (PyPI `mcp`) drives unity-mcp on a real Unity project
(the corpus): initialize, every tool (batch too), an error case per tool, progress
notifications, log messages, resources, the resource template, prompts, and a session
that survives bad input.

Usage:
  mcp_client.py stdio BINARY PROJECT      (runs `BINARY mcp --project PROJECT`)
  mcp_client.py http URL PROJECT TOKEN    (a server started with --mcp-listen --token)
Prints a summary line; exits 1 on the first failed check."""

import asyncio
import json
import os
import shutil
import sys
import urllib.error
import urllib.request

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client
try:  # mcp 2.x
    from mcp.shared.exceptions import MCPError as McpError
except ImportError:  # mcp 1.x
    from mcp.shared.exceptions import McpError

MODE, TARGET, PROJECT = sys.argv[1], sys.argv[2], sys.argv[3]
TOKEN = sys.argv[4] if len(sys.argv) > 4 else ""
checks = 0


def check(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def structured(result):
    return result.structured_content or {}


class Transport:
    """An MCP session over the transport under test."""

    def __init__(self, logs):
        self.logs = logs

    async def __aenter__(self):
        if MODE == "stdio":
            params = StdioServerParameters(command=TARGET, args=["mcp", "--project", PROJECT], env={"RUST_LOG": "warn"})
            self.cm = stdio_client(params)
        else:
            self.http = create_mcp_http_client(headers={"Authorization": f"Bearer {TOKEN}"})
            self.cm = streamable_http_client(TARGET, http_client=self.http)
        streams = await self.cm.__aenter__()
        self.session = ClientSession(streams[0], streams[1], logging_callback=self.on_log)
        return await self.session.__aenter__()

    async def on_log(self, params):
        self.logs.append(params)

    async def __aexit__(self, *exc):
        await self.session.__aexit__(*exc)
        await self.cm.__aexit__(*exc)


def http_status(headers, body=b"{}"):
    req = urllib.request.Request(TARGET, data=body, headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream", **headers}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


async def http_only_checks():
    """Token, Origin (DNS rebinding) and 20 sessions at once."""
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}).encode()
    check(http_status({}, init) == 401, "no token: 401")
    check(http_status({"Authorization": "Bearer wrong"}, init) == 401, "wrong token: 401")
    check(http_status({"Authorization": f"Bearer {TOKEN}", "Origin": "http://evil.example"}, init) in (403, 400), "foreign Origin refused")
    check(http_status({"Authorization": f"Bearer {TOKEN}", "Origin": "http://localhost:3000"}, init) == 200, "local Origin accepted")

    async def one(i):
        async with Transport([]) as s:
            await s.initialize()
            r = await s.call_tool("get_asset_info", {"asset_path": "Assets/UnityTechnologies/UI Toolkit/Uss"})
            assert not r.is_error, r
            r = await s.call_tool("get_project_info", {})
            assert not r.is_error, r
            return True

    results = await asyncio.gather(*[one(i) for i in range(20)])
    check(all(results), "20 concurrent HTTP sessions")


async def main():
    if MODE == "http":
        await http_only_checks()
    logs = []
    async with Transport(logs) as session:
        if True:
            init = await session.initialize()
            caps = init.capabilities
            check(caps.tools is not None and caps.resources is not None and caps.prompts is not None, f"capabilities {caps}")
            check(init.server_info.name == "unity-mcp", f"server info {init.server_info}")

            tools = {t.name: t for t in (await session.list_tools()).tools}
            expected = {"import_asset", "move_asset", "delete_asset", "refresh", "get_project_info", "get_asset_info", "batch",
                        "find_assets", "find_references", "get_dependencies", "check_project", "copy_asset", "create_folder",
                        "read_text", "write_text", "edit_text", "search_text", "create_script", "validate_script",
                        "get_hierarchy", "get_object", "set_property"}
            check(expected <= set(tools), f"tools {sorted(tools)}")
            for t in tools.values():
                check(t.input_schema.get("type") == "object" and t.output_schema is not None, f"{t.name} schemas")
                check(t.annotations is not None and t.annotations.open_world_hint is False, f"{t.name} annotations")
            check(tools["get_asset_info"].annotations.read_only_hint is True, "get_asset_info is read-only")
            check(tools["delete_asset"].annotations.destructive_hint is True, "delete_asset is destructive")

            info = await session.call_tool("get_project_info", {})
            check(not info.is_error and structured(info)["unity_version"].startswith("6000"), f"project info {info}")

            progress = []

            async def on_progress(done, total, message):
                progress.append((done, total))

            refresh = await session.call_tool("refresh", {}, progress_callback=on_progress)
            r = structured(refresh)
            # The committed corpus has one folder .meta whose folder git could not keep:
            # the Editor deletes it, and so does Refresh.
            check(not refresh.is_error and r["metas_created"] == 0 and r["metas_removed"] == 1, f"refresh of the committed project {r}")
            check(progress and progress[-1][0] == progress[-1][1], f"progress notifications on a refresh {progress}")

            # A folder copied behind the server's back: Refresh re-identifies the copies
            # and tells a client that asked for log messages.
            await session.set_logging_level("warning")
            src = os.path.join(PROJECT, "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool")
            dst = src + f" Copy {MODE}"
            shutil.copytree(src, dst)
            shutil.copy(src + ".meta", dst + ".meta")
            copies = sum(1 for root, _, files in os.walk(dst) for f in files if f.endswith(".meta")) + 1
            refresh = await session.call_tool("refresh", {})
            check(structured(refresh)["reidentified_count"] == copies, f"copies re-identified {structured(refresh)['reidentified_count']} of {copies}")
            # Log notifications travel apart from the result: wait for the one meant,
            # with a generous deadline, rather than a fixed pause.
            def warned():
                return any("fresh GUID" in json.dumps(l.data) and l.level == "warning" for l in logs)
            for _ in range(200):
                if warned():
                    break
                await asyncio.sleep(0.05)
            check(warned(), f"a warning log message {logs}")

            # A batch: in order, one result each, a bad one does not stop the others.
            progress.clear()
            ops = [{"op": "import_asset", "asset_path": "Assets/UnityTechnologies/UI Toolkit/Uss/MainMenu.uss"},
                   {"op": "move_asset", "src_path": "Assets/nope.png", "dst_path": "Assets/x.png"},
                   {"op": "import_asset", "asset_path": "Assets/../x"}]
            ops += [{"op": "import_asset", "asset_path": "Assets/UnityTechnologies/UI Toolkit/Uss"}] * 40
            ops.append({"op": "refresh"})
            batch = await session.call_tool("batch", {"operations": ops}, progress_callback=on_progress)
            b = structured(batch)
            check(not batch.is_error and len(b["results"]) == len(ops) and b["ran"] == len(ops) and b["failed"] == 2, f"batch {b['ran']} {b['failed']} {[r for r in b['results'] if 'error' in r][:4]}")
            check(b["results"][0]["asset"]["guid"] == "044165dc8a223ca4ca6e114a694c8368", "batch result 0")
            check(b["results"][1]["error"]["code"] == 5 and b["results"][2]["error"]["code"] == 3, "batch errors in place")
            check("metas_created" in b["results"][-1], "batch refresh last")
            check(len(progress) >= len(ops) // 2 and progress[-1] == (len(ops), len(ops)), f"batch progress {progress[-3:]}")
            bad_batch = await session.call_tool("batch", {"operations": "nope"})
            check(bad_batch.is_error, "batch with bad input")

            path = "Assets/UnityTechnologies/UI Toolkit/Uss/MainMenu.uss"
            imported = await session.call_tool("import_asset", {"asset_path": path})
            a = structured(imported)["asset"]
            check(a["guid"] == "044165dc8a223ca4ca6e114a694c8368" and a["type"] == "StyleSheet", f"import keeps the Editor's GUID {a}")
            looked = await session.call_tool("get_asset_info", {"asset_path": path})
            check(structured(looked)["asset"]["guid"] == a["guid"], "get_asset_info")

            moved = await session.call_tool("move_asset", {"src_path": path, "dst_path": "Assets/MainMenu.uss"})
            check(structured(moved)["asset"]["guid"] == a["guid"], f"move keeps the GUID {moved}")
            back = await session.call_tool("move_asset", {"src_path": "Assets/MainMenu.uss", "dst_path": path})
            check(not back.is_error, "move back")

            # The asset graph.
            found = structured(await session.call_tool("find_assets", {"type": "Material", "limit": 5}))
            check(len(found["assets"]) == 5 and found["truncated"] is True, f"find_assets {found}")
            refs = structured(await session.call_tool("find_references", {"asset_path": "Assets/TextMesh Pro/Shaders/SDFFunctions.hlsl"}))
            check(len(refs["referrers"]) == 4, f"find_references {refs}")
            deps = structured(await session.call_tool("get_dependencies", {"asset_path": refs["referrers"][0]["asset_path"]}))
            check(any(d["asset_path"].endswith("SDFFunctions.hlsl") for d in deps["dependencies"]), f"get_dependencies {deps}")
            problems = structured(await session.call_tool("check_project", {}))["problems"]
            # The corpus references package GUIDs no file provides: the list is not empty,
            # and (after the Refresh above) holds only those.
            check(problems and all(p["kind"] == "dangling_reference" for p in problems), f"check_project on the committed project {problems[:3]}")
            made = await session.call_tool("create_folder", {"asset_path": f"Assets/Made {MODE}"})
            check(not made.is_error, f"create_folder {made}")
            # Text: a new script, read, edited with a precondition; a stale edit is code 10.
            script = f"Assets/Made {MODE}/Scripts/Hello.cs"
            w = structured(await session.call_tool("write_text", {"asset_path": script, "text": "public class Hello {}\n"}))
            check(w["created"] is True and w["asset"]["type"] == "MonoScript", f"write_text {w}")
            r1 = structured(await session.call_tool("read_text", {"asset_path": script}))
            check(r1["text"] == "public class Hello {}\n" and r1["sha256"] == w["sha256"], f"read_text {r1}")
            rename = [{"start_line": 1, "start_column": 14, "end_line": 1, "end_column": 19, "new_text": "Greeter"}]
            e = structured(await session.call_tool("edit_text", {"asset_path": script, "edits": rename, "expected_sha256": r1["sha256"]}))
            stale = await session.call_tool("edit_text", {"asset_path": script, "edits": rename, "expected_sha256": r1["sha256"]})
            check(stale.is_error and (stale.meta or {}).get("unity-mcp/error", {}).get("code") == 10 and e["sha256"] in stale.content[0].text, f"stale edit {stale}")
            r2 = structured(await session.call_tool("read_text", {"asset_path": script}))
            check(r2["text"] == "public class Greeter {}\n", f"edited {r2}")
            # CreateScript and ValidateScript.
            mover = f"Assets/Made {MODE}/Scripts/Mover.cs"
            cs = structured(await session.call_tool("create_script", {"asset_path": mover, "kind": "ScriptableObject"}))
            check("[CreateAssetMenu" in cs["text"] and cs["diagnostics"] == [], f"create_script {cs}")
            dup = await session.call_tool("create_script", {"asset_path": mover})
            check(dup.is_error and (dup.meta or {}).get("unity-mcp/error", {}).get("code") == 6, f"create_script twice {dup}")
            v = structured(await session.call_tool("validate_script", {"asset_path": mover}))
            check(v["diagnostics"] == [] and v["assembly"] == "Assembly-CSharp", f"validate_script {v}")
            broken = cs["text"].replace("{\n    \n}", "{\n    int x = ;\n}")
            line = broken.split("\n").index("    int x = ;") + 1
            v = structured(await session.call_tool("validate_script", {"asset_path": mover, "text": broken}))
            check(any(d["rule"] == "syntax" and d["line"] == line for d in v["diagnostics"]), f"planted error at line {line}: {v}")
            wrong = structured(await session.call_tool("write_text", {"asset_path": f"Assets/Made {MODE}/Scripts/Other.cs", "text": "public class Mover : UnityEngine.MonoBehaviour {}\n"}))
            check([d["rule"] for d in wrong["diagnostics"]] == ["unity-class-name"], f"write_text diagnostics {wrong}")
            body = await session.read_resource(f"unity://text/Assets/Made%20{MODE}/Scripts/Mover.cs")
            check(body.contents[0].text == cs["text"], "unity://text/ reads the script")
            # Scenes, prefabs and materials: the tree, an object, a texture swap seen by find_references.
            scene = "Assets/TextMesh Pro/Examples & Extras/Scenes/13 - Soft Hyphenation.unity"
            tree = structured(await session.call_tool("get_hierarchy", {"asset_path": scene}))
            camera = next(r for r in tree["roots"] if r["name"] == "Main Camera")
            check([c["type"] for c in camera["components"]][:2] == ["Transform", "Camera"], f"get_hierarchy {camera}")
            obj = structured(await session.call_tool("get_object", {"asset_path": scene, "file_id": camera["file_id"]}))
            check(obj["type"] == "GameObject" and obj["properties"]["m_Name"] == "Main Camera", f"get_object {obj['properties']}")
            mat = "Assets/TextMesh Pro/Examples & Extras/Materials/Crate - Surface Shader Scene.mat"
            floor = "85ac55597b97403c82fc6601a93cf241"
            swap = structured(await session.call_tool("set_property", {
                "asset_path": mat, "property_path": "m_SavedProperties.m_TexEnvs._MainTex.m_Texture",
                "value_json": json.dumps({"fileID": 2800000, "guid": floor, "type": 3})}))
            check(swap["old_value"]["guid"] == "602cb87b6a29443b8636370ea0751574", f"set_property {swap}")
            used = structured(await session.call_tool("find_references", {"guid": floor}))
            check(any(u["asset_path"] == mat and u["property_path"] == "m_SavedProperties.m_TexEnvs._MainTex.m_Texture" for u in used["usages"]), f"usages {used['usages']}")
            back = structured(await session.call_tool("set_property", {
                "asset_path": mat, "property_path": "m_SavedProperties.m_TexEnvs._MainTex.m_Texture", "value_json": swap["old_value_json"]}))
            check(len(back["sha256"]) == 64, f"set back {back}")
            hier = await session.read_resource("unity://hierarchy/Assets/TextMesh%20Pro/Examples%20%26%20Extras/Scenes/13%20-%20Soft%20Hyphenation.unity")
            check(json.loads(hier.contents[0].text)["node_count"] == tree["node_count"], "unity://hierarchy/ reads the tree")
            copied = await session.call_tool("copy_asset", {"src_path": "Assets/UnityTechnologies/UI Toolkit/Uss", "dst_path": f"Assets/Made {MODE}/Uss"})
            check(not copied.is_error and structured(copied)["asset"]["guid"] != a["guid"], f"copy_asset {copied}")
            refused = await session.call_tool("delete_asset", {"asset_path": "Assets/TextMesh Pro/Shaders/SDFFunctions.hlsl", "only_if_unreferenced": True})
            check(refused.is_error and "shadergraph" in refused.content[0].text, f"delete refused {refused}")
            listed = (refused.meta or {}).get("unity-mcp/error", {}).get("referenced_by", [])
            check(sorted(a["asset_path"] for a in listed) == sorted(a["asset_path"] for a in refs["referrers"]), f"referrers in _meta {refused.meta}")

            deleted = await session.call_tool("delete_asset", {"asset_path": "Assets/UnityTechnologies/UI Toolkit/Uss"})
            check(not deleted.is_error and structured(deleted)["success"] is True, f"delete {deleted}")

            # One failure per tool: a tool result with isError and a message naming the field.
            bad = {
                "import_asset": {"asset_path": "Assets/../../etc/passwd"},
                "move_asset": {"src_path": "Assets/nope.png", "dst_path": "Assets/x.png"},
                "delete_asset": {"asset_path": "Assets/does-not-exist"},
                "get_asset_info": {"asset_path": "C:/absolute.png"},
                "refresh": {"unexpected": 1},
                "get_project_info": {"unexpected": 1},
                "batch": {"operations": [{"op": "explode"}] * 2000},
                "find_assets": {},
                "find_references": {"guid": "not-a-guid"},
                "get_dependencies": {"asset_path": "Assets/none.prefab"},
                "check_project": {"unexpected": 1},
                "copy_asset": {"src_path": "Assets/none", "dst_path": "Assets/x"},
                "create_folder": {"asset_path": "Assets/no/such/parent"},
                "read_text": {"asset_path": "Assets/none.cs"},
                "write_text": {"asset_path": "Assets/x.cs.meta", "text": "x"},
                "edit_text": {"asset_path": "Assets/none.cs", "edits": []},
                "search_text": {"pattern": "(unclosed"},
                "create_script": {"asset_path": "Assets/Scripts/int.cs"},
                "validate_script": {},
                "get_hierarchy": {"asset_path": "Assets/TextMesh Pro/Resources/TMP Settings.asset"},
                "get_object": {"asset_path": "Assets/none.prefab"},
                "set_property": {"asset_path": "Assets/TextMesh Pro/Examples & Extras/Materials/Crate - Surface Shader Scene.mat", "property_path": "m_SavedProperties.m_TexEnvs.Array.size", "value_json": "1"},
            }
            for name, args in bad.items():
                res = await session.call_tool(name, args)
                text = res.content[0].text if res.content else ""
                check(res.is_error is True and text, f"{name} error case: {res}")
                check(res.structured_content is None, f"{name} error has no structured content (it would not match the output schema)")
                check((res.meta or {}).get("unity-mcp/error", {}).get("code", 0) > 0, f"{name} error code in _meta: {res.meta}")
            res = await session.call_tool("move_asset", {"src_path": "Assets/nope.png", "dst_path": "Assets/x.png"})
            check("src_path" in res.content[0].text, "message names the field")

            # Not a tool at all: a protocol error, and the session goes on.
            try:
                res = await session.call_tool("no_such_tool", {})
            except McpError as e:
                check(e.error.code == -32602 and "no_such_tool" in e.error.message, f"unknown tool is invalid params: {e.error}")
            else:
                check(False, f"unknown tool must be a protocol error, not a result: {res}")

            resources = (await session.list_resources()).resources
            uris = [str(r.uri) for r in resources]
            check("unity://project/info" in uris and len(uris) > 100, f"{len(uris)} resources")
            templates = (await session.list_resource_templates()).resource_templates
            check(any(t.uri_template == "unity://asset/{path}" for t in templates), f"templates {templates}")
            check(any(t.uri_template == "unity://text/{path}" for t in templates), f"text template {templates}")
            check(any(t.uri_template == "unity://hierarchy/{path}" for t in templates), f"hierarchy template {templates}")
            body = await session.read_resource("unity://project/info")
            check(json.loads(body.contents[0].text)["unity_version"].startswith("6000"), "read project info")
            asset_uri = next(u for u in uris if u.startswith("unity://asset/"))
            body = await session.read_resource(asset_uri)
            check(len(json.loads(body.contents[0].text)["guid"]) == 32, "read an asset resource")

            prompts = (await session.list_prompts()).prompts
            names = {p.name for p in prompts}
            check({"reorganize-project", "safe-delete", "repair-project"} <= names, f"prompts {names}")
            reorg = next(p for p in prompts if p.name == "reorganize-project")
            check(any(a.name == "folder" for a in (reorg.arguments or [])), "reorganize-project declares folder")
            got = await session.get_prompt("reorganize-project", {"folder": "Assets/Imported"})
            check("Assets/Imported" in got.messages[0].content.text, "prompt argument filled in")

            # Still alive after all of that.
            again = await session.call_tool("get_project_info", {})
            check(not again.is_error, "session survives bad input")
    print(f"mcp python sdk over {MODE}: {checks} checks passed")


asyncio.run(main())
