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
7. Finish with refresh and check that metas_created and metas_removed are what you expect (0 and 0 after a clean reorganisation).",
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
