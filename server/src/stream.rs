//! The bidirectional Stream: one answer per request, in request order, bounded memory.
//!
//! A reader task feeds requests to the engine only while the engine wants more from
//! this connection (`ConnHandle::readable`): when the window or the global budget is
//! full it stops reading, so HTTP/2 flow control pushes back on the client and nothing
//! is dropped. The response stream takes answers from the engine in order as they are
//! ready. When the client goes away, the response stream is dropped, which stops the
//! reader and tells the engine (queued work is dropped, running work finishes).

use crate::convert::{self, OpKind};
use crate::driver::{ConnHandle, Ctx, Driver, TaskGuard};
use futures::Stream;
use prost::Message;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use tonic::{Status, Streaming};
use unity_mcp_engine::sched::{Answer, ConnKind, Submission};
use unity_mcp_engine::OpError;
use unity_mcp_wire::pb;

/// What the reader tells the response side.
#[derive(Default)]
struct ReadState {
    /// The reader has stopped (client half-closed, or a transport error).
    done: bool,
    /// The transport error that stopped it, to end the response stream with.
    error: Option<Status>,
}

struct Shared {
    state: Mutex<ReadState>,
    /// Notified when the reader stops.
    stopped: Notify,
}

/// Aborts the reader when the response stream is dropped (client gone).
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The answer to one request, on the wire.
fn to_wire(a: Answer<Ctx>) -> pb::StreamResponse {
    match a.ctx.kind {
        Some(kind) => convert::stream_response(a.ctx.id, kind, a.result),
        None => {
            let e = a.result.err().unwrap_or_else(convert::empty_request_error);
            convert::stream_error_response(a.ctx.id, &e)
        }
    }
}

/// Validates one request into a submission for the engine.
fn submission(req: &pb::StreamRequest, deadline_us: Option<u64>) -> Submission<Ctx> {
    let bytes = req.encoded_len() as u32;
    let (id, decoded) = convert::decode_stream_request(req);
    let (kind, work): (Option<OpKind>, Result<_, OpError>) = match decoded {
        Some((kind, work)) => (Some(kind), work),
        None => (None, Err(convert::empty_request_error())),
    };
    Submission { work, ctx: Ctx { id, kind }, deadline_us, bytes, trace: id }
}

async fn read_loop(conn: Arc<ConnHandle>, mut inbound: Streaming<pb::StreamRequest>, shared: Arc<Shared>, deadline_us: Option<u64>) {
    let _live = TaskGuard::new(conn.driver());
    let error = loop {
        conn.readable().await;
        match inbound.message().await {
            Ok(Some(req)) => {
                if conn.submit(submission(&req, deadline_us)).is_none() {
                    break None;
                }
            }
            Ok(None) => break None,
            Err(status) => {
                tracing::debug!(%status, "stream ended by a transport error");
                break Some(status);
            }
        }
    };
    let mut st = shared.state.lock().unwrap_or_else(|p| p.into_inner());
    st.done = true;
    st.error = error;
    drop(st);
    shared.stopped.notify_one();
}

/// Serves one Stream call. Beyond `max_connections` the call is refused with
/// RESOURCE_EXHAUSTED.
pub fn serve_stream(
    driver: &Driver,
    inbound: Streaming<pb::StreamRequest>,
    deadline_us: Option<u64>,
) -> Result<impl Stream<Item = Result<pb::StreamResponse, Status>> + Send + 'static, Status> {
    let conn = Arc::new(driver.connect(ConnKind::Stream).map_err(|e| Status::resource_exhausted(e.message))?);
    let shared = Arc::new(Shared { state: Mutex::new(ReadState::default()), stopped: Notify::new() });
    let reader = tokio::spawn(read_loop(conn.clone(), inbound, shared.clone(), deadline_us));
    let guard = AbortOnDrop(reader.abort_handle());
    Ok(futures::stream::unfold(Some((conn, shared, guard)), |st| async move {
        let (conn, shared, guard) = st?;
        loop {
            if let Some(a) = conn.try_answer() {
                return Some((Ok(to_wire(a)), Some((conn, shared, guard))));
            }
            let (done, error) = {
                let mut s = shared.state.lock().unwrap_or_else(|p| p.into_inner());
                (s.done, if s.done && conn.pending() == 0 { s.error.take() } else { None })
            };
            if done && conn.pending() == 0 {
                // Every answer is out: end the stream, with the transport error if any.
                return error.map(|e| (Err(e), None));
            }
            tokio::select! {
                biased;
                _ = conn.answer_ready() => {}
                _ = shared.stopped.notified(), if !done => {}
            }
        }
    }))
}
