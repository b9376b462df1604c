//! Disk faults on the real backend: a full disk (a small tmpfs) and a read-only folder
//! (a read-only remount, which binds even root) give a clear error, leave no partial
//! `.meta`, and Refresh repairs the rest. Needs root to mount a tmpfs (CI runs as root).

mod common;

use common::{start_on, tree};
use std::path::Path;
use std::process::Command;
use unity_mcp_server::config::Config;
use unity_mcp_wire::pb;

struct Mount(std::path::PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Mount {
        std::fs::create_dir_all(dir).unwrap();
        let st = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(dir).status().unwrap();
        assert!(st.success(), "mounting a tmpfs failed: these tests need root (CI runs as root)");
        Mount(dir.to_path_buf())
    }
    fn remount(&self, opt: &str) {
        let st = Command::new("mount").args(["-o", &format!("remount,{opt}")]).arg(&self.0).status().unwrap();
        assert!(st.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn partial_metas(root: &Path) -> Vec<String> {
    tree(root).into_iter().filter(|(p, _)| p.contains(".umcp-") || p.ends_with(".tmp")).map(|(p, _)| p).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_disk_is_resource_exhausted_and_refresh_repairs() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("disk");
    let m = Mount::tmpfs(&mnt, "512k");
    let project = mnt.join("project");
    unity_mcp_server::sample::write_sample(&project).unwrap();
    // Fill what is left.
    let filler = mnt.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let s = start_on(dir, &project, Config::default()).await;
    let mut c = s.client().await;
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Docs/README.md".into() }).await.unwrap().into_inner();
    let e = r.error.expect("import on a full disk must fail");
    assert_eq!(e.code, 8, "{e:?}");
    assert!(e.message.contains("No space left") || e.details.contains("StorageFull"), "{e:?}");
    assert!(!project.join("Assets/Docs/README.md.meta").exists());
    assert!(partial_metas(&project).is_empty(), "partial .meta left: {:?}", partial_metas(&project));
    // The server still answers what needs no space.
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Scripts/Player.cs".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());
    std::fs::remove_file(&filler).unwrap();
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert!(r.success, "{r:?}");
    assert!(project.join("Assets/Docs/README.md.meta").is_file());
    drop(s);
    drop(m);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_folder_is_failed_precondition_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("disk");
    let m = Mount::tmpfs(&mnt, "4m");
    let project = mnt.join("project");
    unity_mcp_server::sample::write_sample(&project).unwrap();
    m.remount("ro");
    let before = tree(&project);
    let s = start_on(dir, &project, Config::default()).await;
    let mut c = s.client().await;
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Docs/README.md".into() }).await.unwrap().into_inner();
    let e = r.error.expect("import on a read-only disk must fail");
    assert_eq!(e.code, 9, "{e:?}");
    assert!(e.message.to_lowercase().contains("read-only"), "{e:?}");
    let r = c.move_asset(pb::MoveAssetRequest { src_path: "Assets/Scripts/Player.cs".into(), dst_path: "Assets/Player.cs".into() }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(9));
    let r = c.delete_asset(pb::DeleteAssetRequest { asset_path: "Assets/Audio".into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(r.error.map(|e| e.code), Some(9));
    // Reads still work.
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Scripts/Player.cs".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());
    assert_eq!(tree(&project), before, "a read-only project changed");
    m.remount("rw");
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert!(r.success && r.metas_created > 0, "{r:?}");
    drop(s);
    drop(m);
}
