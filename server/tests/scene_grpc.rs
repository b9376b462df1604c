//! GetHierarchy, GetObject and SetProperty over gRPC on the real corpus (issue 21):
//! unary and Stream members 19-21, a material's texture swap seen at once by
//! FindReferences and its usages, preconditions, and the refusals.

mod common;

use unity_mcp_server::config::Config;
use unity_mcp_wire::pb::{self, stream_request::Message as Req, stream_response::Message as Resp};

const MAT: &str = "Assets/TextMesh Pro/Examples & Extras/Materials/Crate - Surface Shader Scene.mat";
const OLD_TEX: &str = "602cb87b6a29443b8636370ea0751574"; // Small Crate_diffuse.jpg
const NEW_TEX: &str = "85ac55597b97403c82fc6601a93cf241"; // Floor Tiles 1 - diffuse.jpg
const SCENE: &str = "Assets/TextMesh Pro/Examples & Extras/Scenes/13 - Soft Hyphenation.unity";

async fn corpus() -> common::TestServer {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let tgz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(std::process::Command::new("tar").arg("-xzf").arg(tgz).arg("-C").arg(&project).status().unwrap().success());
    common::start_on(dir, &project, Config::default()).await
}

fn count(nodes: &[pb::SceneNode]) -> u32 {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hierarchy_and_objects_of_a_real_scene() {
    let s = corpus().await;
    let mut c = s.client().await;
    let h = c.get_hierarchy(pb::GetHierarchyRequest { asset_path: SCENE.into(), max_depth: 0, limit: 0 }).await.unwrap().into_inner();
    assert!(h.error.is_none(), "{h:?}");
    assert!(!h.truncated);
    assert_eq!(count(&h.roots), h.node_count);
    let text = std::fs::read_to_string(s.project().join(SCENE)).unwrap();
    assert_eq!(h.node_count as usize, text.matches("\nGameObject:\n").count(), "one node per GameObject");
    let names: Vec<&str> = h.roots.iter().map(|r| r.name.as_str()).collect();
    assert!(names.contains(&"Main Camera"), "{names:?}");
    let camera = h.roots.iter().find(|r| r.name == "Main Camera").unwrap();
    let types: Vec<&str> = camera.components.iter().map(|c| c.r#type.as_str()).collect();
    assert_eq!(types[0], "Transform");
    assert!(types.contains(&"Camera"), "{types:?}");
    // A TextMesh Pro text names its class (a package script, by GUID).
    let all_types: Vec<String> = {
        fn walk(n: &[pb::SceneNode], out: &mut Vec<String>) {
            for x in n {
                out.extend(x.components.iter().map(|c| c.r#type.clone()));
                walk(&x.children, out);
            }
        }
        let mut v = Vec::new();
        walk(&h.roots, &mut v);
        v
    };
    assert!(all_types.iter().any(|t| t == "TextMeshPro" || t == "TextMeshProUGUI"), "{all_types:?}");
    // Depth and limit bound the answer.
    let top = c.get_hierarchy(pb::GetHierarchyRequest { asset_path: SCENE.into(), max_depth: 1, limit: 0 }).await.unwrap().into_inner();
    assert!(top.roots.iter().all(|r| r.children.is_empty()));
    assert_eq!(top.node_count as usize, top.roots.len());
    let one = c.get_hierarchy(pb::GetHierarchyRequest { asset_path: SCENE.into(), max_depth: 0, limit: 1 }).await.unwrap().into_inner();
    assert_eq!((one.node_count, one.truncated), (1, true));

    // GetObject: the camera's Transform, its YAML exactly as in the file.
    let t = camera.components[0].file_id;
    let o = c.get_object(pb::GetObjectRequest { asset_path: SCENE.into(), file_id: t }).await.unwrap().into_inner();
    assert!(o.error.is_none(), "{o:?}");
    assert_eq!((o.class_id, o.r#type.as_str(), o.file_id), (4, "Transform", t));
    assert!(text.contains(&o.yaml) && o.yaml.starts_with(&format!("--- !u!4 &{t}\n")));
    let props: serde_json::Value = serde_json::from_str(&o.properties_json).unwrap();
    assert!(props["m_LocalPosition"]["x"].is_number(), "{props}");
    assert_eq!(props["m_GameObject"]["fileID"], serde_json::json!(camera.file_id));
    // The main object of a material.
    let m = c.get_object(pb::GetObjectRequest { asset_path: MAT.into(), file_id: 0 }).await.unwrap().into_inner();
    assert_eq!((m.class_id, m.r#type.as_str()), (21, "Material"));

    // Refusals: a script is no scene (9), a missing object (5), a binary file (9).
    let cs = c.get_hierarchy(pb::GetHierarchyRequest { asset_path: MAT.into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(cs.error.map(|e| e.code), Some(9));
    let missing = c.get_object(pb::GetObjectRequest { asset_path: MAT.into(), file_id: 42 }).await.unwrap().into_inner();
    assert_eq!(missing.error.map(|e| e.code), Some(5));
    std::fs::write(s.project().join("Assets/Binary.asset"), b"\0\0\0\x16\0\0\0\x11binary serialized").unwrap();
    let bin = c.get_object(pb::GetObjectRequest { asset_path: "Assets/Binary.asset".into(), file_id: 0 }).await.unwrap().into_inner();
    assert_eq!(bin.error.map(|e| e.code), Some(9));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_texture_swap_changes_only_its_bytes_and_shows_in_find_references() {
    let s = corpus().await;
    let mut c = s.client().await;
    let path = s.project().join(MAT);
    let before = std::fs::read(&path).unwrap();
    let refs = |r: &pb::FindReferencesResponse| r.referrers.iter().map(|a| a.asset_path.clone()).collect::<Vec<_>>();
    let old = c.find_references(pb::FindReferencesRequest { guid: OLD_TEX.into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(refs(&old).contains(&MAT.to_string()));
    let usage = old.usages.iter().find(|u| u.asset_path == MAT).expect("a usage in the material");
    assert_eq!(usage.property_path, "m_SavedProperties.m_TexEnvs._MainTex.m_Texture");
    assert_eq!(usage.file_id, 2100000);
    let new = c.find_references(pb::FindReferencesRequest { guid: NEW_TEX.into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(!refs(&new).contains(&MAT.to_string()));

    // A stale precondition: code 10, nothing written.
    let stale = c
        .set_property(pb::SetPropertyRequest {
            asset_path: MAT.into(),
            file_id: 0,
            property_path: usage.property_path.clone(),
            value_json: format!("{{\"fileID\": 2800000, \"guid\": \"{NEW_TEX}\", \"type\": 3}}"),
            expected_sha256: "0".repeat(64),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(stale.error.map(|e| e.code), Some(10));
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let set = c
        .set_property(pb::SetPropertyRequest {
            asset_path: MAT.into(),
            file_id: 2100000,
            property_path: usage.property_path.clone(),
            value_json: format!("{{\"fileID\": 2800000, \"guid\": \"{NEW_TEX}\"}}"),
            expected_sha256: unity_mcp_engine::text::sha256_hex(&before),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(set.error.is_none(), "{set:?}");
    assert_eq!(set.old_value_json, format!("{{\"fileID\":2800000,\"guid\":\"{OLD_TEX}\",\"type\":3}}"));
    let after = std::fs::read(&path).unwrap();
    assert_eq!(String::from_utf8(after.clone()).unwrap(), String::from_utf8(before.clone()).unwrap().replace(OLD_TEX, NEW_TEX));
    assert_eq!(set.sha256, unity_mcp_engine::text::sha256_hex(&after));
    // The index sees it at once.
    let new = c.find_references(pb::FindReferencesRequest { guid: NEW_TEX.into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(refs(&new).contains(&MAT.to_string()), "{new:?}");
    assert!(new.usages.iter().any(|u| u.asset_path == MAT && u.property_path == "m_SavedProperties.m_TexEnvs._MainTex.m_Texture" && u.object_name == "Crate - Surface Shader Scene"));
    let old = c.find_references(pb::FindReferencesRequest { guid: OLD_TEX.into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(!refs(&old).contains(&MAT.to_string()));
    // Back: the file as it was, byte for byte.
    let back = c
        .set_property(pb::SetPropertyRequest { asset_path: MAT.into(), file_id: 0, property_path: usage.property_path.clone(), value_json: set.old_value_json, expected_sha256: String::new() })
        .await
        .unwrap()
        .into_inner();
    assert!(back.error.is_none(), "{back:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Refusals change nothing: an unknown GUID (9), a missing field (3), a sequence
    // resized (3), a mapping set whole (3), bad JSON (3).
    for (prop, value, code) in [
        ("m_SavedProperties.m_TexEnvs._MainTex.m_Texture", "{\"fileID\": 2800000, \"guid\": \"0123456789abcdef0123456789abcdef\"}", 9),
        ("m_NoSuchField", "1", 3),
        ("m_SavedProperties.m_TexEnvs.Array.size", "3", 3),
        ("m_SavedProperties.m_TexEnvs", "1", 3),
        ("m_Name", "not json", 3),
    ] {
        let r = c
            .set_property(pb::SetPropertyRequest { asset_path: MAT.into(), file_id: 0, property_path: prop.into(), value_json: value.into(), expected_sha256: String::new() })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.error.as_ref().map(|e| e.code), Some(code), "{prop} = {value}: {r:?}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_members_19_to_21_answer_in_order() {
    let s = corpus().await;
    let mut c = s.client().await;
    let reqs = vec![
        Req::GetHierarchy(pb::GetHierarchyRequest { asset_path: SCENE.into(), max_depth: 1, limit: 0 }),
        Req::SetProperty(pb::SetPropertyRequest { asset_path: MAT.into(), file_id: 0, property_path: "m_Name".into(), value_json: "\"Crate: renamed\"".into(), expected_sha256: String::new() }),
        Req::GetObject(pb::GetObjectRequest { asset_path: MAT.into(), file_id: 0 }),
        Req::SetProperty(pb::SetPropertyRequest { asset_path: MAT.into(), file_id: 0, property_path: "m_Nope".into(), value_json: "1".into(), expected_sha256: String::new() }),
    ];
    let n = reqs.len();
    let out = tokio_stream::iter(reqs.into_iter().enumerate().map(|(i, m)| pb::StreamRequest { message: Some(m), id: i as u64 + 1 }));
    let mut answers = c.stream(out).await.unwrap().into_inner();
    let mut got = Vec::new();
    while let Some(a) = answers.message().await.unwrap() {
        got.push(a);
        if got.len() == n {
            break;
        }
    }
    assert_eq!(got.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(matches!(&got[0].message, Some(Resp::GetHierarchy(h)) if h.error.is_none() && !h.roots.is_empty()));
    assert!(matches!(&got[1].message, Some(Resp::SetProperty(p)) if p.error.is_none() && p.old_value_json == "\"Crate - Surface Shader Scene\""));
    // The read after the write sees it (one connection's operations in order).
    match &got[2].message {
        Some(Resp::GetObject(o)) => assert!(o.yaml.contains("m_Name: 'Crate: renamed'\n"), "{}", o.yaml),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&got[3].message, Some(Resp::SetProperty(p)) if p.error.as_ref().map(|e| e.code) == Some(3)));
}
