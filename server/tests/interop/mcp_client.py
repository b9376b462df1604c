"""The official MCP Python SDK (PyPI `mcp`) drives `unity-mcp mcp` over stdio on a real
Unity project (the corpus): initialize, every tool, an error case per tool, resources,
the resource template, prompts, and a session that survives bad input.

Usage: mcp_client.py BINARY PROJECT. Prints one line per check; exits 1 on failure."""

import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

BINARY, PROJECT = sys.argv[1], sys.argv[2]
checks = 0


def check(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def structured(result):
    return result.structured_content or {}


async def main():
    params = StdioServerParameters(command=BINARY, args=["mcp", "--project", PROJECT], env={"RUST_LOG": "warn"})
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            caps = init.capabilities
            check(caps.tools is not None and caps.resources is not None and caps.prompts is not None, f"capabilities {caps}")
            check(init.server_info.name == "unity-mcp", f"server info {init.server_info}")

            tools = {t.name: t for t in (await session.list_tools()).tools}
            expected = {"import_asset", "move_asset", "delete_asset", "refresh", "get_project_info", "get_asset_info"}
            check(expected <= set(tools), f"tools {sorted(tools)}")
            for t in tools.values():
                check(t.input_schema.get("type") == "object" and t.output_schema is not None, f"{t.name} schemas")
                check(t.annotations is not None and t.annotations.open_world_hint is False, f"{t.name} annotations")
            check(tools["get_asset_info"].annotations.read_only_hint is True, "get_asset_info is read-only")
            check(tools["delete_asset"].annotations.destructive_hint is True, "delete_asset is destructive")

            info = await session.call_tool("get_project_info", {})
            check(not info.is_error and structured(info)["unity_version"].startswith("6000"), f"project info {info}")

            refresh = await session.call_tool("refresh", {})
            r = structured(refresh)
            check(not refresh.is_error and r["metas_created"] == 0 and r["metas_removed"] == 0, f"refresh of the committed project {r}")

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
            }
            for name, args in bad.items():
                res = await session.call_tool(name, args)
                text = res.content[0].text if res.content else ""
                check(res.is_error is True and text, f"{name} error case: {res}")
            res = await session.call_tool("move_asset", {"src_path": "Assets/nope.png", "dst_path": "Assets/x.png"})
            check("src_path" in res.content[0].text, "message names the field")

            # Not a tool at all: a protocol error, and the session goes on.
            try:
                res = await session.call_tool("no_such_tool", {})
                check(res.is_error is True, "unknown tool")
            except Exception:
                checks_ok = True
                check(checks_ok, "unknown tool is a protocol error")

            resources = (await session.list_resources()).resources
            uris = [str(r.uri) for r in resources]
            check("unity://project/info" in uris and len(uris) > 100, f"{len(uris)} resources")
            templates = (await session.list_resource_templates()).resource_templates
            check(any(t.uri_template == "unity://asset/{path}" for t in templates), f"templates {templates}")
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
    print(f"mcp python sdk over stdio: {checks} checks passed")


asyncio.run(main())
