//! Every RPC and every error of the contract, over real gRPC on 127.0.0.1.

mod common;

use common::{guid_of, start, tree};
use unity_mcp_server::sample::sample_guid;
use unity_mcp_wire::pb;

#[tokio::test]
async fn project_info_reads_project_settings() {
    let s = start().await;
    let r = s.client().await.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner();
    let p = r.project.unwrap();
    assert_eq!((p.project_name.as_str(), p.unity_version.as_str()), ("Sample Space Shooter", "2022.3.21f1"));
    assert!(r.error.is_none());
}

#[tokio::test]
async fn import_keeps_existing_guid_and_creates_missing_meta() {
    let s = start().await;
    let mut c = s.client().await;
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Scripts/Player.cs".into() }).await.unwrap().into_inner();
    let a = r.asset.unwrap();
    assert_eq!(a.guid, sample_guid("Assets/Scripts/Player.cs").to_string());
    assert_eq!(a.r#type, "MonoScript");
    let before = std::fs::read(s.project().join("Assets/Scripts/Player.cs.meta")).unwrap();
    c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Scripts/Player.cs".into() }).await.unwrap();
    assert_eq!(std::fs::read(s.project().join("Assets/Scripts/Player.cs.meta")).unwrap(), before, "meta rewritten");

    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Docs".into() }).await.unwrap().into_inner();
    let a = r.asset.unwrap();
    assert_eq!(a.r#type, "DefaultAsset");
    assert_eq!(a.guid, guid_of(&s.project(), "Assets/Docs.meta"));
    assert!(a.guid.len() == 32 && a.guid.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    for m in ["Assets/Docs/README.md.meta", "Assets/Docs/Design.meta", "Assets/Docs/Design/notes.txt.meta"] {
        assert!(s.project().join(m).is_file(), "{m}");
    }
    let text = std::fs::read_to_string(s.project().join("Assets/Docs.meta")).unwrap();
    assert!(text.starts_with("fileFormatVersion: 2\nguid: ") && text.contains("folderAsset: yes\nDefaultImporter:"), "{text}");
    let text = std::fs::read_to_string(s.project().join("Assets/Docs/README.md.meta")).unwrap();
    assert!(text.contains("TextScriptImporter:"), "{text}");

    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Nope.png".into() }).await.unwrap().into_inner();
    assert_eq!(r.error.unwrap().code, 5);
    assert!(r.asset.is_none());
}

#[tokio::test]
async fn import_in_a_package_folder() {
    let s = start().await;
    let r = s
        .client()
        .await
        .import_asset(pb::ImportAssetRequest { asset_path: "Packages/com.acme.tools/Runtime/AcmeLogger.cs".into() })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.asset.unwrap().guid, sample_guid("Packages/com.acme.tools/Runtime/AcmeLogger.cs").to_string());
}

#[tokio::test]
async fn bad_paths_are_invalid_argument_and_touch_nothing() {
    let s = start().await;
    let mut c = s.client().await;
    let before = tree(&s.project());
    let long = format!("Assets/{}", "a/".repeat(600));
    let cases: Vec<(&str, &str)> = vec![
        ("", "empty"),
        ("/etc/passwd", "absolute"),
        ("C:\\Windows\\win.ini", "drive"),
        ("Assets/../../etc/passwd", ".."),
        ("Assets\\..\\..\\etc", ".."),
        ("Assets/..\\../x", ".."),
        ("Assets/a\u{0}b.png", "control"),
        ("Assets/a\u{7}b.png", "control"),
        ("Assets/a<b.png", "'<'"),
        ("Assets/a|b.png", "'|'"),
        ("Assets/a\"b.png", "'\"'"),
        ("Assets/a*.png", "'*'"),
        (&long, "limit is 1024"),
        ("Assets/Textures/player.png.meta", ".meta"),
        ("ProjectSettings/ProjectSettings.asset", "outside"),
        ("Library/x", "outside"),
        ("Assets", "root"),
    ];
    for (path, needle) in &cases {
        let r = c.import_asset(pb::ImportAssetRequest { asset_path: path.to_string() }).await.unwrap().into_inner();
        let e = r.error.unwrap_or_else(|| panic!("{path:?} accepted"));
        assert_eq!(e.code, 3, "{path:?}: {}", e.message);
        assert!(e.message.starts_with("asset_path: ") && e.message.contains(needle), "{path:?}: {}", e.message);
        let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: path.to_string(), ..Default::default() }).await.unwrap().into_inner();
        assert_eq!((r.success, r.error.unwrap().code), (false, 3), "{path:?}");
        let r = c
            .move_asset(pb::MoveAssetRequest { src_path: "Assets/Data/levels.json".into(), dst_path: path.to_string() })
            .await
            .unwrap()
            .into_inner();
        let e = r.error.unwrap();
        assert_eq!(e.code, 3, "{path:?}");
        assert!(e.message.starts_with("dst_path: "), "{}", e.message);
    }
    assert_eq!(tree(&s.project()), before);
}

#[tokio::test]
async fn folder_tree_move_keeps_every_guid() {
    let s = start().await;
    let mut c = s.client().await;
    let p = s.project();
    let metas_before: Vec<(String, String)> = tree(&p.join("Assets/Scripts"))
        .keys()
        .filter(|k| k.ends_with(".meta"))
        .map(|k| (k.clone(), guid_of(&p, &format!("Assets/Scripts/{k}"))))
        .collect();
    assert_eq!(metas_before.len(), 4, "{metas_before:?}");
    let folder_guid = guid_of(&p, "Assets/Scripts.meta");
    std::fs::create_dir(p.join("Assets/Code")).unwrap();
    let r = c
        .move_asset(pb::MoveAssetRequest { src_path: "Assets/Scripts".into(), dst_path: "Assets/Code/Game".into() })
        .await
        .unwrap()
        .into_inner();
    let a = r.asset.unwrap_or_else(|| panic!("{:?}", r.error));
    assert_eq!((a.guid.as_str(), a.asset_path.as_str(), a.r#type.as_str()), (folder_guid.as_str(), "Assets/Code/Game", "DefaultAsset"));
    assert_eq!(guid_of(&p, "Assets/Code/Game.meta"), folder_guid);
    for (rel, guid) in &metas_before {
        assert_eq!(&guid_of(&p, &format!("Assets/Code/Game/{rel}")), guid, "{rel}");
    }
    assert!(!p.join("Assets/Scripts").exists() && !p.join("Assets/Scripts.meta").exists());
}

#[tokio::test]
async fn move_errors_have_the_right_codes_and_change_nothing() {
    let s = start().await;
    let mut c = s.client().await;
    let before = tree(&s.project());
    let cases = [
        ("Assets/Missing.png", "Assets/X.png", 5, "src_path"),
        ("Assets/Textures/player.png", "Assets/Textures/enemy.png", 6, "dst_path"),
        ("Assets/Textures/player.png", "Assets/Textures/old_logo.png", 6, "dst_path"),
        ("Assets/Textures/player.png", "Assets/NoSuchFolder/player.png", 9, "dst_path"),
        ("Assets/Textures", "Assets/Textures/Inner", 3, "dst_path"),
        ("Assets/Textures", "Assets/Textures", 3, "dst_path"),
    ];
    for (src, dst, code, field) in cases {
        let r = c.move_asset(pb::MoveAssetRequest { src_path: src.into(), dst_path: dst.into() }).await.unwrap().into_inner();
        let e = r.error.unwrap_or_else(|| panic!("{src} -> {dst} succeeded"));
        assert_eq!(e.code, code, "{src} -> {dst}: {}", e.message);
        assert!(e.message.starts_with(field), "{}", e.message);
        assert!(r.asset.is_none());
    }
    assert_eq!(tree(&s.project()), before);
}

#[tokio::test]
async fn delete_file_and_folder_with_metas() {
    let s = start().await;
    let mut c = s.client().await;
    let p = s.project();
    let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: "Assets/Audio/laser.wav".into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(r.success && r.error.is_none());
    assert!(!p.join("Assets/Audio/laser.wav").exists() && !p.join("Assets/Audio/laser.wav.meta").exists());
    let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: "Assets/Scripts".into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(r.success);
    assert!(!p.join("Assets/Scripts").exists() && !p.join("Assets/Scripts.meta").exists());
    let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: "Assets/Scripts".into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(!r.success);
    assert_eq!(r.error.unwrap().code, 5);
}

#[tokio::test]
async fn refresh_repairs_metas_and_honours_ignore_rules() {
    let s = start().await;
    let mut c = s.client().await;
    let p = s.project();
    std::fs::remove_file(p.join("Assets/Textures/enemy.png.meta")).unwrap();
    std::fs::write(p.join("Assets/Models/ghost.fbx.meta"), "fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n").unwrap();
    std::fs::create_dir_all(p.join("Assets/.git")).unwrap();
    std::fs::write(p.join("Assets/.git/HEAD"), "ref").unwrap();
    std::fs::write(p.join("Assets/scratch.tmp"), "x").unwrap();
    std::fs::create_dir_all(p.join("Assets/CVS")).unwrap();
    std::fs::write(p.join("Assets/CVS/Entries"), "x").unwrap();
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert!(r.success && r.error.is_none());
    // enemy.png + Docs + Docs/README.md + Docs/Design + Docs/Design/notes.txt;
    // orphans: old_logo.png.meta (sample) + ghost.fbx.meta.
    assert_eq!((r.metas_created, r.metas_removed), (5, 2));
    assert!(p.join("Assets/Textures/enemy.png.meta").is_file());
    assert!(!p.join("Assets/Models/ghost.fbx.meta").exists());
    for ignored in ["Assets/.git.meta", "Assets/.DS_Store.meta", "Assets/Backup~.meta", "Assets/Backup~/Player_old.cs.meta", "Assets/scratch.tmp.meta", "Assets/CVS.meta"] {
        assert!(!p.join(ignored).exists(), "{ignored}");
    }
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert_eq!((r.metas_created, r.metas_removed), (0, 0));
}

#[tokio::test]
async fn symlinks_never_reach_outside_the_project() {
    let s = start().await;
    let mut c = s.client().await;
    let p = s.project();
    let canary = s.dir.path().join("canary");
    std::fs::create_dir_all(canary.join("inner")).unwrap();
    std::fs::write(canary.join("secret.txt"), "do not touch").unwrap();
    std::fs::write(canary.join("inner/file.png"), "x").unwrap();
    if !(common::symlink(&canary, &p.join("Assets/LinkDir")) && common::symlink(&canary.join("secret.txt"), &p.join("Assets/link.txt"))) {
        assert!(cfg!(windows), "symbolic links are always possible on Unix");
        eprintln!("this Windows refused to make symbolic links (no privilege): skipped");
        return;
    }
    let canary_before = tree(&canary);
    let paths = ["Assets/LinkDir", "Assets/LinkDir/secret.txt", "Assets/LinkDir/inner", "Assets/LinkDir/inner/file.png", "Assets/link.txt"];
    for path in paths {
        let r = c.import_asset(pb::ImportAssetRequest { asset_path: path.into() }).await.unwrap().into_inner();
        assert_eq!(r.error.as_ref().map(|e| e.code), Some(9), "import {path}: {:?}", r);
        let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: path.into(), ..Default::default() }).await.unwrap().into_inner();
        assert_eq!(r.error.as_ref().map(|e| e.code), Some(9), "delete {path}");
        let r = c.move_asset(pb::MoveAssetRequest { src_path: path.into(), dst_path: "Assets/Stolen".into() }).await.unwrap().into_inner();
        assert_eq!(r.error.as_ref().map(|e| e.code), Some(9), "move {path}");
        let r = c
            .move_asset(pb::MoveAssetRequest { src_path: "Assets/Data/levels.json".into(), dst_path: format!("{path}/levels.json") })
            .await
            .unwrap()
            .into_inner();
        assert!(r.error.is_some(), "move into {path}");
    }
    c.refresh(pb::RefreshRequest {}).await.unwrap();
    let r = c.read_resource(pb::ReadResourceRequest { uri: "unity://asset/Assets/LinkDir/secret.txt".into() }).await.unwrap().into_inner();
    assert!(r.data.is_empty() && r.error.is_some());
    assert_eq!(tree(&canary), canary_before, "something outside the project changed");
    assert!(p.join("Assets/Data/levels.json").is_file());
}

#[tokio::test]
async fn tools_have_schemas_and_run_through_the_same_path() {
    let s = start().await;
    let mut c = s.client().await;
    let tools = c.list_tools(pb::ListToolsRequest {}).await.unwrap().into_inner().tools;
    for id in ["import_asset", "move_asset", "delete_asset", "refresh", "get_project_info"] {
        let t = tools.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id}"));
        let schema: serde_json::Value = serde_json::from_str(&t.input_schema).unwrap();
        assert_eq!(schema["type"], "object");
        assert!(!t.description.is_empty());
    }
    let mv = tools.iter().find(|t| t.id == "move_asset").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&mv.input_schema).unwrap();
    assert!(schema["properties"]["src_path"].is_object() && schema["properties"]["dst_path"].is_object());

    let call = |tool: &str, input: &str| pb::CallToolRequest { tool_id: tool.into(), input_json: input.into() };
    let r = c.call_tool(call("import_asset", r#"{"asset_path":"Assets/Textures/player.png"}"#)).await.unwrap().into_inner();
    let out: serde_json::Value = serde_json::from_str(&r.output_json).unwrap();
    assert_eq!(out["asset"]["guid"], sample_guid("Assets/Textures/player.png").to_string());
    assert_eq!(out["asset"]["type"], "Texture2D");
    let r = c.call_tool(call("move_asset", r#"{"src_path":"Assets/Textures/player.png","dst_path":"Assets/hero.png"}"#)).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
    assert!(s.project().join("Assets/hero.png.meta").is_file());
    let r = c.call_tool(call("get_project_info", "{}")).await.unwrap().into_inner();
    assert!(r.output_json.contains("Sample Space Shooter"));
    let r = c.call_tool(call("refresh", "")).await.unwrap().into_inner();
    assert!(r.error.is_none());

    assert_eq!(c.call_tool(call("rm_rf", "{}")).await.unwrap().into_inner().error.unwrap().code, 5);
    for bad in ["{", "[1]", "{}", r#"{"asset_path": 1}"#, r#"{"asset_path":"Assets/a","more":1}"#, r#"{"asset_path":"../x"}"#] {
        let r = c.call_tool(call("import_asset", bad)).await.unwrap().into_inner();
        assert_eq!(r.error.map(|e| e.code), Some(3), "{bad}");
    }
}

#[tokio::test]
async fn resources_are_listed_and_readable() {
    let s = start().await;
    let mut c = s.client().await;
    let list = c.list_resources(pb::ListResourcesRequest {}).await.unwrap().into_inner().resources;
    let info = list.iter().find(|r| r.uri == "unity://project/info").unwrap();
    assert_eq!(info.mime_type, "application/json");
    let asset = list.iter().find(|r| r.uri == "unity://asset/Assets/Prefabs/Player.prefab").unwrap();
    for res in [info, asset] {
        let r = c.read_resource(pb::ReadResourceRequest { uri: res.uri.clone() }).await.unwrap().into_inner();
        assert!(r.error.is_none());
        assert_eq!(r.mime_type, res.mime_type);
        assert_eq!(r.data.len() as i64, res.size_bytes, "{}", res.uri);
    }
    let r = c.read_resource(pb::ReadResourceRequest { uri: asset.uri.clone() }).await.unwrap().into_inner();
    let v: serde_json::Value = serde_json::from_slice(&r.data).unwrap();
    assert_eq!(v["guid"], sample_guid("Assets/Prefabs/Player.prefab").to_string());
    assert_eq!(v["type"], "GameObject");
    let r = c.read_resource(pb::ReadResourceRequest { uri: "unity://project/info".into() }).await.unwrap().into_inner();
    let v: serde_json::Value = serde_json::from_slice(&r.data).unwrap();
    assert_eq!(v["project_name"], "Sample Space Shooter");
    assert_eq!(v["unity_version"], "2022.3.21f1");
    for (uri, code) in [("unity://nope", 5), ("file:///etc/passwd", 3), ("unity://asset/Assets/../../etc/passwd", 3), ("unity://asset/Assets/none.png", 5)] {
        let r = c.read_resource(pb::ReadResourceRequest { uri: uri.into() }).await.unwrap().into_inner();
        assert_eq!(r.error.map(|e| e.code), Some(code), "{uri}");
    }
}

#[tokio::test]
async fn prompts_help_reorganise_safely() {
    let s = start().await;
    let mut c = s.client().await;
    let ids = c.list_prompts(pb::ListPromptsRequest {}).await.unwrap().into_inner().prompt_ids;
    assert!(ids.len() >= 2);
    for id in &ids {
        let r = c.get_prompt(pb::GetPromptRequest { prompt_id: id.clone() }).await.unwrap().into_inner();
        assert!(r.error.is_none() && r.prompt_text.len() > 100);
    }
    let r = c.get_prompt(pb::GetPromptRequest { prompt_id: "nope".into() }).await.unwrap().into_inner();
    assert_eq!(r.error.unwrap().code, 5);
}

#[tokio::test]
async fn health_and_reflection_answer() {
    let s = start().await;
    let channel = tonic::transport::Channel::from_shared(s.url()).unwrap().connect().await.unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
    let r = health
        .check(tonic_health::pb::HealthCheckRequest { service: "unity.mcp.v1.UnityMcpService".into() })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.status, tonic_health::pb::health_check_response::ServingStatus::Serving as i32);
    let r = health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap().into_inner();
    assert_eq!(r.status, tonic_health::pb::health_check_response::ServingStatus::Serving as i32);
    use tonic_reflection::pb::v1::{server_reflection_client::ServerReflectionClient, server_reflection_request::MessageRequest, server_reflection_response::MessageResponse, ServerReflectionRequest};
    let mut refl = ServerReflectionClient::new(channel);
    let req = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
    let mut answers = refl.server_reflection_info(tokio_stream::iter(vec![req])).await.unwrap().into_inner();
    let Some(MessageResponse::ListServicesResponse(list)) = answers.message().await.unwrap().unwrap().message_response else {
        panic!("no service list");
    };
    assert!(list.service.iter().any(|s| s.name == "unity.mcp.v1.UnityMcpService"), "{:?}", list.service);
}

#[tokio::test]
async fn refresh_gives_a_copied_folder_fresh_guids_and_says_which() {
    let s = start().await;
    let mut c = s.client().await;
    let root = s.project();
    // A file manager copies Assets/Textures with its metas.
    std::fs::create_dir_all(root.join("Assets/Textures Copy")).unwrap();
    for f in ["player.png", "player.png.meta", "enemy.png", "enemy.png.meta"] {
        std::fs::copy(root.join("Assets/Textures").join(f), root.join("Assets/Textures Copy").join(f)).unwrap();
    }
    std::fs::copy(root.join("Assets/Textures.meta"), root.join("Assets/Textures Copy.meta")).unwrap();
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert!(r.error.is_none() && r.success);
    assert_eq!(r.reidentified_count, 3);
    let mut copies: Vec<&str> = r.reidentified.iter().map(|e| e.asset_path.as_str()).collect();
    copies.sort();
    assert_eq!(copies, ["Assets/Textures Copy", "Assets/Textures Copy/enemy.png", "Assets/Textures Copy/player.png"]);
    for e in &r.reidentified {
        assert_eq!(e.kept_by, e.asset_path.replace("Textures Copy", "Textures"));
        assert_eq!(e.old_guid, guid_of(&root, &format!("{}.meta", e.kept_by)));
        assert_eq!(e.new_guid, guid_of(&root, &format!("{}.meta", e.asset_path)));
        assert_ne!(e.old_guid, e.new_guid);
    }
    // The originals keep theirs: the material still points at the original texture.
    assert_eq!(guid_of(&root, "Assets/Textures/player.png.meta"), sample_guid("Assets/Textures/player.png").to_string());
    let again = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert_eq!((again.reidentified_count, again.metas_created, again.metas_removed), (0, 0, 0));
}
