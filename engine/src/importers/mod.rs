//! The importer table: for each file extension, the main asset type Unity reports and
//! the importer section the Editor writes into a new `.meta`, by Editor version.
//!
//! One row per (extensions, since-version). Rows of the same extension are listed
//! newest first; the first row whose `since` is not after the project's version wins.
//! Every section body below was copied from a `.meta` the Editor wrote (the corpus
//! under `shared/corpus`, Unity 6000.0, and older projects for the older rows), with
//! per-asset values reset to what a fresh import writes. `tests/corpus_importers.rs`
//! checks each extension against the Editor's own metas.
//!
//! To add a type: add a row (extensions lowercase, without the dot), with a body that
//! ends in [`TRAILER`]'s three lines, as every Editor-written section does.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// An Editor version as `ProjectSettings/ProjectVersion.txt` names it: `2022.3.10f1`
/// is (2022, 3); Unity 6 is `6000.0.x`, so it orders after every 20xx.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnityVersion {
    /// `2022`, `6000`, ...
    pub major: u32,
    /// The release within the year (`3` of 2022.3).
    pub minor: u32,
}

impl UnityVersion {
    /// The newest layout this table knows; used when the project names no version.
    pub const LATEST: UnityVersion = UnityVersion::new(6000, 0);

    /// `major.minor`.
    pub const fn new(major: u32, minor: u32) -> UnityVersion {
        UnityVersion { major, minor }
    }

    /// Parses `m_EditorVersion`'s value (`6000.0.9f1`, `2018.4.36f1`, `5.6.7f1`).
    pub fn parse(text: &str) -> Option<UnityVersion> {
        let mut parts = text.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor_text: String = parts.next()?.chars().take_while(char::is_ascii_digit).collect();
        Some(UnityVersion { major, minor: minor_text.parse().ok()? })
    }

    /// The version named in the text of `ProjectVersion.txt`, if any.
    pub fn from_project_version_txt(text: &str) -> Option<UnityVersion> {
        text.lines().find_map(|l| l.trim_start().strip_prefix("m_EditorVersion:")).and_then(UnityVersion::parse)
    }
}

impl fmt::Display for UnityVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    /// Lowercase extensions without the dot.
    pub extensions: &'static [&'static str],
    /// Main asset type, as `AssetDatabase.GetMainAssetTypeAtPath` names it.
    pub type_name: &'static str,
    /// The importer section's key; empty for Unity 6's minimal meta (no section).
    pub importer: &'static str,
    /// The first Editor version that writes this layout.
    pub since: UnityVersion,
    /// The section's lines after `Importer:` (each indented two spaces, `\n`-ended).
    pub body: &'static str,
}

/// The last three lines of every importer section.
pub const TRAILER: &str = "  userData: \n  assetBundleName: \n  assetBundleVariant: \n";

macro_rules! body {
    ($($line:expr),* $(,)?) => { concat!($("  ", $line, "\n",)* "  userData: \n  assetBundleName: \n  assetBundleVariant: \n") };
}

/// A NativeFormatImporter section for a main object of local id `$id`.
macro_rules! native {
    ($id:literal) => { body!("externalObjects: {}", concat!("mainObjectFileID: ", $id)) };
}

/// A ScriptedImporter section naming its importer script, plus importer-specific lines.
macro_rules! scripted {
    ($script:literal $(, $extra:literal)*) => {
        concat!(
            "  internalIDToNameTable: []\n  externalObjects: {}\n  serializedVersion: 2\n",
            "  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
            "  script: ", $script, "\n",
            $("  ", $extra, "\n",)*
        )
    };
}

const fn v(major: u32, minor: u32) -> UnityVersion {
    UnityVersion::new(major, minor)
}

/// Unity 5.0, the oldest layout here (`fileFormatVersion: 2`).
const ANY: UnityVersion = v(5, 0);

const DEFAULT: &str = body!("externalObjects: {}");
const MONO: &str = body!("externalObjects: {}", "serializedVersion: 2", "defaultReferences: []", "executionOrder: 0", "icon: {instanceID: 0}");
const SHADER: &str = body!("externalObjects: {}", "defaultTextures: []", "nonModifiableTextures: []", "preprocessorOverride: 0");
const AUDIO: &str = body!(
    "externalObjects: {}", "serializedVersion: 7", "defaultSettings:", "  serializedVersion: 2", "  loadType: 0",
    "  sampleRateSetting: 0", "  sampleRateOverride: 44100", "  compressionFormat: 1", "  quality: 1",
    "  conversionMode: 0", "  preloadAudioData: 0", "platformSettingOverrides: {}", "forceToMono: 0", "normalize: 1",
    "loadInBackground: 0", "ambisonic: 0", "3D: 1",
);
const FONT: &str = body!(
    "externalObjects: {}", "serializedVersion: 4", "fontSize: 16", "forceTextureCase: -2", "characterSpacing: 0",
    "characterPadding: 1", "includeFontData: 1", "fontNames: []", "fallbackFontReferences: []", "customCharacters: ",
    "fontRenderingMode: 0", "ascentCalculationMode: 1", "useLegacyBoundsCalculation: 0", "shouldRoundAdvanceValue: 1",
);
const PLUGIN: &str = body!(
    "externalObjects: {}", "serializedVersion: 2", "iconMap: {}", "executionOrder: {}", "defineConstraints: []",
    "isPreloaded: 0", "isOverridable: 0", "isExplicitlyReferenced: 0", "validateReferences: 1", "platformData:",
    "- first:", "    Any: ", "  second:", "    enabled: 1", "    settings: {}", "- first:", "    Editor: Editor",
    "  second:", "    enabled: 0", "    settings:", "      DefaultValueInitialized: true",
);
const VIDEO: &str = body!(
    "externalObjects: {}", "serializedVersion: 2", "frameRange: 0", "startFrame: -1", "endFrame: -1", "colorSpace: 0",
    "deinterlace: 0", "encodeAlpha: 0", "flipVertical: 0", "flipHorizontal: 0", "importAudio: 1", "targetSettings: {}",
);
const COMPUTE: &str = body!("externalObjects: {}", "preprocessorOverride: 0");
const TEXTURE: &str = include_str!("templates/texture_2022_2.yaml");
const TEXTURE_2019: &str = include_str!("templates/texture_2019_3.yaml");
const MODEL: &str = include_str!("templates/model_2022_2.yaml");
const MODEL_2019: &str = include_str!("templates/model_2019_3.yaml");

/// The table. Newest row first within an extension.
pub static ROWS: &[Row] = &[
    // Folders and files Unity has no importer for.
    Row { extensions: &[], type_name: "DefaultAsset", importer: "DefaultImporter", since: ANY, body: DEFAULT },
    // Textures.
    Row { extensions: TEXTURE_EXTS, type_name: "Texture2D", importer: "TextureImporter", since: v(2022, 2), body: TEXTURE },
    Row { extensions: TEXTURE_EXTS, type_name: "Texture2D", importer: "TextureImporter", since: ANY, body: TEXTURE_2019 },
    // Scripts: Unity 6 writes a minimal meta (no section, no final newline).
    Row { extensions: &["cs"], type_name: "MonoScript", importer: "", since: v(6000, 0), body: "" },
    Row { extensions: &["cs"], type_name: "MonoScript", importer: "MonoImporter", since: ANY, body: MONO },
    // Prefabs: PrefabImporter from 2018.3 (the new prefab system), NativeFormat before.
    Row { extensions: &["prefab"], type_name: "GameObject", importer: "PrefabImporter", since: v(2018, 3), body: DEFAULT },
    Row { extensions: &["prefab"], type_name: "GameObject", importer: "NativeFormatImporter", since: ANY, body: native!("100100000") },
    // Models.
    Row { extensions: MODEL_EXTS, type_name: "GameObject", importer: "ModelImporter", since: v(2022, 2), body: MODEL },
    Row { extensions: MODEL_EXTS, type_name: "GameObject", importer: "ModelImporter", since: ANY, body: MODEL_2019 },
    // Unity's own YAML assets (NativeFormatImporter, by main object's local id).
    Row { extensions: &["mat"], type_name: "Material", importer: "NativeFormatImporter", since: ANY, body: native!("2100000") },
    Row { extensions: &["anim"], type_name: "AnimationClip", importer: "NativeFormatImporter", since: ANY, body: native!("7400000") },
    Row { extensions: &["controller"], type_name: "AnimatorController", importer: "NativeFormatImporter", since: ANY, body: native!("9100000") },
    Row { extensions: &["overridecontroller"], type_name: "AnimatorOverrideController", importer: "NativeFormatImporter", since: ANY, body: native!("22100000") },
    Row { extensions: &["mask"], type_name: "AvatarMask", importer: "NativeFormatImporter", since: ANY, body: native!("31900000") },
    Row { extensions: &["asset"], type_name: "ScriptableObject", importer: "NativeFormatImporter", since: ANY, body: native!("11400000") },
    Row { extensions: &["physicmaterial", "physicsmaterial"], type_name: "PhysicMaterial", importer: "NativeFormatImporter", since: ANY, body: native!("13400000") },
    Row { extensions: &["physicsmaterial2d"], type_name: "PhysicsMaterial2D", importer: "NativeFormatImporter", since: ANY, body: native!("6200000") },
    Row { extensions: &["rendertexture"], type_name: "RenderTexture", importer: "NativeFormatImporter", since: ANY, body: native!("8400000") },
    Row { extensions: &["mixer"], type_name: "AudioMixerController", importer: "NativeFormatImporter", since: ANY, body: native!("24100000") },
    Row { extensions: &["guiskin"], type_name: "GUISkin", importer: "NativeFormatImporter", since: ANY, body: native!("11400000") },
    Row { extensions: &["lighting"], type_name: "LightingSettings", importer: "NativeFormatImporter", since: ANY, body: native!("4890085278179872738") },
    Row { extensions: &["terrainlayer"], type_name: "TerrainLayer", importer: "NativeFormatImporter", since: ANY, body: native!("8574412962073106934") },
    Row { extensions: &["playable"], type_name: "TimelineAsset", importer: "NativeFormatImporter", since: ANY, body: native!("11400000") },
    Row { extensions: &["signal"], type_name: "SignalAsset", importer: "NativeFormatImporter", since: ANY, body: native!("11400000") },
    Row { extensions: &["spriteatlas"], type_name: "SpriteAtlas", importer: "NativeFormatImporter", since: ANY, body: native!("4343727234628468602") },
    Row { extensions: &["fontsettings"], type_name: "Font", importer: "NativeFormatImporter", since: ANY, body: native!("12800000") },
    Row { extensions: &["cubemap"], type_name: "Cubemap", importer: "NativeFormatImporter", since: ANY, body: native!("8900000") },
    Row { extensions: &["flare"], type_name: "Flare", importer: "NativeFormatImporter", since: ANY, body: native!("12100000") },
    Row { extensions: &["brush"], type_name: "Brush", importer: "NativeFormatImporter", since: ANY, body: native!("11400000") },
    // Scenes.
    Row { extensions: &["unity"], type_name: "SceneAsset", importer: "DefaultImporter", since: ANY, body: DEFAULT },
    // Sound.
    Row { extensions: AUDIO_EXTS, type_name: "AudioClip", importer: "AudioImporter", since: ANY, body: AUDIO },
    // Video.
    Row { extensions: &["mp4", "mov", "webm", "m4v", "avi", "asf", "dv", "mpg", "mpeg", "ogv", "vp8", "wmv"], type_name: "VideoClip", importer: "VideoClipImporter", since: ANY, body: VIDEO },
    // Shaders and their includes.
    Row { extensions: &["shader"], type_name: "Shader", importer: "ShaderImporter", since: ANY, body: SHADER },
    Row { extensions: &["hlsl", "cginc", "glslinc"], type_name: "ShaderInclude", importer: "ShaderImporter", since: ANY, body: SHADER },
    Row { extensions: &["compute"], type_name: "ComputeShader", importer: "ComputeShaderImporter", since: ANY, body: COMPUTE },
    // ScriptedImporter: package importers (script GUID of the importer's C# class) and
    // UI Toolkit's built-in ones (local ids in the Editor's built-in resources, GUID
    // 0000000000000000e000000000000000).
    Row { extensions: &["shadergraph"], type_name: "Shader", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 11500000, guid: 625f186215c104763be7675aa2d941aa, type: 3}") },
    Row { extensions: &["shadersubgraph"], type_name: "SubGraphAsset", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 11500000, guid: 60072b568d64c40a485e0fc55012dc9f, type: 3}") },
    Row { extensions: &["inputactions"], type_name: "InputActionAsset", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 11500000, guid: 8404be70184654265930450def6a9037, type: 3}", "generateWrapperCode: 0", "wrapperCodePath: ", "wrapperClassName: ", "wrapperCodeNamespace: ") },
    Row { extensions: &["uxml"], type_name: "VisualTreeAsset", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 13804, guid: 0000000000000000e000000000000000, type: 0}") },
    Row { extensions: &["uss"], type_name: "StyleSheet", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 12385, guid: 0000000000000000e000000000000000, type: 0}", "disableValidation: 0") },
    Row { extensions: &["tss"], type_name: "ThemeStyleSheet", importer: "ScriptedImporter", since: ANY, body: scripted!("{fileID: 12388, guid: 0000000000000000e000000000000000, type: 0}", "disableValidation: 0") },
    // Text.
    Row { extensions: &["txt", "json", "md", "xml", "csv", "bytes", "yaml", "yml", "html", "htm", "fnt"], type_name: "TextAsset", importer: "TextScriptImporter", since: ANY, body: DEFAULT },
    // Fonts.
    Row { extensions: &["ttf", "otf", "dfont", "ttc"], type_name: "Font", importer: "TrueTypeFontImporter", since: ANY, body: FONT },
    // Assemblies.
    Row { extensions: &["asmdef"], type_name: "AssemblyDefinitionAsset", importer: "AssemblyDefinitionImporter", since: ANY, body: DEFAULT },
    Row { extensions: &["asmref"], type_name: "AssemblyDefinitionReferenceAsset", importer: "AssemblyDefinitionReferenceImporter", since: ANY, body: DEFAULT },
    // Native and managed plugins.
    Row { extensions: &["dll", "so", "aar", "jar", "bundle", "a", "dylib", "winmd"], type_name: "DefaultAsset", importer: "PluginImporter", since: ANY, body: PLUGIN },
];

const TEXTURE_EXTS: &[&str] = &["png", "jpg", "jpeg", "tga", "psd", "tif", "tiff", "bmp", "gif", "exr", "hdr", "iff", "pict", "pic", "pct"];
const MODEL_EXTS: &[&str] = &["fbx", "obj", "dae", "3ds", "dxf", "blend", "max", "ma", "mb", "c4d", "lxo", "jas"];
const AUDIO_EXTS: &[&str] = &["wav", "mp3", "ogg", "aif", "aiff", "flac", "mod", "it", "s3m", "xm"];

/// The default row (first in the table): folders and unknown extensions.
pub fn default_row() -> &'static Row {
    &ROWS[0]
}

/// The rows of each extension, newest first (built once).
fn by_extension() -> &'static HashMap<&'static str, Vec<&'static Row>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static Row>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static Row>> = HashMap::new();
        for row in ROWS {
            for ext in row.extensions {
                map.entry(ext).or_default().push(row);
            }
        }
        map
    })
}

/// The row for a lowercase `extension` in a project of `version`.
pub fn row_for(extension: &str, version: UnityVersion) -> &'static Row {
    by_extension()
        .get(extension)
        .and_then(|rows| rows.iter().find(|r| r.since <= version).or(rows.last()))
        .copied()
        .unwrap_or_else(default_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(UnityVersion::parse("6000.0.9f1"), Some(v(6000, 0)));
        assert_eq!(UnityVersion::parse("2018.3.0f2"), Some(v(2018, 3)));
        assert_eq!(UnityVersion::parse("5.6.7f1"), Some(v(5, 6)));
        assert_eq!(UnityVersion::parse("garbage"), None);
        assert!(v(2022, 3) < v(6000, 0) && v(2018, 2) < v(2018, 3));
        let txt = "m_EditorVersion: 2022.3.10f1\nm_EditorVersionWithRevision: 2022.3.10f1 (abc)\n";
        assert_eq!(UnityVersion::from_project_version_txt(txt), Some(v(2022, 3)));
    }

    #[test]
    fn every_row_is_well_formed() {
        for row in ROWS {
            if row.importer.is_empty() {
                assert!(row.body.is_empty());
                continue;
            }
            assert!(row.body.contains(TRAILER), "{} lacks the trailer", row.importer);
            assert!(row.body.lines().all(|l| l.starts_with("  ")), "{}: every line is indented", row.importer);
            assert!(row.extensions.iter().all(|e| *e == e.to_lowercase() && !e.starts_with('.')));
        }
        // Within an extension, rows are newest first.
        for rows in by_extension().values() {
            assert!(rows.windows(2).all(|w| w[0].since > w[1].since), "{rows:?}");
        }
    }

    #[test]
    fn version_picks_the_layout() {
        assert_eq!(row_for("prefab", v(2018, 3)).importer, "PrefabImporter");
        assert_eq!(row_for("prefab", v(2018, 2)).importer, "NativeFormatImporter");
        assert_eq!(row_for("cs", v(6000, 0)).importer, "");
        assert_eq!(row_for("cs", v(2022, 3)).importer, "MonoImporter");
        assert!(row_for("png", v(2022, 3)).body.contains("ignoreMipmapLimit"));
        assert!(!row_for("png", v(2021, 3)).body.contains("ignoreMipmapLimit"));
        assert_eq!(row_for("zzz", v(2022, 3)).importer, "DefaultImporter");
        assert_eq!(row_for("uxml", v(2022, 3)).type_name, "VisualTreeAsset");
    }
}
