//! What Unity makes of a file: its main asset type and the importer its `.meta` names.

use crate::path::extension_of;

/// The importer section of a `.meta` file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Importer {
    /// Folders, scenes and anything Unity has no special importer for.
    Default,
    /// Images.
    Texture,
    /// C# scripts.
    Mono,
    /// Unity's own serialized assets; `main_object_file_id` is the main object's local id.
    NativeFormat { main_object_file_id: u64 },
    /// Prefabs.
    Prefab,
    /// Sound.
    Audio,
    /// 3D models.
    Model,
    /// Shaders.
    Shader,
    /// Text assets.
    TextScript,
    /// Fonts.
    TrueTypeFont,
    /// Assembly definitions.
    AssemblyDefinition,
}

impl Importer {
    /// The top-level key of the importer section.
    pub fn section_name(self) -> &'static str {
        match self {
            Importer::Default => "DefaultImporter",
            Importer::Texture => "TextureImporter",
            Importer::Mono => "MonoImporter",
            Importer::NativeFormat { .. } => "NativeFormatImporter",
            Importer::Prefab => "PrefabImporter",
            Importer::Audio => "AudioImporter",
            Importer::Model => "ModelImporter",
            Importer::Shader => "ShaderImporter",
            Importer::TextScript => "TextScriptImporter",
            Importer::TrueTypeFont => "TrueTypeFontImporter",
            Importer::AssemblyDefinition => "AssemblyDefinitionImporter",
        }
    }
}

/// The type Unity reports for an asset, and the importer it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssetKind {
    /// Main asset type name as Unity reports it (`Texture2D`, `MonoScript`, ...).
    pub type_name: &'static str,
    /// Importer section written into a new `.meta`.
    pub importer: Importer,
    /// True for folders (`folderAsset: yes`).
    pub folder: bool,
}

/// The kind of a folder.
pub const FOLDER: AssetKind = AssetKind { type_name: "DefaultAsset", importer: Importer::Default, folder: true };

const fn file(type_name: &'static str, importer: Importer) -> AssetKind {
    AssetKind { type_name, importer, folder: false }
}

const fn native(type_name: &'static str, main_object_file_id: u64) -> AssetKind {
    file(type_name, Importer::NativeFormat { main_object_file_id })
}

/// The kind of a file, from its name's extension (case-insensitive), as Unity decides.
pub fn kind_of_file(name: &str) -> AssetKind {
    let ext = extension_of(name).unwrap_or_default();
    match ext.as_str() {
        "png" | "jpg" | "jpeg" | "tga" | "psd" | "tif" | "tiff" | "bmp" | "gif" | "exr" | "hdr" | "iff" | "pict" => {
            file("Texture2D", Importer::Texture)
        }
        "cs" => file("MonoScript", Importer::Mono),
        "prefab" => file("GameObject", Importer::Prefab),
        "fbx" | "obj" | "dae" | "3ds" | "dxf" | "blend" | "max" | "ma" | "mb" => file("GameObject", Importer::Model),
        "mat" => native("Material", 2_100_000),
        "anim" => native("AnimationClip", 7_400_000),
        "controller" => native("AnimatorController", 9_100_000),
        "overridecontroller" => native("AnimatorOverrideController", 22_100_000),
        "asset" => native("ScriptableObject", 11_400_000),
        "physicmaterial" => native("PhysicMaterial", 13_400_000),
        "rendertexture" => native("RenderTexture", 8_400_000),
        "mask" => native("AvatarMask", 31_900_000),
        "mixer" => native("AudioMixerController", 24_100_000),
        "unity" => file("SceneAsset", Importer::Default),
        "wav" | "mp3" | "ogg" | "aif" | "aiff" | "flac" | "mod" | "it" | "s3m" | "xm" => file("AudioClip", Importer::Audio),
        "shader" => file("Shader", Importer::Shader),
        "txt" | "json" | "md" | "xml" | "csv" | "bytes" | "yaml" | "yml" | "html" | "htm" | "fnt" => {
            file("TextAsset", Importer::TextScript)
        }
        "ttf" | "otf" => file("Font", Importer::TrueTypeFont),
        "asmdef" => file("AssemblyDefinitionAsset", Importer::AssemblyDefinition),
        _ => file("DefaultAsset", Importer::Default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_unity() {
        assert_eq!(kind_of_file("a.PNG").type_name, "Texture2D");
        assert_eq!(kind_of_file("Player.cs").importer, Importer::Mono);
        assert_eq!(kind_of_file("x.prefab").type_name, "GameObject");
        assert_eq!(kind_of_file("x.fbx").importer, Importer::Model);
        assert_eq!(kind_of_file("x.mat").type_name, "Material");
        assert_eq!(kind_of_file("Main.unity").type_name, "SceneAsset");
        assert_eq!(kind_of_file("a.ogg").type_name, "AudioClip");
        assert_eq!(kind_of_file("a.shader").type_name, "Shader");
        assert_eq!(kind_of_file("notes.md").type_name, "TextAsset");
        assert_eq!(kind_of_file("README").type_name, "DefaultAsset");
        assert_eq!(kind_of_file(".png").type_name, "DefaultAsset");
    }
}
