//! The bidirectional Stream: one answer per request, in request order.
//!
//! A reader task takes one request at a time from the client, runs it and hands the
//! answer to a bounded channel feeding the response stream. When the client stops
//! reading answers, the channel fills, the reader stops reading requests, and HTTP/2
//! flow control pushes back on the client: memory per stream stays bounded by the
//! channel's capacity.

use crate::service::{answer, McpService};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Status, Streaming};
use unity_mcp_wire::pb;

/// Starts serving one stream; returns the response stream.
pub fn serve_stream(svc: McpService, mut inbound: Streaming<pb::StreamRequest>) -> ReceiverStream<Result<pb::StreamResponse, Status>> {
    let (tx, rx) = tokio::sync::mpsc::channel(svc.limits().stream_window.max(1));
    tokio::spawn(async move {
        loop {
            let req = match inbound.message().await {
                Ok(Some(req)) => req,
                Ok(None) => break,
                Err(status) => {
                    tracing::debug!(%status, "stream ended by a transport error");
                    let _ = tx.send(Err(status)).await;
                    break;
                }
            };
            let resp = answer(&svc, &req).await;
            if tx.send(Ok(resp)).await.is_err() {
                // The client went away; nothing more to answer.
                break;
            }
        }
    });
    ReceiverStream::new(rx)
}
