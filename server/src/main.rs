//! The `unity-mcp` binary. See `unity-mcp --help`.

use clap::Parser;
use unity_mcp_server::cli::{Cli, Command, ServeArgs};
use unity_mcp_server::config::Config;
use unity_mcp_server::server;
use unity_mcp_server::driver::Driver;
use unity_mcp_server::service::McpService;
use unity_mcp_server::{client, sample};

fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    // Colour codes only for a person at a terminal, never in a log file or a pipe.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(ansi);
    // Log lines also reach MCP sessions that asked for them (logging/setLevel).
    tracing_subscriber::registry().with(filter).with(fmt).with(unity_mcp_server::mcp_front::McpLogLayer).init();
}

/// Defaults, then the file, then the flags.
fn effective_config(args: &ServeArgs) -> anyhow::Result<Config> {
    let mut cfg = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    let (s, e) = (&mut cfg.server, &mut cfg.engine);
    macro_rules! set {
        ($($flag:ident => $field:expr),* $(,)?) => { $( if let Some(v) = args.$flag.clone() { $field = v; } )* };
    }
    set!(listen => s.listen, max_message_bytes => s.max_message_bytes, shutdown_grace_ms => s.shutdown_grace_ms,
         max_connections => e.max_connections, window => e.window_per_conn, global_max_requests => e.global_max_requests,
         global_max_bytes => e.global_max_bytes, queue_timeout_ms => e.queue_timeout_ms, workers_min => e.workers_min,
         workers_max => e.workers_max, batch_max => e.batch_max, batch_max_wait_us => e.batch_max_wait_us,
         cache_capacity => e.cache_capacity, cache_ttl_ms => e.cache_ttl_ms);
    if args.project.is_some() {
        s.project = args.project.clone();
    }
    if args.metrics_listen.is_some() {
        s.metrics_listen = args.metrics_listen;
    }
    if args.mcp_listen.is_some() {
        s.mcp_listen = args.mcp_listen;
    }
    if args.token.is_some() {
        s.token = args.token.clone();
    }
    s.insecure |= args.insecure;
    // Keep the derived bounds coherent when only one side was given.
    e.workers_initial = e.workers_initial.clamp(e.workers_min, e.workers_max.max(e.workers_min));
    e.batch_initial = e.batch_initial.clamp(e.batch_min, e.batch_max.max(e.batch_min));
    cfg.validate()?;
    Ok(cfg)
}

/// The project folder from the configuration, or the bundled sample written afresh.
fn project_dir(cfg: &Config) -> anyhow::Result<std::path::PathBuf> {
    Ok(match cfg.server.project.clone() {
        Some(p) => p,
        None => {
            let dir = sample::fresh_sample_dir();
            sample::write_sample(&dir)?;
            eprintln!("No --project given: wrote the bundled sample project to {}", dir.display());
            dir
        }
    })
}

/// `unity-mcp mcp`: MCP over stdio, the engine in-process.
async fn serve_mcp_stdio(mut cfg: Config) -> anyhow::Result<()> {
    let project = project_dir(&cfg)?;
    server::resolve_case_rule(&project, &mut cfg.engine);
    let db = server::open_project_with(&project, &cfg.engine)?;
    let info = db.project_info();
    tracing::info!(project = %project.display(), name = %info.project_name, unity = %info.unity_version, "serving MCP over stdio");
    let svc = McpService::new(Driver::start(db, cfg.engine.clone()));
    let _watcher = unity_mcp_server::watch::start(project.clone(), svc.driver().clone());
    unity_mcp_server::mcp_front::serve_stdio(svc).await
}

async fn serve(mut cfg: Config) -> anyhow::Result<()> {
    let project = project_dir(&cfg)?;
    server::resolve_case_rule(&project, &mut cfg.engine);
    let db = server::open_project_with(&project, &cfg.engine)?;
    let listener = tokio::net::TcpListener::bind(cfg.server.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", cfg.server.listen))?;
    let info = db.project_info();
    tracing::info!(
        addr = %listener.local_addr()?,
        project = %project.display(),
        name = %info.project_name,
        unity = %info.unity_version,
        workers_max = cfg.engine.workers_max,
        window = cfg.engine.window_per_conn,
        token_required = cfg.server.token.as_deref().is_some_and(|t| !t.is_empty()),
        "serving unity.mcp.v1.UnityMcpService (with grpc.health.v1 and reflection)"
    );
    let svc = McpService::new(Driver::start(db, cfg.engine.clone()));
    // Changes behind the server's back reach the index and the cache.
    let _watcher = unity_mcp_server::watch::start(project.clone(), svc.driver().clone());
    server::serve(listener, svc, &cfg, server::shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Threads for read-only lookups (GetAssetInfo, resources) beside the engine's workers.
const LOOKUP_THREADS: usize = 4;
/// How long an idle blocking thread lives. Long enough that a steady load reuses the
/// same threads (each new thread costs a stack and a malloc arena), short enough that
/// an idle server gives them back.
const BLOCKING_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(60);

/// The serving runtime: disk work runs on at most `workers_max + LOOKUP_THREADS`
/// blocking threads. tokio's default (512, 10 s keep-alive) lets the pool creep upward
/// under a steady load, since a batch handed off while the previous thread is still
/// returning to idle spawns a new one: RSS grew through a 10-minute soak.
fn serving_runtime(cfg: &Config) -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(cfg.engine.workers_max + LOOKUP_THREADS)
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        .build()
}

fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Serve(args) => {
            let cfg = effective_config(&args)?;
            if args.print_config {
                print!("{}", cfg.to_toml());
                return Ok(true);
            }
            init_logs();
            serving_runtime(&cfg)?.block_on(serve(cfg)).map(|()| true)
        }
        Command::Mcp(args) => {
            let cfg = effective_config(&args)?;
            init_logs();
            serving_runtime(&cfg)?.block_on(serve_mcp_stdio(cfg)).map(|()| true)
        }
        Command::Client(args) => tokio::runtime::Runtime::new()?.block_on(client::run(args)),
        Command::Sample { dir } => sample::write_sample(&dir).map(|()| {
            eprintln!("wrote the sample project to {}", dir.display());
            true
        }).map_err(Into::into),
    }
}

fn main() -> std::process::ExitCode {
    unity_mcp_server::memory::defer_trimming();
    match run(Cli::parse()) {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
