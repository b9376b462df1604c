//! CreateScript and ValidateScript over gRPC (unary and Stream members 17/18), the
//! diagnostics of script writes, and ProjectInfo.editor_running from a real lock on
//! Temp/UnityLockfile.

mod common;

use unity_mcp_wire::pb::{self, stream_request::Message as Req, stream_response::Message as Resp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_then_validate_then_fix() {
    let s = common::start().await;
    let mut c = s.client().await;
    let created = c
        .create_script(pb::CreateScriptRequest { asset_path: "Assets/Gameplay/Turret.cs".into(), kind: String::new(), namespace: "Game".into() })
        .await
        .unwrap()
        .into_inner();
    assert!(created.error.is_none(), "{created:?}");
    let asset = created.asset.clone().unwrap();
    assert_eq!((asset.asset_path.as_str(), asset.r#type.as_str()), ("Assets/Gameplay/Turret.cs", "MonoScript"));
    assert_eq!(created.folders_created.len(), 1);
    assert!(created.text.contains("namespace Game\n{\n    public class Turret : MonoBehaviour"), "{}", created.text);
    assert!(created.diagnostics.is_empty(), "{:?}", created.diagnostics);
    let on_disk = std::fs::read_to_string(s.project().join("Assets/Gameplay/Turret.cs")).unwrap();
    assert_eq!(on_disk, created.text);
    let meta = std::fs::read_to_string(s.project().join("Assets/Gameplay/Turret.cs.meta")).unwrap();
    assert!(meta.contains(&format!("guid: {}", asset.guid)));

    // Again: code 6, nothing changed.
    let again = c.create_script(pb::CreateScriptRequest { asset_path: "Assets/Gameplay/Turret.cs".into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(again.error.map(|e| e.code), Some(6));
    // A keyword as the name: code 3; an EditorWindow in a player folder: code 9.
    let kw = c.create_script(pb::CreateScriptRequest { asset_path: "Assets/Gameplay/event.cs".into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(kw.error.map(|e| e.code), Some(3));
    let win = c
        .create_script(pb::CreateScriptRequest { asset_path: "Assets/Gameplay/Tool.cs".into(), kind: "EditorWindow".into(), namespace: String::new() })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(win.error.as_ref().map(|e| e.code), Some(9), "{win:?}");

    // A broken edit still writes, and says what is wrong where.
    let broken = on_disk.replace("void Start()", "void Start(");
    let w = c.write_text(pb::WriteTextRequest { asset_path: "Assets/Gameplay/Turret.cs".into(), text: broken.clone(), expected_sha256: String::new() }).await.unwrap().into_inner();
    assert!(w.error.is_none());
    let line = broken.lines().position(|l| l.contains("void Start(")).unwrap() as u32 + 1;
    assert!(w.diagnostics.iter().any(|d| d.rule == "syntax" && d.severity == "error" && d.line == line), "{:?}", w.diagnostics);
    // ValidateScript of the file, and of a proposed text, changes nothing.
    let v = c.validate_script(pb::ValidateScriptRequest { asset_path: "Assets/Gameplay/Turret.cs".into(), text: String::new() }).await.unwrap().into_inner();
    assert_eq!(v.assembly, "Assembly-CSharp");
    assert_eq!(v.diagnostics, w.diagnostics);
    let v = c.validate_script(pb::ValidateScriptRequest { asset_path: "Assets/Gameplay/Turret.cs".into(), text: on_disk.clone() }).await.unwrap().into_inner();
    assert!(v.diagnostics.is_empty() && v.error.is_none(), "{v:?}");
    assert_eq!(std::fs::read_to_string(s.project().join("Assets/Gameplay/Turret.cs")).unwrap(), broken);
    let none = c.validate_script(pb::ValidateScriptRequest::default()).await.unwrap().into_inner();
    assert_eq!(none.error.map(|e| e.code), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_members_17_and_18_answer_in_order() {
    let s = common::start().await;
    let mut c = s.client().await;
    let reqs = vec![
        Req::CreateScript(pb::CreateScriptRequest { asset_path: "Assets/S/Ammo.cs".into(), kind: "ScriptableObject".into(), namespace: String::new() }),
        Req::ValidateScript(pb::ValidateScriptRequest { asset_path: "Assets/S/Ammo.cs".into(), text: String::new() }),
        Req::CreateScript(pb::CreateScriptRequest { asset_path: "Assets/S/Ammo.cs".into(), kind: "class".into(), namespace: String::new() }),
        Req::ValidateScript(pb::ValidateScriptRequest { asset_path: String::new(), text: "class X { void F() { int = ; } }".into() }),
    ];
    let stream = tokio_stream::iter(reqs.into_iter().enumerate().map(|(i, m)| pb::StreamRequest { message: Some(m), id: i as u64 + 1 }));
    let mut answers = c.stream(stream).await.unwrap().into_inner();
    let mut got = Vec::new();
    while let Some(a) = answers.message().await.unwrap() {
        got.push(a);
    }
    assert_eq!(got.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(matches!(&got[0].message, Some(Resp::CreateScript(r)) if r.error.is_none() && r.text.contains("[CreateAssetMenu")));
    // The validation runs after the creation (arrival order): the file is there.
    assert!(matches!(&got[1].message, Some(Resp::ValidateScript(r)) if r.error.is_none() && r.diagnostics.is_empty() && r.assembly == "Assembly-CSharp"), "{:?}", got[1]);
    assert!(matches!(&got[2].message, Some(Resp::CreateScript(r)) if r.error.as_ref().map(|e| e.code) == Some(6)));
    assert!(matches!(&got[3].message, Some(Resp::ValidateScript(r)) if r.diagnostics.iter().any(|d| d.rule == "syntax" && d.line == 1)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_running_follows_the_lock_not_the_file() {
    let s = common::start().await;
    let mut c = s.client().await;
    let info = |c: &mut common::Client| {
        let mut c = c.clone();
        async move { c.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner().project.unwrap().editor_running }
    };
    assert!(!info(&mut c).await, "no Temp/UnityLockfile");
    let temp = s.project().join("Temp");
    std::fs::create_dir_all(&temp).unwrap();
    let lockfile = temp.join("UnityLockfile");
    std::fs::write(&lockfile, b"").unwrap();
    assert!(!info(&mut c).await, "a leftover lock file nobody holds");
    // What the Editor does: on Windows it keeps the file open unshared; on Linux and
    // macOS it locks it.
    let held = hold(&lockfile);
    assert!(info(&mut c).await, "another open file holds the lock");
    drop(held);
    assert!(!info(&mut c).await, "released");
    // A POSIX record lock (fcntl) from another process counts too.
    #[cfg(unix)]
    if let Some(mut child) = posix_lock_in_another_process(&lockfile) {
        assert!(info(&mut c).await, "an fcntl lock of another process");
        let _ = child.kill();
        let _ = child.wait();
        assert!(!info(&mut c).await, "the process is gone");
    }
}

#[cfg(windows)]
fn hold(path: &std::path::Path) -> std::fs::File {
    use std::os::windows::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).write(true).share_mode(0).open(path).unwrap()
}

#[cfg(unix)]
fn hold(path: &std::path::Path) -> std::fs::File {
    let f = std::fs::OpenOptions::new().read(true).write(true).open(path).unwrap();
    f.lock().unwrap();
    f
}

/// A Python process holding `lockf` on `path` (printing "ready" once it does), when a
/// Python is at hand (CI's UNITY_MCP_PYTHON, else python3).
#[cfg(unix)]
fn posix_lock_in_another_process(path: &std::path::Path) -> Option<std::process::Child> {
    use std::io::BufRead;
    let python = std::env::var("UNITY_MCP_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import fcntl, sys, time\nf = open(sys.argv[1], 'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('ready', flush=True)\ntime.sleep(60)\n";
    let mut child = std::process::Command::new(python).arg("-c").arg(script).arg(path).stdout(std::process::Stdio::piped()).spawn().ok()?;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take()?).read_line(&mut line).ok()?;
    (line.trim() == "ready").then_some(child)
}
