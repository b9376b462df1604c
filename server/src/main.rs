//! The `unity-mcp` binary. See `unity-mcp --help`.

use clap::Parser;
use unity_mcp_server::cli::{Cli, Command, ServeArgs};
use unity_mcp_server::server::{self, ServerConfig};
use unity_mcp_server::driver::Driver;
use unity_mcp_server::service::McpService;
use unity_mcp_server::{client, sample};

fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let project = match args.project {
        Some(p) => p,
        None => {
            let dir = sample::fresh_sample_dir();
            sample::write_sample(&dir)?;
            eprintln!("No --project given: wrote the bundled sample project to {}", dir.display());
            dir
        }
    };
    let db = server::open_project(&project)?;
    let mut cfg = ServerConfig { listen: args.listen, max_message_bytes: args.max_message_bytes, shutdown_grace: std::time::Duration::from_millis(args.shutdown_grace_ms), ..ServerConfig::default() };
    cfg.engine.window_per_conn = args.stream_window;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", cfg.listen))?;
    let info = db.project_info();
    tracing::info!(
        addr = %listener.local_addr()?,
        project = %project.display(),
        name = %info.project_name,
        unity = %info.unity_version,
        "serving unity.mcp.v1.UnityMcpService (with grpc.health.v1 and reflection)"
    );
    let svc = McpService::new(Driver::start(db, cfg.engine.clone()));
    server::serve(listener, svc, &cfg, server::shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => {
            init_logs();
            serve(args).await.map(|()| true)
        }
        Command::Client(args) => client::run(args).await,
        Command::Sample { dir } => sample::write_sample(&dir).map(|()| {
            eprintln!("wrote the sample project to {}", dir.display());
            true
        }).map_err(Into::into),
    };
    match result {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
