//! Engine-level simulation: the scheduler driven directly by seeded random events,
//! against a sequential model, for volume (100,000 seeds in CI).
//!
//! Random arrivals on several connections, batches that workers run op by op in
//! random interleavings, random completions, disconnects, deadlines and time.
//! Checked after every step and at the end:
//! - answers come out in request order, exactly once, each the right one (executed
//!   result, cache hit equal to the disk, or a shed/validation error);
//! - conflicting operations never overlap and commit in arrival order;
//! - replaying the commit log sequentially on a fresh project gives the same answers
//!   and the same final state;
//! - buffered requests and bytes stay within the budgets and every connection within
//!   its window; wake-ups are never missed;
//! - at quiescence nothing is left (jobs, connections, buffers, index, pooled buffers).
//!
//! A violated invariant panics with a message; [`run_seed`] turns that into an error.

use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::Arc;
use unity_mcp_engine::fs::MemFs;
use unity_mcp_engine::text::{sha256_hex, TextEdit};
use unity_mcp_engine::sched::{Batch, ConnId, ConnKind, EngineConfig, Scheduler, Seq, Submission};
use unity_mcp_engine::path::CaseRule;
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, Op, OpError, OpResult, Outcome, RandomGuids};

/// The paths operations draw from (folders, files inside them, free places).
pub const PATHS: &[&str] = &[
    "Assets/A",
    "Assets/A/x.png",
    "Assets/A/y.cs",
    "Assets/B",
    "Assets/B/z.txt",
    "Assets/w.png",
    // Free at first: moves into them succeed.
    "Assets/B/A",
    "Assets/C",
    "Assets/v.png",
    "Assets/A/q.png",
];
/// Other spellings of [`PATHS`] (same index), for seeds on a case-insensitive file
/// system: each names the same entry as its original there.
pub const VARIANTS: &[&str] = &[
    "Assets/a",
    "Assets/a/X.png",
    "Assets/A/Y.CS",
    "Assets/b",
    "Assets/B/Z.txt",
    "Assets/W.png",
    "Assets/b/a",
    "Assets/c",
    "Assets/V.PNG",
    "Assets/a/Q.png",
];

/// The path of index `i`: [`PATHS`], then [`VARIANTS`].
fn path_of(i: usize) -> &'static str {
    PATHS.get(i).copied().unwrap_or_else(|| VARIANTS[(i - PATHS.len()) % VARIANTS.len()])
}

/// Files present at the start.
pub const FILES: &[&str] = &["Assets/A/x.png", "Assets/A/y.cs", "Assets/B/z.txt", "Assets/w.png"];

/// An operation, by indexes into [`PATHS`].
#[derive(Clone, Debug)]
pub enum OpSpec {
    Import(usize),
    Move(usize, usize),
    Delete(usize),
    Refresh,
    Invalid,
    /// ReadText of a path.
    ReadText(usize),
    /// WriteText of `TEXTS[text]`, expecting `TEXTS[expect]`'s hash (or none).
    WriteText { path: usize, text: usize, expect: Option<usize> },
    /// EditText: `TEXTS[text]` inserted at line 1, column 1, expecting as above.
    EditText { path: usize, text: usize, expect: Option<usize> },
    /// SetProperty of `PROPERTIES[value]` on the main object of a path, expecting
    /// `YAML_TEXTS[expect]`'s hash (or none).
    SetProperty { path: usize, value: usize, expect: Option<usize> },
}

/// Unity YAML the simulated agents write (WriteText of text `TEXTS.len() + i`)
/// before setting properties in it; the second references an asset by GUID.
pub const YAML_TEXTS: &[&str] = &[
    "%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!21 &2100000\nMaterial:\n  m_Name: M\n  m_Shader: {fileID: 0}\n  m_Floats:\n  - _Glossiness: 0.5\n",
    "%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!21 &2100000\nMaterial:\n  m_Name: N\n  m_Shader: {fileID: 11500000, guid: 0123456789abcdef0123456789abcdef, type: 3}\n  m_Floats:\n  - _Glossiness: 1\n",
];

/// (property path, value JSON) the simulated agents set: names, numbers, a
/// reference to the GUID `TEXTS[2]` mentions and none, a field that is not there.
pub const PROPERTIES: &[(&str, &str)] = &[
    ("m_Name", "\"A\""),
    ("m_Name", "\"Hero: 1\""),
    ("m_Floats._Glossiness", "0.25"),
    ("m_Shader", "{\"fileID\": 0}"),
    ("m_Shader", "{\"fileID\": 11500000, \"guid\": \"0123456789abcdef0123456789abcdef\", \"type\": 3}"),
    ("m_Missing", "1"),
];

/// Text `i` of the simulation: [`TEXTS`], then [`YAML_TEXTS`].
fn text_at(i: usize) -> &'static str {
    TEXTS.get(i).copied().unwrap_or_else(|| YAML_TEXTS[(i - TEXTS.len()) % YAML_TEXTS.len()])
}

/// The contents the simulated agents write (one mentions an asset's GUID, so a
/// write changes the index), and whose hashes their preconditions expect.
pub const TEXTS: &[&str] = &[
    "one\n",
    "two\r\n",
    "m_Script: {fileID: 11500000, guid: 0123456789abcdef0123456789abcdef, type: 3}\n",
    "Assets/A/x.png",
];

/// One step of a scenario.
#[derive(Clone, Debug)]
pub enum Ev {
    Connect,
    Request { conn: usize, op: OpSpec, deadline_ms: Option<u8>, bytes: u16 },
    Dispatch,
    Step { batch: usize },
    Finish { batch: usize },
    Disconnect { conn: usize },
    Advance { ms: u8 },
    Drain,
    Touch { file: usize },
}

#[derive(Clone, Debug)]
enum Commit {
    Op { req: u64, op: Op, result: OpResult },
    Touch(usize),
}

struct Req {
    conn: usize,
    op: Option<Op>,
    arrival: usize,
    /// What the answer must be, when known at submission (cache hit, validation error).
    expect: Option<OpResult>,
}

struct Running {
    batch: Batch,
    reqs: Vec<u64>,
    results: Vec<OpResult>,
}

/// The engine, a project, and everything the checks need.
pub struct Harness {
    s: Scheduler<u64>,
    cfg: EngineConfig,
    fs: MemFs,
    db: AssetDb,
    seed: u64,
    now: u64,
    conns: Vec<(ConnId, bool)>,
    conn_index: HashMap<ConnId, usize>,
    reqs: Vec<Req>,
    req_of: HashMap<(usize, Seq), u64>,
    next_seq: Vec<Seq>,
    answers: Vec<Vec<(Seq, u64, OpResult)>>,
    running: Vec<Running>,
    commits: Vec<Commit>,
    /// Some file was edited behind the engine's back (see [`touch`]).
    edited: bool,
}

fn fresh_project(seed: u64, case: CaseRule) -> (MemFs, AssetDb) {
    let fs = if case == CaseRule::Insensitive { MemFs::new_case_insensitive("P") } else { MemFs::new("P") };
    fs.put_dir("Assets");
    for f in FILES {
        fs.put_file(f, f.as_bytes());
    }
    // Real projects: a meta written on Windows (BOM, CRLF, no final newline), and the
    // same GUID twice (a copy made outside Unity) for Import and Refresh to resolve.
    fs.put_file("Assets/A/y.cs.meta", b"\xEF\xBB\xBFfileFormatVersion: 2\r\nguid: 0123456789abcdef0123456789abcdef");
    fs.put_file("Assets/B/z.txt.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\nTextScriptImporter:\n");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(seed))).with_case_rule(case);
    // As the server does at start-up: which path holds each GUID, what each mentions.
    let _ = db.build_index();
    (fs, db)
}

/// A change behind the server's back: a file created where none is; an existing one
/// edited (its content, or its `.meta`'s GUID), as an editor or `git checkout` would.
/// Returns the asset whose files were edited (the watcher's job; Refresh's in the end).
fn touch(fs: &MemFs, file: usize) -> Option<AssetPath> {
    use unity_mcp_engine::fs::{EntryKind, FileSystem};
    let p = FILES[file];
    let parent = p.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    if !matches!(fs.kind(parent), Ok(Some(EntryKind::Dir))) {
        return None;
    }
    let meta = format!("{p}.meta");
    match (fs.kind(p), fs.kind(&meta)) {
        (Ok(None), _) => {
            fs.put_file(p, b"touched");
            None
        }
        (Ok(Some(EntryKind::File)), Ok(Some(EntryKind::File))) if file % 2 == 1 => {
            // A new GUID, drawn from what the .meta held (the replay draws the same).
            let old = fs.read(&meta, 1 << 16).unwrap_or_default();
            let g = old.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
            fs.put_file(&meta, format!("fileFormatVersion: 2\nguid: {:032x}\n", (g as u128) << 1 | 1).as_bytes());
            Some(AssetPath::from_trusted(p))
        }
        (Ok(Some(EntryKind::File)), _) => {
            let old = fs.read(p, 1 << 16).unwrap_or_default();
            let new: &[u8] = if old.starts_with(b"edited") {
                b"touched"
            } else {
                b"edited: {fileID: 11500000, guid: 0123456789abcdef0123456789abcdef, type: 3}"
            };
            fs.put_file(p, new);
            Some(AssetPath::from_trusted(p))
        }
        _ => None,
    }
}

impl Harness {
    /// A fresh engine and project.
    pub fn new(cfg: EngineConfig, seed: u64) -> Harness {
        let (fs, db) = fresh_project(seed, cfg.case_rule());
        Harness {
            s: Scheduler::new(cfg.clone(), 0),
            cfg,
            fs,
            db,
            seed,
            now: 0,
            conns: Vec::new(),
            conn_index: HashMap::new(),
            reqs: Vec::new(),
            req_of: HashMap::new(),
            next_seq: Vec::new(),
            answers: Vec::new(),
            running: Vec::new(),
            commits: Vec::new(),
            edited: false,
        }
    }

    fn op_of(spec: &OpSpec) -> Result<Op, OpError> {
        let p = |i: usize| AssetPath::from_trusted(path_of(i));
        match spec {
            OpSpec::Import(i) => Ok(Op::Import(p(*i))),
            OpSpec::Move(a, b) => Ok(Op::Move { src: p(*a), dst: p(*b) }),
            OpSpec::Delete(i) => Ok(Op::Delete(p(*i))),
            OpSpec::Refresh => Ok(Op::Refresh),
            OpSpec::Invalid => Err(OpError::invalid("asset_path: is empty")),
            OpSpec::ReadText(i) => Ok(Op::ReadText { path: p(*i), start_line: 0, line_count: 0 }),
            OpSpec::WriteText { path, text, expect } => {
                let path = p(*path);
                let parent = path.parent().unwrap_or_else(|| path.clone());
                Ok(Op::WriteText { path, parent, text: text_at(*text).to_string(), expected_sha256: expect.map(|e| sha256_hex(TEXTS[e].as_bytes())) })
            }
            OpSpec::EditText { path, text, expect } => Ok(Op::EditText {
                path: p(*path),
                edits: vec![TextEdit { start_line: 1, start_column: 1, end_line: 1, end_column: 1, new_text: TEXTS[*text].to_string() }],
                expected_sha256: expect.map(|e| sha256_hex(TEXTS[e].as_bytes())),
            }),
            OpSpec::SetProperty { path, value, expect } => Ok(Op::SetProperty {
                path: p(*path),
                file_id: 0,
                property_path: PROPERTIES[*value].0.to_string(),
                value_json: PROPERTIES[*value].1.to_string(),
                expected_sha256: expect.map(|e| sha256_hex(YAML_TEXTS[e].as_bytes())),
            }),
        }
    }

    fn running_ops(&self) -> Vec<Arc<Op>> {
        self.running.iter().flat_map(|r| r.batch.jobs.iter().map(|d| d.op.clone())).collect()
    }

    fn execute_next(&mut self, i: usize) {
        let r = &mut self.running[i];
        let k = r.results.len();
        let op = r.batch.jobs[k].op.clone();
        let result = self.db.apply(&op);
        self.commits.push(Commit::Op { req: r.reqs[k], op: (*op).clone(), result: result.clone() });
        r.results.push(result);
    }

    fn finish(&mut self, i: usize) {
        while self.running[i].results.len() < self.running[i].batch.jobs.len() {
            self.execute_next(i);
        }
        let r = self.running.swap_remove(i);
        self.s.handle_batch_done(self.now, r.batch, r.results);
    }

    fn dispatch(&mut self) -> bool {
        let before = self.s.stats();
        let Some(batch) = self.s.poll_dispatch(self.now) else { return false };
        assert!(before.busy_workers < before.worker_target, "dispatched beyond the worker target");
        let running = self.running_ops();
        for (k, d) in batch.jobs.iter().enumerate() {
            for other in &running {
                assert!(!d.op.conflicts_with(other), "{:?} dispatched while conflicting {:?} runs", d.op, other);
            }
            for e in &batch.jobs[..k] {
                assert!(!d.op.conflicts_with(&e.op), "conflicting ops in one batch");
            }
        }
        let reqs = batch.jobs.iter().map(|d| self.req_of[&(self.conn_index[&d.conn], d.seq)]).collect();
        self.running.push(Running { batch, reqs, results: Vec::new() });
        true
    }

    fn drain(&mut self) {
        while let Some(c) = self.s.poll_woken() {
            let idx = self.conn_index[&c];
            while let Some(a) = self.s.poll_answer(c) {
                self.answers[idx].push((a.seq, a.ctx, a.result));
            }
        }
        // Every answer available must have been announced by a wake-up.
        for (idx, (c, open)) in self.conns.clone().into_iter().enumerate() {
            if open {
                assert!(self.s.poll_answer(c).is_none(), "conn {idx} had an answer without a wake-up");
            }
        }
    }

    /// Applies one step and checks the per-step invariants.
    pub fn apply(&mut self, ev: &Ev) {
        match ev {
            Ev::Connect => {
                if let Ok(c) = self.s.handle_connect(self.now, ConnKind::Stream) {
                    self.conn_index.insert(c, self.conns.len());
                    self.conns.push((c, true));
                    self.next_seq.push(0);
                    self.answers.push(Vec::new());
                } else {
                    assert_eq!(self.conns.iter().filter(|c| c.1).count(), self.cfg.max_connections);
                }
            }
            Ev::Request { conn, op, deadline_ms, bytes } => {
                let Some(&(c, true)) = self.conns.get(*conn) else { return };
                if !self.s.reserve_read(c) {
                    return;
                }
                let work = Self::op_of(op);
                let req = self.reqs.len() as u64;
                let answered_before = self.s.answers();
                let deadline_us = deadline_ms.map(|ms| self.now + ms as u64 * 1000);
                let seq = self.s.handle_request(c, self.now, Submission { work: work.clone(), ctx: req, deadline_us, bytes: *bytes as u32, trace: 0 }).unwrap();
                assert_eq!(seq, self.next_seq[*conn], "sequence numbers are consecutive");
                self.next_seq[*conn] += 1;
                let immediate = self.s.answers() > answered_before;
                let expect = match (&work, immediate) {
                    (Err(e), _) => Some(Err(e.clone())),
                    // Honouring wants_read, an immediate answer to a valid op is a cache hit.
                    (Ok(Op::Import(p)), true) => Some(self.db.info(p).map(Outcome::Asset)),
                    (Ok(op), true) => panic!("{op:?} answered at once"),
                    (Ok(_), false) => None,
                };
                self.req_of.insert((*conn, seq), req);
                self.reqs.push(Req { conn: *conn, op: work.ok(), arrival: req as usize, expect });
            }
            Ev::Dispatch => {
                self.dispatch();
            }
            Ev::Step { batch } => {
                if self.running.is_empty() {
                    return;
                }
                let i = batch % self.running.len();
                if self.running[i].results.len() < self.running[i].batch.jobs.len() {
                    self.execute_next(i);
                }
            }
            Ev::Finish { batch } => {
                if !self.running.is_empty() {
                    let i = batch % self.running.len();
                    self.finish(i);
                }
            }
            Ev::Disconnect { conn } => {
                if let Some((c, open)) = self.conns.get_mut(*conn) {
                    if *open {
                        *open = false;
                        let c = *c;
                        self.s.handle_disconnect(c, self.now);
                    }
                }
            }
            Ev::Advance { ms } => {
                self.now += *ms as u64 * 1000;
                self.s.handle_tick(self.now);
            }
            Ev::Drain => self.drain(),
            Ev::Touch { file } => {
                if let Some(edited) = touch(&self.fs, *file) {
                    // What the server's watcher does for the cache; the index waits
                    // for a Refresh (the last one is run at quiescence).
                    self.s.handle_external_change(&edited);
                    self.edited = true;
                }
                self.commits.push(Commit::Touch(*file));
            }
        }
        let st = self.s.stats();
        for (c, open) in &self.conns {
            if *open {
                assert!(self.s.pending(*c) <= self.cfg.window_per_conn, "a connection buffered beyond its window: {}", self.s.pending(*c));
            }
        }
        assert!(st.buffered_requests + st.reserved_reads <= self.cfg.global_max_requests, "{st:?}");
        assert!(st.buffered_bytes <= self.cfg.global_max_bytes + 400, "{st:?}");
        assert!(st.busy_workers == self.running.len());
    }

    /// Finishes everything: liveness once the event stream stops.
    fn settle(&mut self) {
        for _ in 0..10_000 {
            while !self.running.is_empty() {
                self.finish(0);
            }
            while self.dispatch() {}
            self.drain();
            if self.running.is_empty() && self.s.stats().live_jobs == 0 {
                return;
            }
            // Partial batches held for max-wait, or work waiting on a deadline.
            self.now = self.s.poll_timeout().unwrap_or(self.now).max(self.now + 1);
            self.s.handle_tick(self.now);
        }
        panic!("did not drain: {:?}", self.s.stats());
    }

    /// Drains everything and checks the end-of-run invariants.
    pub fn check(mut self) {
        self.settle();
        // Exactly once, in order, the right answer.
        let mut executed: HashMap<u64, (usize, &OpResult)> = HashMap::new();
        for (i, c) in self.commits.iter().enumerate() {
            if let Commit::Op { req, result, .. } = c {
                assert!(executed.insert(*req, (i, result)).is_none(), "request {req} executed twice");
            }
        }
        for (idx, answers) in self.answers.iter().enumerate() {
            for (k, (seq, req, result)) in answers.iter().enumerate() {
                assert_eq!(*seq, k as u64, "conn {idx}: answers out of order or missing");
                let r = &self.reqs[*req as usize];
                assert_eq!(r.conn, idx, "an answer went to the wrong connection");
                if let Some(expect) = &r.expect {
                    assert_eq!(result, expect, "request {req}");
                    assert!(!executed.contains_key(req), "a cache hit or invalid request also ran");
                } else if let Some((_, ran)) = executed.get(req) {
                    assert_eq!(result, *ran, "request {req} got another request's answer");
                } else {
                    let e = result.as_ref().expect_err("an unrun request answered Ok");
                    assert_eq!(e.kind, ErrorKind::Exhausted, "request {req}: {e}");
                }
            }
            if self.conns[idx].1 {
                assert_eq!(answers.len() as u64, self.next_seq[idx], "conn {idx}: a request got no answer");
            }
        }
        // Conflicting operations commit in arrival order.
        let done: Vec<(u64, usize)> = executed.iter().map(|(r, (i, _))| (*r, *i)).collect();
        for &(a, ia) in &done {
            for &(b, ib) in &done {
                let (ra, rb) = (&self.reqs[a as usize], &self.reqs[b as usize]);
                if ra.arrival < rb.arrival && ra.op.as_ref().unwrap().conflicts_with(rb.op.as_ref().unwrap()) {
                    assert!(ia < ib, "conflicting requests {a} and {b} committed out of arrival order");
                }
            }
        }
        // Sequential replay of the commit order: same answers, same final state.
        let (ref_fs, ref_db) = fresh_project(self.seed, self.cfg.case_rule());
        for c in &self.commits {
            match c {
                Commit::Touch(f) => {
                    touch(&ref_fs, *f);
                }
                Commit::Op { op, result, .. } => {
                    // No lost update, checked apart from the engine: a write or edit
                    // that expected a hash succeeded only on a file that had it.
                    if let (Op::WriteText { path, expected_sha256: Some(want), .. } | Op::EditText { path, expected_sha256: Some(want), .. } | Op::SetProperty { path, expected_sha256: Some(want), .. }, Ok(_)) = (op, result) {
                        let have = unity_mcp_engine::fs::FileSystem::read(&ref_fs, path.as_str(), 1 << 20).ok().map(|b| sha256_hex(&b));
                        assert_eq!(have.as_deref(), Some(want.as_str()), "a write expecting another version of '{path}' succeeded: a lost update");
                    }
                    assert_eq!(&ref_db.apply(op), result)
                }
            }
        }
        assert_eq!(ref_fs.snapshot(), self.fs.snapshot());
        // The asset index says what the disk says (after a Refresh if files were
        // edited behind its back: it must find every edit, skipping unchanged files).
        if self.edited {
            let _ = self.db.refresh();
        }
        if let Err(e) = self.db.verify_index() {
            if std::env::var("SIM_TRACE").is_ok() {
                for c in &self.commits {
                    match c {
                        Commit::Op { op, result, .. } => eprintln!("TRACE {op:?} -> {:?}", result.as_ref().map(|_| "ok").map_err(|e| e.message.clone())),
                        Commit::Touch(f) => eprintln!("TRACE touch {f}"),
                    }
                }
                for (p, c) in self.fs.snapshot() {
                    eprintln!("TRACE file {p}: {:?}", c.map(|c| String::from_utf8_lossy(&c).into_owned()));
                }
            }
            panic!("index != disk: {e}");
        }
        // Quiescence: nothing leaks.
        for (c, open) in self.conns.clone() {
            if open {
                self.s.handle_disconnect(c, self.now);
            }
        }
        assert!(self.s.is_quiescent(), "{:?}", self.s.stats());
        let pool = self.db.buffers().stats();
        assert_eq!(pool.outstanding, 0, "a pooled buffer was never returned: {pool:?}");
        assert_eq!(self.s.metrics().requests, self.reqs.len() as u64);
    }
}

/// What one seed ran.
#[derive(Clone, Copy, Debug, Default)]
pub struct SeedStats {
    /// Requests submitted.
    pub requests: usize,
    /// Operations executed.
    pub commits: usize,
    /// SetProperty operations that changed a file (the mix must reach them).
    pub properties_set: usize,
}

/// The scenario of `seed`: limits, GUID seed and events.
pub fn scenario(seed: u64) -> (EngineConfig, u64, Vec<Ev>) {
    let mut rng = SmallRng::seed_from_u64(seed);
    // Text operations come from their own stream, in the slot invalid requests had:
    // seeds recorded before them keep every other event.
    let mut text_rng = SmallRng::seed_from_u64(seed ^ 0x7E47_0995);
    // Unity YAML operations come from their own generator, so that the scenarios of
    // seeds recorded before them keep every other event.
    let mut yaml_rng = SmallRng::seed_from_u64(seed ^ 0x5CE7_E21D);
    let cfg = EngineConfig {
        max_connections: 3,
        window_per_conn: rng.gen_range(1..5),
        global_max_requests: if rng.gen_bool(0.5) { 6 } else { 40 },
        global_max_bytes: 4_000,
        queue_timeout_ms: 25,
        op_timeout_ms: 60_000,
        batch_min: 1,
        batch_max: 4,
        batch_initial: rng.gen_range(1..4),
        batch_max_wait_us: rng.gen_range(0..2) * 500,
        workers_min: 1,
        workers_max: 3,
        workers_initial: rng.gen_range(1..4),
        adapt_interval_ms: 7,
        target_queue_wait_us: 1_000,
        cache_capacity: 3,
        cache_ttl_ms: 1_000,
        // 1 to 4 shards, not drawn from `rng` (old seeds keep their events): few
        // shards make unrelated paths share one, many keep them apart.
        shards: 1 + (seed % 4) as usize,
        keep_orphan_folder_metas: false,
        max_text_bytes: unity_mcp_engine::db::DEFAULT_MAX_TEXT_BYTES,
        max_yaml_bytes: unity_mcp_engine::db::DEFAULT_MAX_YAML_BYTES,
        script_tree_cache_bytes: unity_mcp_engine::db::DEFAULT_SCRIPT_TREE_CACHE_BYTES,
        search_threads: 1,
        case_insensitive: None,
    };
    // A third of the seeds draw from few paths and skip time, so cache hits and their
    // invalidation by moves and deletes are frequent.
    let focused = rng.gen_bool(0.33);
    let paths: Vec<usize> = if focused { vec![0, 1, 5, 6, 8] } else { (0..PATHS.len()).collect() };
    let n = rng.gen_range(1..if focused { 400 } else { 300 });
    let mut events = vec![Ev::Connect, Ev::Connect];
    for _ in 0..n {
        let p = |rng: &mut SmallRng| paths[rng.gen_range(0..paths.len())];
        let ev = match rng.gen_range(0..(if focused { 29 } else { 31 })) {
            0 => Ev::Connect,
            1..=10 => {
                let op = match rng.gen_range(0..16) {
                    0..=7 => OpSpec::Import(p(&mut rng)),
                    8..=11 => OpSpec::Move(p(&mut rng), p(&mut rng)),
                    12..=13 => OpSpec::Delete(p(&mut rng)),
                    14 => OpSpec::Refresh,
                    _ => {
                        let r = &mut text_rng;
                        let path = paths[r.gen_range(0..paths.len())];
                        let (text, expect) = (r.gen_range(0..TEXTS.len()), r.gen_bool(0.6).then(|| r.gen_range(0..TEXTS.len())));
                        let op = match r.gen_range(0..5) {
                            0 => OpSpec::Invalid,
                            1 => OpSpec::ReadText(path),
                            2 | 3 => OpSpec::WriteText { path, text, expect },
                            _ => OpSpec::EditText { path, text, expect },
                        };
                        let y = &mut yaml_rng;
                        // Two files carry the YAML (moves and deletes still reach them).
                        let yaml_path = if y.gen_bool(0.8) { [4, 8][y.gen_range(0..2)] } else { path };
                        match y.gen_range(0..3) {
                            0 => OpSpec::WriteText { path: yaml_path, text: TEXTS.len() + y.gen_range(0..YAML_TEXTS.len()), expect: None },
                            1 => OpSpec::SetProperty {
                                path: yaml_path,
                                value: y.gen_range(0..PROPERTIES.len()),
                                expect: y.gen_bool(0.25).then(|| y.gen_range(0..YAML_TEXTS.len())),
                            },
                            _ => op,
                        }
                    }
                };
                let deadline_ms = if rng.gen_bool(0.2) { Some(rng.gen_range(1..30)) } else { None };
                Ev::Request { conn: rng.gen_range(0..3), op, deadline_ms, bytes: rng.gen_range(1..400) }
            }
            11..=15 => Ev::Dispatch,
            16..=19 => Ev::Step { batch: rng.gen_range(0..4) },
            20..=23 => Ev::Finish { batch: rng.gen_range(0..4) },
            24 => Ev::Disconnect { conn: rng.gen_range(0..4) },
            25 => Ev::Touch { file: rng.gen_range(0..FILES.len()) },
            26..=28 => Ev::Drain,
            _ => Ev::Advance { ms: rng.gen_range(0..20) },
        };
        events.push(ev);
    }
    (cfg, rng.gen(), events)
}

/// The scenario of `seed` on a case-insensitive file system (Windows, macOS): the
/// same events as [`scenario`], with a third of the paths respelled in another case
/// and case-only renames added (drawn from their own generator).
pub fn scenario_case_insensitive(seed: u64) -> (EngineConfig, u64, Vec<Ev>) {
    let (mut cfg, guid_seed, mut events) = scenario(seed);
    cfg.case_insensitive = Some(true);
    let mut rng = SmallRng::seed_from_u64(seed ^ 0xCA5E_5EED);
    let respell = |i: usize, rng: &mut SmallRng| if rng.gen_bool(0.35) { i % PATHS.len() + PATHS.len() } else { i };
    for ev in events.iter_mut() {
        if let Ev::Request { op, .. } = ev {
            *op = match op.clone() {
                OpSpec::Import(i) => OpSpec::Import(respell(i, &mut rng)),
                OpSpec::Delete(i) => OpSpec::Delete(respell(i, &mut rng)),
                // A case-only rename, or a move with either side respelled.
                OpSpec::Move(a, _) if rng.gen_bool(0.3) => OpSpec::Move(a, (a + PATHS.len()) % (2 * PATHS.len())),
                OpSpec::Move(a, b) => OpSpec::Move(respell(a, &mut rng), respell(b, &mut rng)),
                other => other,
            };
        }
    }
    (cfg, guid_seed, events)
}

/// Runs one case-insensitive seed; `Err` with the panic message on a violation.
pub fn run_seed_case_insensitive(seed: u64) -> Result<SeedStats, String> {
    let (cfg, guid_seed, events) = scenario_case_insensitive(seed);
    crate::quietly(|| std::panic::catch_unwind(move || run_events(cfg, guid_seed, &events))).map_err(|e| {
        e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_else(|| "panic".into())
    })
}

/// Runs `events` and checks every invariant; panics on a violation.
pub fn run_events(cfg: EngineConfig, guid_seed: u64, events: &[Ev]) -> SeedStats {
    let mut h = Harness::new(cfg, guid_seed);
    for ev in events {
        h.apply(ev);
    }
    let stats = SeedStats {
        requests: h.reqs.len(),
        commits: h.commits.iter().filter(|c| matches!(c, Commit::Op { .. })).count(),
        properties_set: h.commits.iter().filter(|c| matches!(c, Commit::Op { op: Op::SetProperty { .. }, result: Ok(_), .. })).count(),
    };
    h.check();
    stats
}

/// Runs one seed; a violated invariant comes back as the error.
pub fn run_seed(seed: u64) -> Result<SeedStats, String> {
    let (cfg, guid_seed, events) = scenario(seed);
    crate::quietly(|| std::panic::catch_unwind(move || run_events(cfg, guid_seed, &events))).map_err(|e| {
        e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_else(|| "panic".into())
    })
}
