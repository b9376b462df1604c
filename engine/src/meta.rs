//! Unity `.meta` files: GUIDs, rendering a new `.meta` as the Editor writes it, and
//! parsing existing ones (which are never rewritten needlessly).

use crate::kind::{AssetKind, Importer};
use std::fmt;

/// Largest `.meta` file the parser reads, in bytes. Real ones are a few KiB; the bound
/// keeps one hostile file from costing unbounded memory.
pub const MAX_META_BYTES: usize = 1 << 20;

/// A Unity GUID: 128 random bits, written as 32 lowercase hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl Guid {
    /// Parses 32 hex digits (either case).
    pub fn parse(s: &str) -> Option<Guid> {
        if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(s, 16).ok().map(Guid)
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// What the engine reads from a `.meta` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaFile {
    /// `fileFormatVersion:` (2 for every Unity since 5.x).
    pub file_format_version: u32,
    /// `guid:`.
    pub guid: Guid,
    /// `folderAsset: yes`.
    pub folder_asset: bool,
    /// The importer section's name, if any (`TextureImporter`, ...).
    pub importer: Option<String>,
}

/// Why a `.meta` file could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetaError {
    /// Larger than [`MAX_META_BYTES`].
    TooLarge(usize),
    /// Not UTF-8.
    NotUtf8,
    /// No `fileFormatVersion:` line or not a number.
    NoFormatVersion,
    /// No `guid:` line.
    NoGuid,
    /// The `guid:` value is not 32 hex digits.
    BadGuid(String),
}

impl fmt::Display for MetaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaError::TooLarge(n) => write!(f, "is {n} bytes; the limit is {MAX_META_BYTES}"),
            MetaError::NotUtf8 => write!(f, "is not UTF-8 text"),
            MetaError::NoFormatVersion => write!(f, "has no valid 'fileFormatVersion:' line"),
            MetaError::NoGuid => write!(f, "has no 'guid:' line"),
            MetaError::BadGuid(g) => write!(f, "has guid '{g}', which is not 32 hex digits"),
        }
    }
}

/// Parses the bytes of a `.meta` file. Never panics.
pub fn parse(bytes: &[u8]) -> Result<MetaFile, MetaError> {
    if bytes.len() > MAX_META_BYTES {
        return Err(MetaError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| MetaError::NotUtf8)?;
    let mut version = None;
    let mut guid = None;
    let mut folder_asset = false;
    let mut importer = None;
    for line in text.lines() {
        // Only top-level keys matter; importer settings are indented.
        if line.starts_with([' ', '\t', '-', '#', '%']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match key {
            "fileFormatVersion" => version = value.parse::<u32>().ok(),
            "guid" => guid = Some(Guid::parse(value).ok_or_else(|| MetaError::BadGuid(value.chars().take(64).collect()))?),
            "folderAsset" => folder_asset = value == "yes",
            "timeCreated" | "licenseType" => {}
            _ if value.is_empty() && importer.is_none() && key.ends_with("Importer") => importer = Some(key.to_string()),
            _ => {}
        }
    }
    Ok(MetaFile {
        file_format_version: version.ok_or(MetaError::NoFormatVersion)?,
        guid: guid.ok_or(MetaError::NoGuid)?,
        folder_asset,
        importer,
    })
}

/// Renders a new `.meta` the way the Unity Editor writes one for `kind`.
pub fn render(guid: Guid, kind: &AssetKind) -> String {
    let mut out = String::with_capacity(512);
    out.push_str("fileFormatVersion: 2\n");
    out.push_str(&format!("guid: {guid}\n"));
    if kind.folder {
        out.push_str("folderAsset: yes\n");
    }
    let section = kind.importer.section_name();
    out.push_str(section);
    out.push_str(":\n");
    match kind.importer {
        Importer::Default | Importer::Prefab | Importer::TextScript | Importer::AssemblyDefinition => {
            out.push_str("  externalObjects: {}\n");
        }
        Importer::NativeFormat { main_object_file_id } => {
            out.push_str("  externalObjects: {}\n");
            out.push_str(&format!("  mainObjectFileID: {main_object_file_id}\n"));
        }
        Importer::Mono => out.push_str(
            "  externalObjects: {}\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n  icon: {instanceID: 0}\n",
        ),
        Importer::Texture => out.push_str(TEXTURE_SETTINGS),
        Importer::Audio => out.push_str(
            "  externalObjects: {}\n  serializedVersion: 7\n  defaultSettings:\n    serializedVersion: 2\n    loadType: 0\n    sampleRateSetting: 0\n    sampleRateOverride: 44100\n    compressionFormat: 1\n    quality: 1\n    conversionMode: 0\n    preloadAudioData: 1\n  platformSettingOverrides: {}\n  forceToMono: 0\n  normalize: 1\n  loadInBackground: 0\n  ambisonic: 0\n  3D: 1\n",
        ),
        Importer::Model => out.push_str(
            "  serializedVersion: 22200\n  internalIDToNameTable: []\n  externalObjects: {}\n  materials:\n    materialImportMode: 2\n    materialName: 0\n    materialSearch: 1\n    materialLocation: 1\n  animations:\n    importAnimation: 1\n  meshes:\n    globalScale: 1\n    meshCompression: 0\n    isReadable: 0\n  importAnimation: 1\n",
        ),
        Importer::Shader => out.push_str(
            "  externalObjects: {}\n  defaultTextures: []\n  nonModifiableTextures: []\n  preprocessorOverride: 0\n",
        ),
        Importer::TrueTypeFont => out.push_str(
            "  externalObjects: {}\n  serializedVersion: 4\n  fontSize: 16\n  forceTextureCase: -2\n  characterSpacing: 0\n  characterPadding: 1\n  includeFontData: 1\n  fontNames: []\n  fallbackFontReferences: []\n  customCharacters: \n  fontRenderingMode: 0\n  ascentCalculationMode: 1\n  useLegacyBoundsCalculation: 0\n  shouldRoundAdvanceValue: 1\n",
        ),
    }
    out.push_str("  userData: \n  assetBundleName: \n  assetBundleVariant: \n");
    out
}

const TEXTURE_SETTINGS: &str = "  internalIDToNameTable: []\n  externalObjects: {}\n  serializedVersion: 12\n  mipmaps:\n    mipMapMode: 0\n    enableMipMap: 1\n    sRGBTexture: 1\n    linearTexture: 0\n    fadeOut: 0\n    borderMipMap: 0\n    mipMapsPreserveCoverage: 0\n    alphaTestReferenceValue: 0.5\n    mipMapFadeDistanceStart: 1\n    mipMapFadeDistanceEnd: 3\n  bumpmap:\n    convertToNormalMap: 0\n    externalNormalMap: 0\n    heightScale: 0.25\n    normalMapFilter: 0\n  isReadable: 0\n  streamingMipmaps: 0\n  streamingMipmapsPriority: 0\n  grayScaleToAlpha: 0\n  generateCubemap: 6\n  cubemapConvolution: 0\n  seamlessCubemap: 0\n  textureFormat: 1\n  maxTextureSize: 2048\n  textureSettings:\n    serializedVersion: 2\n    filterMode: 1\n    aniso: 1\n    mipBias: 0\n    wrapU: 0\n    wrapV: 0\n    wrapW: 0\n  nPOTScale: 1\n  lightmap: 0\n  compressionQuality: 50\n  spriteMode: 0\n  spriteExtrude: 1\n  spriteMeshType: 1\n  alignment: 0\n  spritePivot: {x: 0.5, y: 0.5}\n  spritePixelsToUnits: 100\n  spriteBorder: {x: 0, y: 0, z: 0, w: 0}\n  spriteGenerateFallbackPhysicsShape: 1\n  alphaUsage: 1\n  alphaIsTransparency: 0\n  spriteTessellationDetail: -1\n  textureType: 0\n  textureShape: 1\n  singleChannelComponent: 0\n  maxTextureSizeSet: 0\n  compressionQualitySet: 0\n  textureFormatSet: 0\n  applyGammaDecoding: 0\n  platformSettings:\n  - serializedVersion: 3\n    buildTarget: DefaultTexturePlatform\n    maxTextureSize: 2048\n    resizeAlgorithm: 0\n    textureFormat: -1\n    textureCompression: 1\n    compressionQuality: 50\n    crunchedCompression: 0\n    allowsAlphaSplitting: 0\n    overridden: 0\n  spriteSheet:\n    serializedVersion: 2\n    sprites: []\n    outline: []\n    physicsShape: []\n    bones: []\n    spriteID: \n    internalID: 0\n    vertices: []\n    indices: \n    edges: []\n    weights: []\n    secondaryTextures: []\n  spritePackingTag: \n  pSDRemoveMatte: 0\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::{kind_of_file, FOLDER};
    use proptest::prelude::*;

    #[test]
    fn folder_meta_looks_like_unity() {
        let text = render(Guid(0xabc), &FOLDER);
        assert_eq!(
            text,
            "fileFormatVersion: 2\nguid: 00000000000000000000000000000abc\nfolderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
        );
    }

    #[test]
    fn parses_a_real_editor_meta() {
        let real = "fileFormatVersion: 2\nguid: 5f8a1b2c3d4e5f60718293a4b5c6d7e8\ntimeCreated: 1500000000\nlicenseType: Free\nMonoImporter:\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n  icon: {instanceID: 0}\n  userData: \n";
        let m = parse(real.as_bytes()).unwrap();
        assert_eq!(m.guid.to_string(), "5f8a1b2c3d4e5f60718293a4b5c6d7e8");
        assert_eq!(m.importer.as_deref(), Some("MonoImporter"));
        assert!(!m.folder_asset);
    }

    #[test]
    fn rejects_broken_metas() {
        assert_eq!(parse(b"guid: 00000000000000000000000000000001\n"), Err(MetaError::NoFormatVersion));
        assert_eq!(parse(b"fileFormatVersion: 2\n"), Err(MetaError::NoGuid));
        assert!(matches!(parse(b"fileFormatVersion: 2\nguid: xyz\n"), Err(MetaError::BadGuid(_))));
        assert_eq!(parse(&[0xff, 0xfe]), Err(MetaError::NotUtf8));
    }

    proptest! {
        #[test]
        fn render_then_parse_round_trips(guid in any::<u128>(), name in "[a-zA-Z0-9_]{1,12}\\.(png|cs|prefab|fbx|mat|unity|wav|shader|txt|asset|ttf|asmdef|zzz)", folder in any::<bool>()) {
            let kind = if folder { FOLDER } else { kind_of_file(&name) };
            let text = render(Guid(guid), &kind);
            let meta = parse(text.as_bytes()).unwrap();
            prop_assert_eq!(meta.guid, Guid(guid));
            prop_assert_eq!(meta.file_format_version, 2);
            prop_assert_eq!(meta.folder_asset, folder);
            prop_assert_eq!(meta.importer.as_deref(), Some(kind.importer.section_name()));
            prop_assert_eq!(meta.guid.to_string().len(), 32);
        }

        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse(&bytes);
        }
    }
}
