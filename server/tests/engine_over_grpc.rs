//! The engine's limits seen from real gRPC clients: stop-reading backpressure with a
//! client that never reads, the connection limit, health under overload, quiescence.

mod common;

use common::start_with;
use std::time::Duration;
use tokio_stream::wrappers::ReceiverStream;
use unity_mcp_engine::sched::EngineConfig;
use unity_mcp_wire::pb::{self, stream_request::Message as Req};

fn import(id: u64, p: &str) -> pb::StreamRequest {
    pb::StreamRequest { id, message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: p.into() })) }
}

/// Polls `cond` until true (a liveness bound, not a timing goal).
async fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..600 {
        if cond() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_bounded_and_others_are_served() {
    let engine = EngineConfig { window_per_conn: 16, ..EngineConfig::default() };
    let s = start_with(engine).await;
    // The hog sends as fast as HTTP/2 lets it and never reads an answer.
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    let probe = tx.clone();
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let sent2 = sent.clone();
    tokio::spawn(async move {
        for i in 0..1_000_000u64 {
            if tx.send(import(i, "Assets/Textures/player.png")).await.is_err() {
                break;
            }
            sent2.store(i + 1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    let mut hog = s.client().await;
    let _answers = hog.stream(ReceiverStream::new(rx)).await.unwrap().into_inner();
    // The hog fills its window, then the server stops reading it.
    let driver = s.driver.clone();
    eventually("the hog's window fills", || driver.stats().buffered_requests >= 16).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let st = s.driver.stats();
    assert!(st.buffered_requests <= 16, "server buffered beyond the window: {st:?}");
    assert!(s.driver.metrics().backpressure_events >= 1);
    // The hog is stopped, by one of two events, waited for with a generous deadline
    // (not a fixed pause): flow control stalls it (tonic stops taking its messages, so
    // its 64-message queue is full and its count stands still between two looks), or
    // HTTP/2 ends its call (h2 refuses a flood of small DATA frames with GOAWAY
    // ENHANCE_YOUR_CALM, and the call's request stream is dropped).
    let load = || sent.load(std::sync::atomic::Ordering::Relaxed);
    let stalled = async {
        loop {
            let before = load();
            let full_before = probe.capacity() == 0;
            tokio::time::sleep(Duration::from_millis(50)).await;
            let after = load();
            if probe.is_closed() || (full_before && probe.capacity() == 0 && after == before) {
                return after;
            }
        }
    };
    let after = tokio::time::timeout(Duration::from_secs(60), stalled)
        .await
        .unwrap_or_else(|_| panic!("the hog kept sending for 60 s ({} requests): flow control never pushed back", load()));
    // The HTTP/2 windows (server receive window + the client's send buffer, under 1 MiB
    // together) hold some tens of thousands of 40-byte requests at most.
    assert!(after < 100_000, "the hog sent {after} requests before stalling");
    let st = s.driver.stats();
    assert!(st.buffered_requests <= 16, "server buffered beyond the window: {st:?}");
    eprintln!("hog stalled after {after} requests; server holds {}", s.driver.stats().buffered_requests);

    // Others keep being served: a stream and unary calls.
    let mut c = s.client().await;
    let reqs: Vec<_> = (0..200).map(|i| import(i, "Assets/Scenes/Main.unity")).collect();
    let mut answers = c.stream(tokio_stream::iter(reqs)).await.unwrap().into_inner();
    let mut n = 0;
    while let Some(r) = tokio::time::timeout(Duration::from_secs(30), answers.message()).await.expect("starved").unwrap() {
        assert_eq!(r.id, n);
        n += 1;
    }
    assert_eq!(n, 200);
    let r = c.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner();
    assert!(r.project.is_some());
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Audio/laser.wav".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());

    // Health answers under the overload.
    let channel = tonic::transport::Channel::from_shared(s.url()).unwrap().connect().await.unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let h = health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap().into_inner();
    assert_eq!(h.status, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_beyond_max_connections_are_refused_clearly() {
    let s = start_with(EngineConfig { max_connections: 2, ..EngineConfig::default() }).await;
    let mut keep = Vec::new();
    for _ in 0..2 {
        let (tx, rx) = tokio::sync::mpsc::channel::<pb::StreamRequest>(1);
        let mut c = s.client().await;
        let answers = c.stream(ReceiverStream::new(rx)).await.unwrap().into_inner();
        keep.push((tx, answers));
    }
    let mut c = s.client().await;
    let err = c.stream(tokio_stream::iter(vec![import(1, "Assets/Data/levels.json")])).await.unwrap_err();
    assert_eq!(err.code(), tonic::Code::ResourceExhausted);
    assert!(err.message().contains("max_connections"), "{}", err.message());
    // Unary calls are not connections: still served.
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Data/levels.json".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());
    // Closing one frees a place.
    keep.pop();
    let driver = s.driver.clone();
    eventually("a stream slot frees", || driver.stats().stream_connections < 2).await;
    let mut answers = c.stream(tokio_stream::iter(vec![import(7, "Assets/Data/levels.json")])).await.unwrap().into_inner();
    assert_eq!(answers.message().await.unwrap().unwrap().id, 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_is_released_when_clients_leave() {
    let s = start_with(EngineConfig::default()).await;
    for round in 0..5u64 {
        let (tx, rx) = tokio::sync::mpsc::channel(256);
        let mut c = s.client().await;
        let mut answers = c.stream(ReceiverStream::new(rx)).await.unwrap().into_inner();
        for i in 0..300 {
            tx.send(import(i, "Assets/Models/ship.obj")).await.unwrap();
        }
        // Read a few answers, then vanish mid-stream.
        for _ in 0..(round * 20) {
            answers.message().await.unwrap();
        }
        drop(answers);
        drop(tx);
    }
    let driver = s.driver.clone();
    eventually("connections, jobs and buffers drain to zero", || {
        let st = driver.stats();
        st.connections == 0 && st.live_jobs == 0 && st.buffered_requests == 0 && st.buffered_bytes == 0 && st.busy_workers == 0
    })
    .await;
    let pool = s.driver.db().buffers().stats();
    assert_eq!(pool.outstanding, 0, "a pooled buffer leaked: {pool:?}");
    assert!(pool.idle <= pool.max_idle);
}

#[test]
fn grpc_timeout_values_parse() {
    use unity_mcp_server::service::parse_grpc_timeout;
    assert_eq!(parse_grpc_timeout("100m"), Some(100_000));
    assert_eq!(parse_grpc_timeout("5S"), Some(5_000_000));
    assert_eq!(parse_grpc_timeout("2M"), Some(120_000_000));
    assert_eq!(parse_grpc_timeout("1H"), Some(3_600_000_000));
    assert_eq!(parse_grpc_timeout("1500u"), Some(1_500));
    assert_eq!(parse_grpc_timeout("2000n"), Some(2));
    for bad in ["", "m", "10", "10x", "-1m", "1234567890S"] {
        assert_eq!(parse_grpc_timeout(bad), None, "{bad}");
    }
}
