//! Files as each platform has them, over real gRPC: paths longer than Windows' old
//! 260-character limit, and (on Windows) a file another program holds open, which is
//! retried and then answered code 14 "in use by another program", the project left as
//! it was.

mod common;

use unity_mcp_wire::pb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paths_longer_than_260_characters_work() {
    let s = common::start().await;
    let mut c = s.client().await;
    // 6 folders of 60 characters: the path alone is over 360 characters, and more with
    // the project folder in front of it.
    let deep: Vec<String> = (0..6).map(|i| format!("{i}{}", "d".repeat(59))).collect();
    let rel = format!("Assets/{}", deep.join("/"));
    std::fs::create_dir_all(s.project().join(&rel)).unwrap();
    std::fs::write(s.project().join(&rel).join("long.txt"), "x").unwrap();
    let file = format!("{rel}/long.txt");
    assert!(file.len() > 260 && s.project().join(&file).to_string_lossy().len() > 300);
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/0dddd".into() }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(5));
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: format!("Assets/{}", deep[0]) }).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: file.clone() }).await.unwrap().into_inner();
    let a = r.asset.unwrap_or_else(|| panic!("{:?}", r.error));
    assert_eq!(a.asset_path, file);
    let moved = format!("{rel}/renamed.txt");
    let r = c.move_asset(pb::MoveAssetRequest { src_path: file.clone(), dst_path: moved.clone() }).await.unwrap().into_inner();
    assert_eq!(r.asset.map(|x| x.guid), Some(a.guid));
    assert!(s.project().join(format!("{moved}.meta")).is_file());
}

#[cfg(windows)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_another_program_holds_is_answered_in_use_and_nothing_moves() {
    use std::os::windows::fs::OpenOptionsExt;
    let s = common::start().await;
    let mut c = s.client().await;
    let path = "Assets/Textures/player.png";
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: path.into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());
    let before = common::tree(&s.project());
    // Held as the Editor holds a file it imports: no sharing at all.
    let held = std::fs::OpenOptions::new().read(true).share_mode(0).open(s.project().join(path)).unwrap();
    let r = c.move_asset(pb::MoveAssetRequest { src_path: path.into(), dst_path: "Assets/Textures/moved.png".into() }).await.unwrap().into_inner();
    let e = r.error.expect("a held file cannot move");
    assert_eq!(e.code, 14, "{e:?}");
    assert!(e.message.contains("in use by another program"), "{}", e.message);
    // (Read once the file is free: reading it while held is a sharing violation too.)
    drop(held);
    assert_eq!(common::tree(&s.project()), before, "a refused move changed the project");
    let r = c.move_asset(pb::MoveAssetRequest { src_path: path.into(), dst_path: "Assets/Textures/moved.png".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
}
