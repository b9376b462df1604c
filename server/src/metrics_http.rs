//! Prometheus text exposition at `GET /metrics`, and a periodic log summary.

use crate::driver::Driver;
use std::fmt::Write;
use unity_mcp_engine::ErrorKind;

/// Latency histogram bucket bounds, in seconds.
const BUCKETS_S: &[f64] = &[0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Resident set size of this process in bytes, if the platform tells.
pub fn rss_bytes() -> Option<u64> {
    crate::platform::rss_bytes()
}

fn histogram(out: &mut String, name: &str, help: &str, h: &hdrhistogram::Histogram<u64>) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
    for b in BUCKETS_S {
        let le_us = (b * 1e6) as u64;
        let count = if h.is_empty() { 0 } else { h.count_between(0, le_us) };
        let _ = writeln!(out, "{name}_bucket{{le=\"{b}\"}} {count}");
    }
    let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {}", h.len());
    // hdrhistogram keeps no exact sum: mean x count, within its 3-digit precision.
    let _ = writeln!(out, "{name}_sum {}", h.mean() * h.len() as f64 / 1e6);
    let _ = writeln!(out, "{name}_count {}", h.len());
    for q in [0.5, 0.95, 0.99, 0.999] {
        let v = if h.is_empty() { 0.0 } else { h.value_at_quantile(q) as f64 / 1e6 };
        let _ = writeln!(out, "{name}_quantile{{quantile=\"{q}\"}} {v}");
    }
}

/// The whole exposition.
pub fn render(driver: &Driver) -> String {
    let m = driver.metrics();
    let st = driver.stats();
    let pool = driver.db().buffers().stats();
    let mut out = String::with_capacity(8 * 1024);
    let mut metric = |name: &str, kind: &str, help: &str, value: String| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}");
    };
    metric("unity_mcp_requests_total", "counter", "Requests accepted by the engine.", m.requests.to_string());
    metric("unity_mcp_shed_deadline_total", "counter", "Requests answered RESOURCE_EXHAUSTED after their queue deadline.", m.shed_deadline.to_string());
    metric("unity_mcp_shed_budget_total", "counter", "Requests answered RESOURCE_EXHAUSTED because a budget was full.", m.shed_budget.to_string());
    metric("unity_mcp_backpressure_events_total", "counter", "Times a stream was stopped from reading.", m.backpressure_events.to_string());
    metric("unity_mcp_cancelled_total", "counter", "Queued requests dropped because their client left.", m.cancelled.to_string());
    metric("unity_mcp_refused_connections_total", "counter", "Streams refused at max_connections.", m.refused_connections.to_string());
    metric("unity_mcp_batches_total", "counter", "Batches handed to workers.", m.batches.to_string());
    metric("unity_mcp_batched_ops_total", "counter", "Operations in those batches.", m.batched_ops.to_string());
    metric("unity_mcp_worker_busy_seconds_total", "counter", "Busy worker time.", (m.busy_worker_us as f64 / 1e6).to_string());
    metric("unity_mcp_connections", "gauge", "Open connections (streams and unary calls).", st.connections.to_string());
    metric("unity_mcp_stream_connections", "gauge", "Open streams.", st.stream_connections.to_string());
    metric("unity_mcp_queue_depth", "gauge", "Operations ready and waiting for a worker.", st.ready_jobs.to_string());
    metric("unity_mcp_live_jobs", "gauge", "Operations queued, blocked or running.", st.live_jobs.to_string());
    metric("unity_mcp_busy_workers", "gauge", "Workers running a batch.", st.busy_workers.to_string());
    metric("unity_mcp_worker_target", "gauge", "Workers the adaptation allows now.", st.worker_target.to_string());
    metric("unity_mcp_batch_size", "gauge", "Batch size the adaptation uses now.", st.batch_size.to_string());
    metric("unity_mcp_buffered_requests", "gauge", "Requests held (queued, running or answered but not yet sent).", st.buffered_requests.to_string());
    metric("unity_mcp_buffered_bytes", "gauge", "Encoded bytes of those requests.", st.buffered_bytes.to_string());
    metric("unity_mcp_cache_entries", "gauge", "Asset metadata cache entries.", st.cache_entries.to_string());
    metric("unity_mcp_cache_hits_total", "counter", "Imports answered from the cache.", st.cache.hits.to_string());
    metric("unity_mcp_cache_misses_total", "counter", "Cache lookups that missed.", st.cache.misses.to_string());
    metric("unity_mcp_cache_evictions_total", "counter", "Cache entries evicted by the LRU bound.", st.cache.evictions.to_string());
    let lookups = st.cache.hits + st.cache.misses;
    let ratio = if lookups > 0 { st.cache.hits as f64 / lookups as f64 } else { 0.0 };
    metric("unity_mcp_cache_hit_ratio", "gauge", "Hits over lookups since start.", ratio.to_string());
    metric("unity_mcp_pool_idle", "gauge", "Idle pooled read buffers.", pool.idle.to_string());
    metric("unity_mcp_pool_outstanding", "gauge", "Pooled read buffers in use.", pool.outstanding.to_string());
    metric("unity_mcp_pool_max_idle", "gauge", "Current bound on idle pooled buffers.", pool.max_idle.to_string());
    metric("unity_mcp_pool_created_total", "counter", "Pooled buffers created.", pool.created.to_string());
    metric("unity_mcp_pool_reused_total", "counter", "Gets served by an idle buffer.", pool.reused.to_string());
    metric("unity_mcp_pool_discarded_total", "counter", "Buffers dropped at the bound or trimmed.", pool.discarded.to_string());
    if let Some(rss) = rss_bytes() {
        metric("process_resident_memory_bytes", "gauge", "Resident set size.", rss.to_string());
    }
    metric("unity_mcp_index_rebuild_errors_total", "counter", "Asset index rebuilds from disk that failed.", driver.index_rebuild_errors().to_string());
    metric("unity_mcp_index_stale", "gauge", "1 while the last index rebuild failed (graph answers may be stale).", u8::from(driver.index_stale()).to_string());
    metric("unity_mcp_ops_stopped_running_total", "counter", "Operations stopped while running: past their deadline or their caller gone.", m.stopped_running.to_string());
    let _ = writeln!(out, "# HELP unity_mcp_answers_total Answers by gRPC code (0 = success).\n# TYPE unity_mcp_answers_total counter");
    for (i, n) in m.answers_by_outcome.iter().enumerate().filter(|(_, n)| **n > 0) {
        let code = i.checked_sub(1).and_then(|k| ErrorKind::ALL.get(k)).map_or(0, |k| crate::convert::grpc_code(*k));
        let _ = writeln!(out, "unity_mcp_answers_total{{code=\"{code}\"}} {n}");
    }
    histogram(&mut out, "unity_mcp_request_latency_seconds", "Arrival to answer ready, per request.", &m.latency_us);
    histogram(&mut out, "unity_mcp_queue_wait_seconds", "Arrival to dispatch, per executed request.", &m.queue_wait_us);
    out
}

/// One line summarising the metrics, for the logs.
pub fn summary(driver: &Driver) -> String {
    let m = driver.metrics();
    let st = driver.stats();
    let q = |v: f64| if m.latency_us.is_empty() { 0 } else { m.latency_us.value_at_quantile(v) };
    format!(
        "requests={} p50={}us p99={}us p99.9={}us shed={} backpressure={} streams={} queue={} workers={}/{} batch={} cache_hits={} rss_mib={}",
        m.requests,
        q(0.5),
        q(0.99),
        q(0.999),
        m.shed_deadline + m.shed_budget,
        m.backpressure_events,
        st.stream_connections,
        st.ready_jobs,
        st.busy_workers,
        st.worker_target,
        st.batch_size,
        st.cache.hits,
        rss_bytes().unwrap_or(0) >> 20
    )
}

/// Serves `/metrics` on `listener` until `stop` resolves.
#[cfg(not(madsim))]
pub async fn serve(listener: tokio::net::TcpListener, driver: Driver, stop: impl std::future::Future<Output = ()>) {
    use http_body_util::Full;
    use hyper::body::Bytes;
    tokio::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            biased;
            r = listener.accept() => match r {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!(error = %e, "metrics accept failed");
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        let driver = driver.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let driver = driver.clone();
                async move {
                    let resp = if req.uri().path() == "/metrics" {
                        hyper::Response::builder()
                            .header("content-type", "text/plain; version=0.0.4")
                            .body(Full::new(Bytes::from(render(&driver))))
                    } else {
                        hyper::Response::builder().status(404).body(Full::new(Bytes::from_static(b"see /metrics\n")))
                    };
                    resp
                }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, svc).await;
        });
    }
}
