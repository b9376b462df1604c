//! What one load run measured, as JSON, and an SVG latency plot.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Report {
    /// Label (server and scenario).
    pub label: String,
    /// The command line that produced it.
    pub command: String,
    /// Workload name.
    pub workload: String,
    /// Connections.
    pub connections: usize,
    /// Requests in flight per connection (closed loop), 0 in open loop.
    pub inflight: usize,
    /// Target rate (open loop), 0 in closed loop.
    pub target_rate: u64,
    /// Measured seconds (after warm-up).
    pub seconds: f64,
    /// Answers received in the measured window.
    pub answers: u64,
    /// Answers per second.
    pub throughput: f64,
    /// Latency percentiles in microseconds: p50, p95, p99, p99.9, max.
    pub latency_us: BTreeMap<String, u64>,
    /// Answers by McpError code ("0" = success; "status:<code>" = call ended).
    pub codes: BTreeMap<String, u64>,
    /// True if the server stopped answering (no answer for the stall timeout).
    pub stalled: bool,
    /// Server CPU use over the measured window, percent of one core.
    pub server_cpu_percent: Option<f64>,
    /// Server RSS at the end, bytes.
    pub server_rss_end: Option<u64>,
    /// Server peak RSS (VmHWM), bytes.
    pub server_rss_peak: Option<u64>,
    /// RSS samples over time: (seconds since start, bytes).
    pub rss_over_time: Vec<(f64, u64)>,
    /// Latency percentile curve: (percentile, microseconds).
    pub curve: Vec<(f64, u64)>,
}

/// An SVG of latency by percentile (x: 0 .. 99.99 on a "nines" scale; y: ms, log).
pub fn latency_svg(reports: &[&Report]) -> String {
    let (w, h, pad) = (720.0, 420.0, 60.0);
    let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
    let x_of = |p: f64| {
        let nines = (-((1.0 - p / 100.0).max(1e-4)).log10()).min(4.0);
        pad + nines / 4.0 * (w - 2.0 * pad)
    };
    let max_us = reports.iter().flat_map(|r| r.curve.iter().map(|c| c.1)).max().unwrap_or(1).max(10) as f64;
    let (lo, hi) = (1.0f64.log10(), max_us.log10() + 0.1);
    let y_of = |us: u64| h - pad - ((us.max(1) as f64).log10() - lo) / (hi - lo) * (h - 2.0 * pad);
    let mut s = format!("<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n");
    s += &format!("<text x='{}' y='20' text-anchor='middle'>latency by percentile (log scale)</text>\n", w / 2.0);
    for (label, p) in [("50%", 50.0), ("90%", 90.0), ("99%", 99.0), ("99.9%", 99.9), ("99.99%", 99.99)] {
        let x = x_of(p);
        s += &format!("<line x1='{x}' y1='{pad}' x2='{x}' y2='{}' stroke='#ddd'/><text x='{x}' y='{}' text-anchor='middle'>{label}</text>\n", h - pad, h - pad + 16.0);
    }
    let mut us = 1u64;
    while (us as f64) <= max_us * 1.2 {
        let y = y_of(us);
        let label = if us >= 1000 { format!("{} ms", us / 1000) } else { format!("{us} us") };
        s += &format!("<line x1='{pad}' y1='{y}' x2='{}' y2='{y}' stroke='#eee'/><text x='{}' y='{}' text-anchor='end'>{label}</text>\n", w - pad, pad - 6.0, y + 4.0);
        us *= 10;
    }
    for (i, r) in reports.iter().enumerate() {
        let c = colors[i % colors.len()];
        let pts: Vec<String> = r.curve.iter().map(|(p, v)| format!("{:.1},{:.1}", x_of(*p), y_of(*v))).collect();
        s += &format!("<polyline fill='none' stroke='{c}' stroke-width='2' points='{}'/>\n", pts.join(" "));
        s += &format!("<text x='{}' y='{}' fill='{c}'>{}</text>\n", pad + 10.0, pad + 16.0 * (i as f64 + 1.0), r.label);
    }
    s + "</svg>\n"
}

/// An SVG of RSS over time for each report that sampled it.
pub fn rss_svg(reports: &[&Report]) -> String {
    let (w, h, pad) = (720.0, 360.0, 60.0);
    let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"];
    let t_max = reports.iter().flat_map(|r| r.rss_over_time.iter().map(|p| p.0)).fold(1.0, f64::max);
    let m_max = reports.iter().flat_map(|r| r.rss_over_time.iter().map(|p| p.1)).max().unwrap_or(1) as f64 * 1.1;
    let mut s = format!("<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n<text x='{}' y='20' text-anchor='middle'>server RSS over time (MiB; max {:.1})</text>\n", w / 2.0, m_max / 1048576.0);
    for (i, r) in reports.iter().enumerate() {
        let c = colors[i % colors.len()];
        let pts: Vec<String> = r
            .rss_over_time
            .iter()
            .map(|(t, b)| format!("{:.1},{:.1}", pad + t / t_max * (w - 2.0 * pad), h - pad - *b as f64 / m_max * (h - 2.0 * pad)))
            .collect();
        s += &format!("<polyline fill='none' stroke='{c}' stroke-width='2' points='{}'/>\n<text x='{}' y='{}' fill='{c}'>{}</text>\n", pts.join(" "), pad + 10.0, pad + 16.0 * (i as f64 + 1.0), r.label);
    }
    s += &format!("<text x='{}' y='{}' text-anchor='middle'>seconds (0 .. {:.0})</text>\n</svg>\n", w / 2.0, h - 20.0, t_max);
    s
}
