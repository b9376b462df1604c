//! What Unity makes of a file: its main asset type and the importer section of the
//! `.meta` the Editor writes for it (from the table in [`crate::importers`]).

use crate::importers::{self, UnityVersion};
use crate::path::extension_of;

/// The type Unity reports for an asset, and the importer section of a new `.meta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssetKind {
    /// Main asset type name as Unity reports it (`Texture2D`, `MonoScript`, ...).
    pub type_name: &'static str,
    /// Importer section key written into a new `.meta`; empty for a minimal meta.
    pub importer: &'static str,
    /// The section's body (indented lines, ending with userData/assetBundle lines).
    pub body: &'static str,
    /// True for folders (`folderAsset: yes`).
    pub folder: bool,
}

/// The kind of a folder (every version writes the same folder meta).
pub const FOLDER: AssetKind = AssetKind {
    type_name: "DefaultAsset",
    importer: "DefaultImporter",
    body: "  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    folder: true,
};

/// The kind of a file, from its name's extension (case-insensitive), as the newest
/// Editor decides.
pub fn kind_of_file(name: &str) -> AssetKind {
    kind_for(name, UnityVersion::LATEST)
}

/// The kind of a file in a project of Editor `version`.
pub fn kind_for(name: &str, version: UnityVersion) -> AssetKind {
    let ext = extension_of(name).unwrap_or_default();
    let row = importers::row_for(&ext, version);
    AssetKind { type_name: row.type_name, importer: row.importer, body: row.body, folder: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_unity() {
        assert_eq!(kind_of_file("a.PNG").type_name, "Texture2D");
        assert_eq!(kind_of_file("Player.cs").type_name, "MonoScript");
        assert_eq!(kind_for("Player.cs", UnityVersion::new(2022, 3)).importer, "MonoImporter");
        assert_eq!(kind_of_file("x.prefab").type_name, "GameObject");
        assert_eq!(kind_of_file("x.fbx").importer, "ModelImporter");
        assert_eq!(kind_of_file("x.mat").type_name, "Material");
        assert_eq!(kind_of_file("Main.unity").type_name, "SceneAsset");
        assert_eq!(kind_of_file("a.ogg").type_name, "AudioClip");
        assert_eq!(kind_of_file("a.shader").type_name, "Shader");
        assert_eq!(kind_of_file("a.shadergraph").type_name, "Shader");
        assert_eq!(kind_of_file("a.shadergraph").importer, "ScriptedImporter");
        assert_eq!(kind_of_file("notes.md").type_name, "TextAsset");
        assert_eq!(kind_of_file("clip.MP4").type_name, "VideoClip");
        assert_eq!(kind_of_file("x.physicsMaterial2D").type_name, "PhysicsMaterial2D");
        assert_eq!(kind_of_file("README").type_name, "DefaultAsset");
        assert_eq!(kind_of_file(".png").type_name, "DefaultAsset");
    }
}
