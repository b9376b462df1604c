//! The bundled sample project: a small, realistic Unity tree (scenes, scripts,
//! textures, a material, a prefab, audio, a model, a shader, a package, settings),
//! written to a fresh folder when `serve` gets no `--project`.
//!
//! Most assets come with their `.meta` (stable GUIDs, as in a checked-in project);
//! a few are left for Import/Refresh to do real work on: `Assets/Docs` has no metas,
//! an orphan `.meta` lies in `Assets/Textures`, and there are names Unity ignores.

use std::io;
use std::path::{Path, PathBuf};
use unity_mcp_engine::kind::{kind_of_file, FOLDER};
use unity_mcp_engine::meta::{render, Guid};

/// A 1x1 opaque PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08,
    0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A stable GUID for a sample path (FNV-1a, 128-bit), like a checked-in project's.
pub fn sample_guid(path: &str) -> Guid {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in path.bytes() {
        h ^= b as u128;
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    Guid(h)
}

fn wav_silence() -> Vec<u8> {
    let samples = 441u32; // 10 ms of 16-bit mono at 44.1 kHz
    let data_len = samples * 2;
    let mut v = Vec::new();
    v.extend_from_slice(b"RIFF");
    v.extend_from_slice(&(36 + data_len).to_le_bytes());
    v.extend_from_slice(b"WAVEfmt ");
    v.extend_from_slice(&16u32.to_le_bytes());
    v.extend_from_slice(&1u16.to_le_bytes());
    v.extend_from_slice(&1u16.to_le_bytes());
    v.extend_from_slice(&44100u32.to_le_bytes());
    v.extend_from_slice(&88200u32.to_le_bytes());
    v.extend_from_slice(&2u16.to_le_bytes());
    v.extend_from_slice(&16u16.to_le_bytes());
    v.extend_from_slice(b"data");
    v.extend_from_slice(&data_len.to_le_bytes());
    v.resize(v.len() + data_len as usize, 0);
    v
}

/// The sample scene, as the Unity Editor writes one: a camera, a light and an
/// instance of the Player prefab (a Unity 2022.3 scene: `SceneRoots` orders them).
fn main_scene(player_prefab: Guid) -> String {
    let go = |id: u32, name: &str, tag: &str, comps: &[u32]| {
        let list: String = comps.iter().map(|c| format!("  - component: {{fileID: {c}}}\n")).collect();
        format!("--- !u!1 &{id}\nGameObject:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  serializedVersion: 6\n  m_Component:\n{list}  m_Layer: 0\n  m_Name: {name}\n  m_TagString: {tag}\n  m_Icon: {{fileID: 0}}\n  m_NavMeshLayer: 0\n  m_StaticEditorFlags: 0\n  m_IsActive: 1\n")
    };
    let transform = |id: u32, go: u32, pos: &str, rot: &str| {
        format!("--- !u!4 &{id}\nTransform:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: {go}}}\n  serializedVersion: 2\n  m_LocalRotation: {rot}\n  m_LocalPosition: {pos}\n  m_LocalScale: {{x: 1, y: 1, z: 1}}\n  m_ConstrainProportionsScale: 0\n  m_Children: []\n  m_Father: {{fileID: 0}}\n  m_LocalEulerAnglesHint: {{x: 0, y: 0, z: 0}}\n")
    };
    let mut out = String::from("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!29 &1\nOcclusionCullingSettings:\n  m_ObjectHideFlags: 0\n  serializedVersion: 2\n--- !u!104 &2\nRenderSettings:\n  m_ObjectHideFlags: 0\n  serializedVersion: 10\n  m_Fog: 0\n  m_SkyboxMaterial: {fileID: 10304, guid: 0000000000000000f000000000000000, type: 0}\n");
    out += &go(100, "Main Camera", "MainCamera", &[101, 102, 103]);
    out += &transform(101, 100, "{x: 0, y: 1, z: -10}", "{x: 0, y: 0, z: 0, w: 1}");
    out += "--- !u!20 &102\nCamera:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {fileID: 0}\n  m_PrefabInstance: {fileID: 0}\n  m_PrefabAsset: {fileID: 0}\n  m_GameObject: {fileID: 100}\n  m_Enabled: 1\n  serializedVersion: 2\n  m_ClearFlags: 1\n  m_BackGroundColor: {r: 0.19215687, g: 0.3019608, b: 0.4745098, a: 0}\n  near clip plane: 0.3\n  far clip plane: 1000\n  field of view: 60\n  orthographic: 0\n  orthographic size: 5\n  m_Depth: -1\n";
    out += "--- !u!81 &103\nAudioListener:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {fileID: 0}\n  m_PrefabInstance: {fileID: 0}\n  m_PrefabAsset: {fileID: 0}\n  m_GameObject: {fileID: 100}\n  m_Enabled: 1\n";
    out += &go(200, "Directional Light", "Untagged", &[201, 202]);
    out += &transform(201, 200, "{x: 0, y: 3, z: 0}", "{x: 0.40821788, y: -0.23456968, z: 0.10938163, w: 0.8754261}");
    out += "--- !u!108 &202\nLight:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {fileID: 0}\n  m_PrefabInstance: {fileID: 0}\n  m_PrefabAsset: {fileID: 0}\n  m_GameObject: {fileID: 200}\n  m_Enabled: 1\n  serializedVersion: 10\n  m_Type: 1\n  m_Color: {r: 1, g: 0.95686275, b: 0.8392157, a: 1}\n  m_Intensity: 1\n  m_Shadows:\n    m_Type: 2\n    m_Strength: 1\n";
    out += &format!("--- !u!1001 &300\nPrefabInstance:\n  m_ObjectHideFlags: 0\n  serializedVersion: 2\n  m_Modification:\n    serializedVersion: 3\n    m_TransformParent: {{fileID: 0}}\n    m_Modifications:\n    - target: {{fileID: 100, guid: {player_prefab}, type: 3}}\n      propertyPath: m_Name\n      value: Player One\n      objectReference: {{fileID: 0}}\n    - target: {{fileID: 103, guid: {player_prefab}, type: 3}}\n      propertyPath: m_LocalPosition.z\n      value: 2.5\n      objectReference: {{fileID: 0}}\n    m_RemovedComponents: []\n    m_RemovedGameObjects: []\n    m_AddedGameObjects: []\n    m_AddedComponents: []\n  m_SourcePrefab: {{fileID: 100100000, guid: {player_prefab}, type: 3}}\n");
    out += &format!("--- !u!4 &301 stripped\nTransform:\n  m_CorrespondingSourceObject: {{fileID: 103, guid: {player_prefab}, type: 3}}\n  m_PrefabInstance: {{fileID: 300}}\n  m_PrefabAsset: {{fileID: 0}}\n");
    out += "--- !u!1660057539 &9223372036854775807\nSceneRoots:\n  m_ObjectHideFlags: 0\n  m_Roots:\n  - {fileID: 101}\n  - {fileID: 201}\n  - {fileID: 301}\n";
    out
}

/// The Player prefab: a GameObject with its Transform, the Player script and a
/// MeshRenderer using the Player material.
fn player_prefab_yaml(player_cs: Guid, player_mat: Guid) -> String {
    format!(
        "%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!1 &100\nGameObject:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  serializedVersion: 6\n  m_Component:\n  - component: {{fileID: 103}}\n  - component: {{fileID: 101}}\n  - component: {{fileID: 102}}\n  m_Layer: 0\n  m_Name: Player\n  m_TagString: Player\n  m_Icon: {{fileID: 0}}\n  m_NavMeshLayer: 0\n  m_StaticEditorFlags: 0\n  m_IsActive: 1\n--- !u!4 &103\nTransform:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: 100}}\n  serializedVersion: 2\n  m_LocalRotation: {{x: 0, y: 0, z: 0, w: 1}}\n  m_LocalPosition: {{x: 0, y: 0, z: 0}}\n  m_LocalScale: {{x: 1, y: 1, z: 1}}\n  m_ConstrainProportionsScale: 0\n  m_Children: []\n  m_Father: {{fileID: 0}}\n  m_LocalEulerAnglesHint: {{x: 0, y: 0, z: 0}}\n--- !u!114 &101\nMonoBehaviour:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: 100}}\n  m_Enabled: 1\n  m_EditorHideFlags: 0\n  m_Script: {{fileID: 11500000, guid: {player_cs}, type: 3}}\n  m_Name: \n  m_EditorClassIdentifier: \n  speed: 5\n--- !u!23 &102\nMeshRenderer:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: 100}}\n  m_Enabled: 1\n  m_CastShadows: 1\n  m_ReceiveShadows: 1\n  m_Materials:\n  - {{fileID: 2100000, guid: {player_mat}, type: 2}}\n"
    )
}

/// Every file of the sample: (path, content, gets a .meta).
fn files() -> Vec<(String, Vec<u8>, bool)> {
    let player_cs = sample_guid("Assets/Scripts/Player.cs");
    let player_mat = sample_guid("Assets/Materials/Player.mat");
    let player_png = sample_guid("Assets/Textures/player.png");
    let player_prefab = sample_guid("Assets/Prefabs/Player.prefab");
    let t = |s: &str| s.as_bytes().to_vec();
    vec![
        ("ProjectSettings/ProjectVersion.txt".into(), t("m_EditorVersion: 2022.3.21f1\nm_EditorVersionWithRevision: 2022.3.21f1 (d6d5a3f5b3a7)\n"), false),
        ("ProjectSettings/ProjectSettings.asset".into(), t("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!129 &1\nPlayerSettings:\n  m_ObjectHideFlags: 0\n  serializedVersion: 26\n  companyName: Unity MCP Samples\n  productName: Sample Space Shooter\n  defaultScreenWidth: 1920\n  defaultScreenHeight: 1080\n"), false),
        ("Packages/manifest.json".into(), t("{\n  \"dependencies\": {\n    \"com.acme.tools\": \"file:com.acme.tools\",\n    \"com.unity.ugui\": \"1.0.0\"\n  }\n}\n"), false),
        ("Packages/com.acme.tools/package.json".into(), t("{\n  \"name\": \"com.acme.tools\",\n  \"version\": \"0.3.0\",\n  \"displayName\": \"Acme Tools\",\n  \"unity\": \"2022.3\"\n}\n"), true),
        ("Packages/com.acme.tools/Runtime/AcmeLogger.cs".into(), t("using UnityEngine;\n\nnamespace Acme.Tools\n{\n    public static class AcmeLogger\n    {\n        public static void Log(string m) => Debug.Log(\"[acme] \" + m);\n    }\n}\n"), true),
        ("Assets/Scenes/Main.unity".into(), main_scene(player_prefab).into_bytes(), true),
        ("Assets/Scripts/Player.cs".into(), t("using UnityEngine;\n\npublic class Player : MonoBehaviour\n{\n    public float speed = 5f;\n\n    void Update()\n    {\n        var x = Input.GetAxis(\"Horizontal\");\n        transform.Translate(x * speed * Time.deltaTime, 0, 0);\n    }\n}\n"), true),
        ("Assets/Scripts/Enemy.cs".into(), t("using UnityEngine;\n\npublic class Enemy : MonoBehaviour\n{\n    public int health = 3;\n}\n"), true),
        ("Assets/Scripts/Editor/BuildTools.cs".into(), t("using UnityEditor;\n\npublic static class BuildTools\n{\n    [MenuItem(\"Tools/Build All\")]\n    static void BuildAll() { }\n}\n"), true),
        ("Assets/Textures/player.png".into(), PNG_1X1.to_vec(), true),
        ("Assets/Textures/enemy.png".into(), PNG_1X1.to_vec(), true),
        ("Assets/Materials/Player.mat".into(), format!("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!21 &2100000\nMaterial:\n  serializedVersion: 8\n  m_Name: Player\n  m_Shader: {{fileID: 46, guid: 0000000000000000f000000000000000, type: 0}}\n  m_SavedProperties:\n    m_TexEnvs:\n    - _MainTex:\n        m_Texture: {{fileID: 2800000, guid: {player_png}, type: 3}}\n").into_bytes(), true),
        ("Assets/Prefabs/Player.prefab".into(), player_prefab_yaml(player_cs, player_mat).into_bytes(), true),
        ("Assets/Audio/laser.wav".into(), wav_silence(), true),
        ("Assets/Models/ship.obj".into(), t("# ship\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"), true),
        ("Assets/Shaders/Glow.shader".into(), t("Shader \"Custom/Glow\"\n{\n    Properties { _Color (\"Color\", Color) = (1,1,1,1) }\n    SubShader { Pass { } }\n}\n"), true),
        ("Assets/Data/levels.json".into(), t("{\"levels\": [{\"name\": \"Nebula\", \"enemies\": 12}, {\"name\": \"Asteroids\", \"enemies\": 30}]}\n"), true),
        // Not imported yet: Import or Refresh gives these metas.
        ("Assets/Docs/README.md".into(), t("# Sample Space Shooter\n\nA tiny project bundled with unity-mcp.\n"), false),
        ("Assets/Docs/Design/notes.txt".into(), t("Enemies spawn in waves.\n"), false),
        // Ignored by Unity: never given metas.
        ("Assets/.DS_Store".into(), t("junk"), false),
        ("Assets/Backup~/Player_old.cs".into(), t("// old\n"), false),
    ]
}

/// Folders of the sample that have a .meta.
const META_FOLDERS: &[&str] = &[
    "Packages/com.acme.tools/Runtime",
    "Assets/Scenes",
    "Assets/Scripts",
    "Assets/Scripts/Editor",
    "Assets/Textures",
    "Assets/Materials",
    "Assets/Prefabs",
    "Assets/Audio",
    "Assets/Models",
    "Assets/Shaders",
    "Assets/Data",
];

/// Writes the sample project into `dir` (created if missing; must be empty).
pub fn write_sample(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} is not empty", dir.display())));
    }
    let write = |rel: &str, data: &[u8]| -> io::Result<()> {
        let full = dir.join(rel);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, data)
    };
    for (path, data, with_meta) in files() {
        write(&path, &data)?;
        if with_meta {
            let name = path.rsplit('/').next().unwrap_or(&path);
            write(&format!("{path}.meta"), render(sample_guid(&path), &kind_of_file(name)).as_bytes())?;
        }
    }
    for folder in META_FOLDERS {
        write(&format!("{folder}.meta"), render(sample_guid(folder), &FOLDER).as_bytes())?;
    }
    write("Assets/Textures/old_logo.png.meta", render(sample_guid("Assets/Textures/old_logo.png"), &kind_of_file("old_logo.png")).as_bytes())?;
    Ok(())
}

/// A fresh folder for the sample under the system temp folder.
pub fn fresh_sample_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("unity-mcp-sample-{}-{nanos:x}", std::process::id()))
}
