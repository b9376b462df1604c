//! The two baseline servers of the benchmarks, behind one service implementation:
//!
//! - `Echo`: answers each Stream message at once with no work. The stack's limit.
//! - `Naive`: the seed sketch's pattern, faithfully, doing the same real disk work:
//!   `BATCH_SIZE` messages are collected before anything runs (so a client with one
//!   request in flight waits forever), then one task is spawned per message, each with
//!   a fresh service instance, and the batch is awaited with join_all; disk work runs
//!   on the reactor's threads; the answer channel holds 10,000; nothing else is bounded.

use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use tokio_stream::Stream;
use tonic::{Request, Response, Status, Streaming};
use unity_mcp_engine::{AssetDb, Op, OpError, RandomGuids};
use unity_mcp_server::convert;
use unity_mcp_server::fs_std::StdFs;
use unity_mcp_wire::pb::{self, unity_mcp_service_server::UnityMcpService};

/// The sketch's batch size.
pub const BATCH_SIZE: usize = 10;

/// Which baseline.
#[derive(Clone)]
pub enum Baseline {
    /// No work.
    Echo,
    /// The sketch's pattern over this project folder.
    Naive(Arc<PathBuf>),
}

fn echo(r: pb::StreamRequest) -> pb::StreamResponse {
    let path = match r.message {
        Some(pb::stream_request::Message::ImportAsset(i)) => i.asset_path,
        _ => String::new(),
    };
    pb::StreamResponse {
        id: r.id,
        error: None,
        message: Some(pb::stream_response::Message::ImportAsset(pb::ImportAssetResponse {
            asset: Some(pb::UnityAsset { guid: "00000000000000000000000000000000".into(), asset_path: path, r#type: "DefaultAsset".into() }),
            error: None,
        })),
    }
}

/// What the sketch did per message: a new service instance, then the operation.
fn naive(root: &PathBuf, req: pb::StreamRequest) -> pb::StreamResponse {
    let (id, decoded) = convert::decode_stream_request(&req);
    let Some((kind, op)) = decoded else {
        return convert::stream_error_response(id, &convert::empty_request_error());
    };
    let result = op.and_then(|op: Op| {
        let fs = StdFs::open(root).map_err(|e| OpError::io("open", &e))?;
        let db = AssetDb::new(Arc::new(fs), Arc::new(RandomGuids::from_entropy()));
        db.apply(&op)
    });
    convert::stream_response(id, kind, result)
}

impl Baseline {
    fn answer(&self, r: pb::StreamRequest) -> pb::StreamResponse {
        match self {
            Baseline::Echo => echo(r),
            Baseline::Naive(root) => naive(root, r),
        }
    }
}

fn unsupported<T>() -> Result<Response<T>, Status> {
    Err(Status::unimplemented("baselines serve Stream and ImportAsset only"))
}

#[tonic::async_trait]
impl UnityMcpService for Baseline {
    async fn list_tools(&self, _: Request<pb::ListToolsRequest>) -> Result<Response<pb::ListToolsResponse>, Status> {
        unsupported()
    }
    async fn call_tool(&self, _: Request<pb::CallToolRequest>) -> Result<Response<pb::CallToolResponse>, Status> {
        unsupported()
    }
    async fn list_resources(&self, _: Request<pb::ListResourcesRequest>) -> Result<Response<pb::ListResourcesResponse>, Status> {
        unsupported()
    }
    async fn read_resource(&self, _: Request<pb::ReadResourceRequest>) -> Result<Response<pb::ReadResourceResponse>, Status> {
        unsupported()
    }
    async fn list_prompts(&self, _: Request<pb::ListPromptsRequest>) -> Result<Response<pb::ListPromptsResponse>, Status> {
        unsupported()
    }
    async fn get_prompt(&self, _: Request<pb::GetPromptRequest>) -> Result<Response<pb::GetPromptResponse>, Status> {
        unsupported()
    }
    async fn get_project_info(&self, _: Request<pb::GetProjectInfoRequest>) -> Result<Response<pb::GetProjectInfoResponse>, Status> {
        unsupported()
    }
    async fn move_asset(&self, _: Request<pb::MoveAssetRequest>) -> Result<Response<pb::MoveAssetResponse>, Status> {
        unsupported()
    }
    async fn delete_asset(&self, _: Request<pb::DeleteAssetRequest>) -> Result<Response<pb::DeleteAssetResponse>, Status> {
        unsupported()
    }
    async fn find_assets(&self, _: Request<pb::FindAssetsRequest>) -> Result<Response<pb::FindAssetsResponse>, Status> {
        unsupported()
    }
    async fn find_references(&self, _: Request<pb::FindReferencesRequest>) -> Result<Response<pb::FindReferencesResponse>, Status> {
        unsupported()
    }
    async fn get_dependencies(&self, _: Request<pb::GetDependenciesRequest>) -> Result<Response<pb::GetDependenciesResponse>, Status> {
        unsupported()
    }
    async fn check_project(&self, _: Request<pb::CheckProjectRequest>) -> Result<Response<pb::CheckProjectResponse>, Status> {
        unsupported()
    }
    async fn copy_asset(&self, _: Request<pb::CopyAssetRequest>) -> Result<Response<pb::CopyAssetResponse>, Status> {
        unsupported()
    }
    async fn create_folder(&self, _: Request<pb::CreateFolderRequest>) -> Result<Response<pb::CreateFolderResponse>, Status> {
        unsupported()
    }
    async fn read_text(&self, _: Request<pb::ReadTextRequest>) -> Result<Response<pb::ReadTextResponse>, Status> {
        unsupported()
    }
    async fn write_text(&self, _: Request<pb::WriteTextRequest>) -> Result<Response<pb::WriteTextResponse>, Status> {
        unsupported()
    }
    async fn edit_text(&self, _: Request<pb::EditTextRequest>) -> Result<Response<pb::EditTextResponse>, Status> {
        unsupported()
    }
    async fn search_text(&self, _: Request<pb::SearchTextRequest>) -> Result<Response<pb::SearchTextResponse>, Status> {
        unsupported()
    }
    async fn create_script(&self, _: Request<pb::CreateScriptRequest>) -> Result<Response<pb::CreateScriptResponse>, Status> {
        unsupported()
    }
    async fn validate_script(&self, _: Request<pb::ValidateScriptRequest>) -> Result<Response<pb::ValidateScriptResponse>, Status> {
        unsupported()
    }
    async fn get_hierarchy(&self, _: Request<pb::GetHierarchyRequest>) -> Result<Response<pb::GetHierarchyResponse>, Status> {
        unsupported()
    }
    async fn get_object(&self, _: Request<pb::GetObjectRequest>) -> Result<Response<pb::GetObjectResponse>, Status> {
        unsupported()
    }
    async fn set_property(&self, _: Request<pb::SetPropertyRequest>) -> Result<Response<pb::SetPropertyResponse>, Status> {
        unsupported()
    }
    async fn refresh(&self, _: Request<pb::RefreshRequest>) -> Result<Response<pb::RefreshResponse>, Status> {
        unsupported()
    }

    async fn import_asset(&self, r: Request<pb::ImportAssetRequest>) -> Result<Response<pb::ImportAssetResponse>, Status> {
        let req = pb::StreamRequest { id: 0, message: Some(pb::stream_request::Message::ImportAsset(r.into_inner())) };
        match self.answer(req).message {
            Some(pb::stream_response::Message::ImportAsset(i)) => Ok(Response::new(i)),
            _ => Err(Status::internal("unexpected answer")),
        }
    }

    type StreamStream = Pin<Box<dyn Stream<Item = Result<pb::StreamResponse, Status>> + Send>>;

    async fn stream(&self, req: Request<Streaming<pb::StreamRequest>>) -> Result<Response<Self::StreamStream>, Status> {
        let mut inbound = req.into_inner();
        let this = self.clone();
        let (tx, rx) = tokio::sync::mpsc::channel(match self {
            Baseline::Echo => 64,
            Baseline::Naive(_) => 10_000,
        });
        tokio::spawn(async move {
            if let Baseline::Echo = this {
                while let Ok(Some(r)) = inbound.message().await {
                    if tx.send(Ok(echo(r))).await.is_err() {
                        return;
                    }
                }
                return;
            }
            let mut batch = Vec::with_capacity(BATCH_SIZE);
            while let Ok(Some(r)) = inbound.message().await {
                batch.push(r);
                // The sketch's defect: nothing runs until the batch is full.
                if batch.len() >= BATCH_SIZE {
                    let tasks: Vec<_> = batch
                        .drain(..)
                        .map(|r| {
                            let this = this.clone();
                            tokio::spawn(async move { this.answer(r) })
                        })
                        .collect();
                    for res in futures::future::join_all(tasks).await {
                        if tx.send(res.map_err(|e| Status::internal(e.to_string()))).await.is_err() {
                            return;
                        }
                    }
                }
            }
            for r in batch {
                let _ = tx.send(Ok(this.answer(r))).await;
            }
        });
        Ok(Response::new(Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx))))
    }
}

/// Serves a baseline on `addr` until killed.
pub async fn serve(b: Baseline, addr: std::net::SocketAddr) -> anyhow::Result<()> {
    tonic::transport::Server::builder()
        .tcp_nodelay(true)
        .add_service(unity_mcp_wire::pb::unity_mcp_service_server::UnityMcpServiceServer::new(b))
        .serve(addr)
        .await?;
    Ok(())
}
