//! Case-insensitive projects over real gRPC on the real corpus: as on Windows and
//! macOS, a wrong-case path names the asset (answers in the on-disk spelling), a
//! case-only rename keeps the GUID, a case-colliding copy is refused (6), Refresh makes
//! no duplicate metas, and `\` separators work. On Linux the rule is configured (the
//! disk tells case apart); under Wine (CI's Windows run) it is probed, as in production.

mod common;

use std::path::{Path, PathBuf};
use unity_mcp_server::config::Config;
use unity_mcp_wire::pb;

const USS: &str = "Assets/UnityTechnologies/UI Toolkit/Uss";
const MAIN_MENU_GUID: &str = "044165dc8a223ca4ca6e114a694c8368";

/// The corpus, fresh: copied from UNITY_MCP_CORPUS_DIR when set (the Windows run has
/// no `tar`), else unpacked.
fn corpus(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    if let Ok(src) = std::env::var("UNITY_MCP_CORPUS_DIR") {
        common::copy_tree(Path::new(&src), &project);
        return project;
    }
    std::fs::create_dir_all(&project).unwrap();
    let tgz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(std::process::Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(&project).status().unwrap().success());
    project
}

async fn serve() -> common::TestServer {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let mut cfg = Config::default();
    // Windows (and Wine) is probed like production; elsewhere the rule is configured.
    if !cfg!(windows) {
        cfg.engine.case_insensitive = Some(true);
    }
    common::start_on(dir, &project, cfg).await
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_insensitive_project_over_grpc() {
    let s = serve().await;
    let mut c = s.client().await;
    // A wrong-case path (and `\` separators) names the asset; answers use the disk's spelling and `/`.
    // (The root keeps Unity's own spelling: `Assets/`, `Packages/`.)
    for spelling in [format!("Assets/{}/mainmenu.USS", USS["Assets/".len()..].to_lowercase()), format!("{}\\MainMenu.uss", USS.replace('/', "\\")).replace("Uss\\", "USS\\")] {
        let r = c.import_asset(pb::ImportAssetRequest { asset_path: spelling.clone() }).await.unwrap().into_inner();
        let a = r.asset.unwrap_or_else(|| panic!("{spelling}: {:?}", r.error));
        assert_eq!((a.guid.as_str(), a.asset_path.as_str()), (MAIN_MENU_GUID, format!("{USS}/MainMenu.uss").as_str()), "{spelling}");
    }
    let before = c.find_assets(pb::FindAssetsRequest { path_glob: "Assets/**".into(), limit: 100_000, ..Default::default() }).await.unwrap().into_inner().assets.len();

    // A case-only rename keeps the GUID; the .meta is renamed with it.
    let r = c
        .move_asset(pb::MoveAssetRequest { src_path: format!("{USS}/MainMenu.uss"), dst_path: format!("{USS}/MAINMENU.uss") })
        .await
        .unwrap()
        .into_inner();
    let a = r.asset.unwrap_or_else(|| panic!("case-only rename: {:?}", r.error));
    assert_eq!((a.guid.as_str(), a.asset_path.as_str()), (MAIN_MENU_GUID, format!("{USS}/MAINMENU.uss").as_str()));
    let names = files_in(&s.project().join(USS));
    assert!(names.contains(&"MAINMENU.uss".to_string()) && names.contains(&"MAINMENU.uss.meta".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("MainMenu.uss")), "{names:?}");
    let found = c.find_assets(pb::FindAssetsRequest { guid: MAIN_MENU_GUID.into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(found.assets.iter().map(|a| a.asset_path.as_str()).collect::<Vec<_>>(), [format!("{USS}/MAINMENU.uss").as_str()]);

    // Copy, move and create-folder into a name that collides by case are refused.
    let other = files_in(&s.project().join(USS)).into_iter().find(|n| n.ends_with(".uss") && n != "MAINMENU.uss").unwrap();
    let r = c.copy_asset(pb::CopyAssetRequest { src_path: format!("{USS}/{other}"), dst_path: format!("{USS}/mainmenu.USS") }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(6), "copy onto another spelling");
    let r = c.move_asset(pb::MoveAssetRequest { src_path: format!("{USS}/{other}"), dst_path: format!("{USS}/MainMenu.uss") }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(6), "move onto another spelling");
    let r = c.create_folder(pb::CreateFolderRequest { asset_path: "Assets/unitytechnologies".into() }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(6), "folder onto another spelling");

    // Refresh makes no duplicate metas (the corpus's one orphan folder meta goes).
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!((r.metas_created, r.metas_removed, r.reidentified_count), (0, 1, 0));
    let after = c.find_assets(pb::FindAssetsRequest { path_glob: "Assets/**".into(), limit: 100_000, ..Default::default() }).await.unwrap().into_inner().assets.len();
    assert_eq!(after, before, "one asset per file, before and after");
    let problems = c.check_project(pb::CheckProjectRequest {}).await.unwrap().into_inner().problems;
    assert!(problems.iter().all(|p| p.kind == "dangling_reference"), "{:?}", problems.iter().filter(|p| p.kind != "dangling_reference").collect::<Vec<_>>());
}
