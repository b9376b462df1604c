//! Clients other than tonic (grpcio, grpc-go, grpc-java) send each message in its own
//! HTTP/2 DATA frame. When such a client pipelines far beyond the window, the frames
//! wait in the server's HTTP/2 buffer; h2 counts small buffered frames against a
//! budget and closes the connection (GOAWAY ENHANCE_YOUR_CALM) past it. The server's
//! windows must keep a blocked stream within that budget, so such a client gets
//! backpressure, not a dropped connection.

mod common;

use bytes::Bytes;
use prost::Message;
use unity_mcp_wire::pb::{self, stream_request::Message as Req};

/// HTTP/2's largest window.
const CLIENT_CONNECTION_WINDOW_BYTES: u32 = (1 << 31) - 1;

/// One gRPC message (5-byte prefix + protobuf) as its own DATA frame payload.
fn frame(msg: &pb::StreamRequest) -> Bytes {
    let body = msg.encode_to_vec();
    let mut out = Vec::with_capacity(5 + body.len());
    out.push(0);
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    Bytes::from(out)
}

/// Splits a gRPC response body into messages.
fn messages(mut buf: &[u8]) -> Vec<pb::StreamResponse> {
    let mut out = Vec::new();
    while buf.len() >= 5 {
        let len = u32::from_be_bytes([buf[1], buf[2], buf[3], buf[4]]) as usize;
        out.push(pb::StreamResponse::decode(&buf[5..5 + len]).expect("a StreamResponse"));
        buf = &buf[5 + len..];
    }
    assert!(buf.is_empty(), "a truncated message at the end of the body");
    out
}

async fn pipeline_tiny_frames(n: u64, make: impl Fn(u64) -> pb::StreamRequest + Send + Sync + 'static) -> Vec<pb::StreamResponse> {
    let mut per_stream = pipeline_streams(1, n, move |_, i| make(i)).await;
    per_stream.pop().unwrap_or_default()
}

/// Opens `streams` Streams at once on one HTTP/2 connection; each sends `n` requests,
/// one DATA frame each, as fast as flow control lets it, while its answers are read.
async fn pipeline_streams(
    streams: usize,
    n: u64,
    make: impl Fn(usize, u64) -> pb::StreamRequest + Send + Sync + 'static,
) -> Vec<Vec<pb::StreamResponse>> {
    let s = common::start().await;
    let tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    // The client's own h2 applies the same small-frame budget to the answers it has
    // not read yet (half its connection window): with the 64 KiB default, 100 streams
    // of short answers read by tasks a starved CPU delays trip it, and the client,
    // not the server, closes the connection. Real gRPC clients open large windows.
    let (client, conn) = h2::client::Builder::new()
        .initial_connection_window_size(CLIENT_CONNECTION_WINDOW_BYTES)
        .handshake::<_, Bytes>(tcp)
        .await
        .unwrap();
    let conn = tokio::spawn(conn);
    let make = std::sync::Arc::new(make);
    let mut calls = Vec::new();
    for stream in 0..streams {
        let mut client = client.clone().ready().await.unwrap();
        let req = http::Request::post(format!("http://{}/unity.mcp.v1.UnityMcpService/Stream", s.addr))
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .body(())
            .unwrap();
        let (response, mut send) = client.send_request(req, false).unwrap();
        let make = make.clone();
        let sender = tokio::spawn(async move {
            for i in 0..n {
                let data = frame(&make(stream, i));
                send.reserve_capacity(data.len());
                loop {
                    match std::future::poll_fn(|cx| send.poll_capacity(cx)).await {
                        Some(Ok(c)) if c >= data.len() => break,
                        Some(Ok(_)) => continue,
                        Some(Err(e)) => panic!("sending request {i}: {e}"),
                        None => panic!("sending request {i}: stream closed"),
                    }
                }
                send.send_data(data, i + 1 == n).unwrap();
            }
        });
        calls.push(tokio::spawn(async move {
            let response = response.await.expect("response headers");
            assert_eq!(response.status(), 200);
            let mut body = response.into_body();
            let mut bytes = Vec::new();
            while let Some(chunk) = body.data().await {
                let chunk = chunk.unwrap_or_else(|e| panic!("the server dropped the stream after {} bytes: {e}", bytes.len()));
                body.flow_control().release_capacity(chunk.len()).unwrap();
                bytes.extend_from_slice(&chunk);
            }
            let trailers = body.trailers().await.unwrap().expect("trailers");
            assert_eq!(trailers.get("grpc-status").map(|v| v.as_bytes()), Some(&b"0"[..]), "{trailers:?}");
            sender.await.unwrap();
            messages(&bytes)
        }));
    }
    let mut out = Vec::new();
    for c in calls {
        out.push(c.await.unwrap());
    }
    drop(client);
    conn.abort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_frame_per_message_clients_get_backpressure_not_goaway() {
    // Lookups of a missing asset: the smallest requests that still do real work.
    let n = 20_000;
    let answers = pipeline_tiny_frames(n, |i| pb::StreamRequest {
        id: i,
        message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: "Assets/x".into() })),
    })
    .await;
    assert_eq!(answers.len() as u64, n);
    for (i, a) in answers.iter().enumerate() {
        assert_eq!(a.id, i as u64);
        match &a.message {
            Some(pb::stream_response::Message::ImportAsset(r)) => assert_eq!(r.error.as_ref().map(|e| e.code), Some(5)),
            other => panic!("answer {i}: {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_smallest_frames_possible_still_get_backpressure() {
    // A request with no operation encodes to nothing: 5-byte frames, the most a
    // stream window can hold. Each gets its error answer; the connection survives.
    let n = 10_000;
    let answers = pipeline_tiny_frames(n, |_| pb::StreamRequest { id: 0, message: None }).await;
    assert_eq!(answers.len() as u64, n);
    for a in &answers {
        assert_eq!(a.error.as_ref().map(|e| e.code), Some(3), "{a:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_storm_in_tiny_frames_is_answered_in_full() {
    let n = 5_000;
    let answers = pipeline_tiny_frames(n, |_| pb::StreamRequest { id: 0, message: Some(Req::Refresh(pb::RefreshRequest {})) }).await;
    assert_eq!(answers.len() as u64, n);
    for a in &answers {
        match &a.message {
            Some(pb::stream_response::Message::Refresh(r)) => assert!(r.success && r.error.is_none(), "{r:?}"),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_blocked_streams_on_one_connection_all_get_answers() {
    // grpcio and grpc-go put every call of a channel on one connection: 100 Streams,
    // each pipelining 1,000 short imports, all blocked at once, share one h2 budget.
    let (streams, n) = (100, 1_000);
    // Each stream its own path: operations on one path run one at a time, in order.
    let all = pipeline_streams(streams, n, |stream, i| pb::StreamRequest {
        id: i,
        message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: format!("Assets/x{stream}") })),
    })
    .await;
    assert_eq!(all.len(), streams);
    for answers in all {
        assert_eq!(answers.len() as u64, n);
        for (i, a) in answers.iter().enumerate() {
            assert_eq!(a.id, i as u64);
        }
    }
}
