//! The bidirectional Stream over real gRPC: one answer per request, in order, no stall.

mod common;

use common::start;
use std::time::Duration;
use tokio_stream::wrappers::ReceiverStream;
use unity_mcp_wire::pb::{self, stream_request::Message as Req, stream_response::Message as Resp};

fn import(id: u64, p: &str) -> pb::StreamRequest {
    pb::StreamRequest { id, message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: p.into() })) }
}
fn mv(id: u64, s: &str, d: &str) -> pb::StreamRequest {
    pb::StreamRequest { id, message: Some(Req::MoveAsset(pb::MoveAssetRequest { src_path: s.into(), dst_path: d.into() })) }
}
fn del(id: u64, p: &str) -> pb::StreamRequest {
    pb::StreamRequest { id, message: Some(Req::DeleteAsset(pb::DeleteAssetRequest { asset_path: p.into(), ..Default::default() })) }
}

/// A liveness guard, not a timing goal: a hang fails the test instead of the suite.
const LIVENESS: Duration = Duration::from_secs(60);

#[tokio::test]
async fn thousand_pipelined_mixed_operations_answer_in_order() {
    let s = start().await;
    let p = s.project();
    for i in 0..50 {
        std::fs::write(p.join(format!("Assets/Data/gen{i}.txt")), "x").unwrap();
    }
    let mut reqs = Vec::new();
    let mut expect = Vec::new();
    for i in 0..1000u64 {
        let k = i % 50;
        let (req, want): (pb::StreamRequest, &str) = match i % 5 {
            0 => (import(i, "Assets/Textures/player.png"), "ok"),
            1 => (import(i, &format!("Assets/Data/gen{k}.txt")), "ok"),
            // Round trips: move out and back, so every move succeeds in order.
            2 => (mv(i, "Assets/Textures/enemy.png", "Assets/enemy_tmp.png"), "ok"),
            3 => (mv(i, "Assets/enemy_tmp.png", "Assets/Textures/enemy.png"), "ok"),
            _ => (del(i, &format!("Assets/Missing/x{k}.png")), "5"),
        };
        reqs.push(req);
        expect.push(want);
    }
    reqs.push(pb::StreamRequest { id: 1000, message: None });
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        for r in reqs {
            tx.send(r).await.unwrap();
        }
    });
    let mut c = s.client().await;
    let mut answers = c.stream(ReceiverStream::new(rx)).await.unwrap().into_inner();
    let mut got = 0u64;
    let enemy_guid = unity_mcp_server::sample::sample_guid("Assets/Textures/enemy.png").to_string();
    tokio::time::timeout(LIVENESS, async {
        while let Some(r) = answers.message().await.unwrap() {
            assert_eq!(r.id, got, "answers out of order");
            if got == 1000 {
                assert!(r.message.is_none());
                assert_eq!(r.error.unwrap().code, 3);
            } else {
                let err = match r.message.unwrap() {
                    Resp::ImportAsset(x) => x.error,
                    Resp::MoveAsset(x) => {
                        if x.error.is_none() {
                            assert_eq!(x.asset.unwrap().guid, enemy_guid, "GUID changed on move");
                        }
                        x.error
                    }
                    Resp::DeleteAsset(x) => x.error,
                    Resp::Refresh(x) => x.error,
                    other => panic!("unexpected answer {other:?}"),
                };
                match expect[got as usize] {
                    "ok" => assert!(err.is_none(), "request {got}: {err:?}"),
                    code => assert_eq!(err.map(|e| e.code.to_string()).as_deref(), Some(code), "request {got}"),
                }
            }
            got += 1;
        }
    })
    .await
    .expect("stream stalled");
    assert_eq!(got, 1001, "one answer per request");
}

#[tokio::test]
async fn one_request_in_flight_never_stalls() {
    let s = start().await;
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let mut c = s.client().await;
    let mut answers = c.stream(ReceiverStream::new(rx)).await.unwrap().into_inner();
    tokio::time::timeout(LIVENESS, async {
        for i in 0..200u64 {
            tx.send(import(i, "Assets/Scenes/Main.unity")).await.unwrap();
            let r = answers.message().await.unwrap().expect("answer");
            assert_eq!(r.id, i);
            let Some(Resp::ImportAsset(x)) = r.message else { panic!("wrong kind") };
            assert_eq!(x.asset.unwrap().r#type, "SceneAsset");
        }
    })
    .await
    .expect("stalled with one request in flight");
    drop(tx);
    assert!(answers.message().await.unwrap().is_none(), "stream should end after the client half-closes");
}

#[tokio::test]
async fn invalid_requests_get_error_answers_and_the_stream_goes_on() {
    let s = start().await;
    let reqs = vec![
        pb::StreamRequest { id: 1, message: None },
        import(2, "../../etc/passwd"),
        mv(3, "Assets/a\0", "Assets/b"),
        pb::StreamRequest { id: 4, message: Some(Req::Refresh(pb::RefreshRequest {})) },
    ];
    let mut c = s.client().await;
    let mut answers = c.stream(tokio_stream::iter(reqs)).await.unwrap().into_inner();
    let mut codes = Vec::new();
    while let Some(r) = answers.message().await.unwrap() {
        let code = r.operation_error().map(|e| e.code);
        codes.push((r.id, code));
    }
    assert_eq!(codes, vec![(1, Some(3)), (2, Some(3)), (3, Some(3)), (4, None)]);
}

#[tokio::test]
async fn oversized_message_ends_the_stream_with_a_status() {
    let s = start().await;
    let huge = format!("Assets/{}", "a".repeat(200 * 1024));
    let mut c = s.client().await;
    let res = c.stream(tokio_stream::iter(vec![import(1, &huge)])).await;
    let status = match res {
        Err(st) => st,
        Ok(r) => {
            let mut answers = r.into_inner();
            loop {
                match answers.message().await {
                    Err(st) => break st,
                    Ok(Some(_)) => panic!("an oversized message was answered"),
                    Ok(None) => panic!("stream ended without a status"),
                }
            }
        }
    };
    assert!(matches!(status.code(), tonic::Code::OutOfRange | tonic::Code::ResourceExhausted), "{status:?}");
    // The server keeps serving others.
    let r = s.client().await.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner();
    assert!(r.project.is_some());
}
