//! ReadText, WriteText and EditText over gRPC: unary, as Stream members 11-13 in
//! order, and many concurrent edits of one file with preconditions (no lost update).

mod common;

use unity_mcp_wire::pb::{self, stream_request::Message as Req, stream_response::Message as Resp};

fn insert_at_start(text: &str, expected_sha256: &str) -> pb::EditTextRequest {
    pb::EditTextRequest {
        asset_path: "Assets/Notes/log.txt".into(),
        edits: vec![pb::TextEdit { start_line: 1, start_column: 1, end_line: 1, end_column: 1, new_text: text.into() }],
        expected_sha256: expected_sha256.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unary_text_calls_round_trip_and_keep_crlf() {
    let s = common::start().await;
    let mut c = s.client().await;
    let w = c.write_text(pb::WriteTextRequest { asset_path: "Assets/Notes/a.txt".into(), text: "one\ntwo\n".into(), expected_sha256: String::new() }).await.unwrap().into_inner();
    assert!(w.error.is_none() && w.created, "{w:?}");
    assert_eq!(w.folders_created.len(), 1);
    assert!(s.project().join("Assets/Notes.meta").is_file() && s.project().join("Assets/Notes/a.txt.meta").is_file());
    // A CRLF file edited: CRLF stays, only the span changes.
    std::fs::write(s.project().join("Assets/Notes/a.txt"), b"one\r\ntwo\r\n").unwrap();
    let r = c.read_text(pb::ReadTextRequest { asset_path: "Assets/Notes/a.txt".into(), start_line: 2, line_count: 1 }).await.unwrap().into_inner();
    assert_eq!((r.text.as_str(), r.total_lines, r.line_ending.as_str()), ("two\r\n", 2, "crlf"), "{r:?}");
    let e = c
        .edit_text(pb::EditTextRequest {
            asset_path: "Assets/Notes/a.txt".into(),
            edits: vec![pb::TextEdit { start_line: 2, start_column: 4, end_line: 2, end_column: 4, new_text: "\nthree".into() }],
            expected_sha256: r.sha256.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(e.error.is_none(), "{e:?}");
    assert_eq!(std::fs::read(s.project().join("Assets/Notes/a.txt")).unwrap(), b"one\r\ntwo\r\nthree\r\n");
    // The stale hash: code 10, nothing written.
    let stale = c.write_text(pb::WriteTextRequest { asset_path: "Assets/Notes/a.txt".into(), text: "x".into(), expected_sha256: r.sha256 }).await.unwrap().into_inner();
    assert_eq!(stale.error.map(|e| e.code), Some(10));
    assert_eq!(std::fs::read(s.project().join("Assets/Notes/a.txt")).unwrap(), b"one\r\ntwo\r\nthree\r\n");
    // A .meta is the server's: code 3.
    let meta = c.read_text(pb::ReadTextRequest { asset_path: "Assets/Notes/a.txt.meta".into(), ..Default::default() }).await.unwrap().into_inner();
    assert_eq!(meta.error.map(|e| e.code), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_members_answer_in_order() {
    let s = common::start().await;
    let mut c = s.client().await;
    let reqs = vec![
        Req::WriteText(pb::WriteTextRequest { asset_path: "Assets/Notes/log.txt".into(), text: "start\n".into(), expected_sha256: String::new() }),
        Req::EditText(insert_at_start("first\n", "")),
        Req::ReadText(pb::ReadTextRequest { asset_path: "Assets/Notes/log.txt".into(), start_line: 0, line_count: 0 }),
    ];
    let stream = tokio_stream::iter(reqs.into_iter().enumerate().map(|(i, m)| pb::StreamRequest { message: Some(m), id: i as u64 + 1 }));
    let mut answers = c.stream(stream).await.unwrap().into_inner();
    let mut got = Vec::new();
    while let Some(a) = answers.message().await.unwrap() {
        got.push(a);
    }
    assert_eq!(got.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2, 3]);
    match &got[2].message {
        Some(Resp::ReadText(r)) => assert_eq!(r.text, "first\nstart\n", "{r:?}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&got[0].message, Some(Resp::WriteText(w)) if w.error.is_none()));
    assert!(matches!(&got[1].message, Some(Resp::EditText(e)) if e.error.is_none()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_edits_with_preconditions_lose_no_update() {
    let s = common::start().await;
    let mut c = s.client().await;
    c.write_text(pb::WriteTextRequest { asset_path: "Assets/Notes/log.txt".into(), text: String::new(), expected_sha256: String::new() }).await.unwrap();
    // Each agent reads, then edits against what it read; on code 10 it reads again.
    let mut tasks = Vec::new();
    for i in 0..50 {
        let mut c = s.client().await;
        tasks.push(tokio::spawn(async move {
            let mut conflicts = 0;
            loop {
                let r = c.read_text(pb::ReadTextRequest { asset_path: "Assets/Notes/log.txt".into(), ..Default::default() }).await.unwrap().into_inner();
                let e = c.edit_text(insert_at_start(&format!("agent {i}\n"), &r.sha256)).await.unwrap().into_inner();
                match e.error.map(|e| e.code) {
                    None => return conflicts,
                    Some(10) => conflicts += 1,
                    Some(other) => panic!("agent {i}: code {other}"),
                }
            }
        }));
    }
    let mut conflicts = 0;
    for t in tasks {
        conflicts += t.await.unwrap();
    }
    let text = std::fs::read_to_string(s.project().join("Assets/Notes/log.txt")).unwrap();
    for i in 0..50 {
        assert!(text.lines().any(|l| l == format!("agent {i}")), "agent {i}'s edit was lost ({conflicts} conflicts answered 10)");
    }
    assert_eq!(text.lines().count(), 50);
}
