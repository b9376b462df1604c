//! MCP prompts that help an agent reorganise a Unity project safely.

/// Every prompt: (id, text).
pub const PROMPTS: &[(&str, &str)] = &[
    (
        "reorganize-project",
        "You are reorganising a Unity project through the unity-mcp tools. Rules that keep the project intact:\n\
1. Call get_project_info first and refresh once, so every asset has a .meta before you start.\n\
2. Never move files with shell commands: use move_asset, which moves each file or folder together with its .meta and keeps its GUID, so every scene, prefab and material reference survives.\n\
3. Create the destination folder layout before moving into it (move_asset fails with FAILED_PRECONDITION if the parent folder is missing and ALREADY_EXISTS if the destination exists; it never overwrites).\n\
4. Prefer moving whole folders over many single files; a folder move keeps every GUID inside it.\n\
5. Conventional layout: Assets/Art/{Textures,Materials,Models,Animations}, Assets/Audio, Assets/Prefabs, Assets/Scenes, Assets/Scripts/{Runtime,Editor}, Assets/Settings.\n\
6. Send the moves over one Stream: answers come back in order, one per move; stop and report at the first error instead of guessing.\n\
7. To see what a scene or prefab holds before moving what it uses, use get_hierarchy (GameObjects, components, prefab instances) and find_references, whose usages say which object and property holds each reference; fix one with set_property rather than editing the YAML by hand.\n\
8. Finish with refresh and check that metas_created and metas_removed are what you expect (0 and 0 after a clean reorganisation).",
    ),
    (
        "safe-delete",
        "Before deleting Unity assets with delete_asset:\n\
1. Use get_asset_info on each path to record its GUID and type.\n\
2. Deleting a folder deletes everything inside it, with all .meta files; anything referencing those GUIDs (scenes, prefabs, materials) will show missing references in the Editor.\n\
3. Never delete .meta files on their own (the server refuses .meta targets): delete the asset and its .meta goes with it.\n\
4. Delete in small batches and check each answer; NOT_FOUND means the path was already gone.",
    ),
    (
        "repair-project",
        "To repair a Unity project whose .meta files are out of step (after a copy outside the Editor, a crash or a bad merge):\n\
1. Call refresh: it creates .meta files for assets lacking one and removes orphan .meta files whose asset is gone, honouring Unity's ignore rules (hidden names, names ending in ~, cvs, .tmp).\n\
2. A .meta created by refresh has a new GUID: references to the old one are lost. If an asset was moved outside Unity, move it back and use move_asset instead, then refresh.\n\
3. Report the metas_created and metas_removed counts to the user.",
    ),
];

/// The text of a prompt.
pub fn get(id: &str) -> Option<&'static str> {
    PROMPTS.iter().find(|(p, _)| *p == id).map(|(_, t)| *t)
}

/// Arguments each prompt declares: (prompt, name, description, required).
const ARGUMENTS: &[(&str, &str, &str, bool)] = &[
    ("reorganize-project", "folder", "The folder to reorganise, e.g. Assets/Imported (default: the whole of Assets/)", false),
    ("reorganize-project", "goal", "What the new layout should achieve, in a sentence", false),
    ("safe-delete", "asset_path", "The file or folder to delete", false),
];

/// A short description of a prompt.
pub fn description(id: &str) -> &'static str {
    match id {
        "reorganize-project" => "Reorganise a Unity project's folders without breaking a reference",
        "safe-delete" => "Delete Unity assets knowing what goes with them",
        _ => "Repair .meta files that are out of step with the project folder",
    }
}

/// Every prompt as MCP lists it, with its declared arguments.
pub fn mcp_prompts() -> Vec<serde_json::Value> {
    PROMPTS
        .iter()
        .map(|(id, _)| {
            let args: Vec<serde_json::Value> = ARGUMENTS
                .iter()
                .filter(|a| a.0 == *id)
                .map(|a| serde_json::json!({"name": a.1, "description": a.2, "required": a.3}))
                .collect();
            serde_json::json!({"name": id, "title": id, "description": description(id), "arguments": args})
        })
        .collect()
}

/// The text of prompt `id` with its arguments filled in. Unknown prompt -> 5;
/// an argument the prompt does not declare -> 3.
pub fn render(id: &str, args: &serde_json::Map<String, serde_json::Value>) -> Result<String, unity_mcp_engine::OpError> {
    let Some(text) = get(id) else {
        let known: Vec<&str> = PROMPTS.iter().map(|(p, _)| *p).collect();
        return Err(unity_mcp_engine::OpError::not_found(format!(
            "prompt_id: no prompt '{}'; known prompts: {}",
            id.chars().take(64).collect::<String>(),
            known.join(", ")
        )));
    };
    let mut out = text.to_string();
    for (name, value) in args {
        if !ARGUMENTS.iter().any(|a| a.0 == id && a.1 == name) {
            return Err(unity_mcp_engine::OpError::invalid(format!("arguments: prompt '{id}' takes no argument '{}'", name.chars().take(64).collect::<String>())));
        }
        let value = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
        out.push_str(&format!("\n\n{name}: {}", value.chars().take(1024).collect::<String>()));
    }
    Ok(out)
}
