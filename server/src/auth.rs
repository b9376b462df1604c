//! Optional shared-secret access control: with a token configured, every call to the
//! MCP service (and to reflection) must carry `authorization: Bearer <token>`;
//! missing or wrong gets UNAUTHENTICATED. The comparison is constant-time. Health
//! checks stay open so orchestrators can probe without the secret.

use std::sync::Arc;
use subtle::ConstantTimeEq;
use tonic::{Request, Status};

/// Environment variable that may hold the token (so it stays out of process lists).
pub const TOKEN_ENV: &str = "UNITY_MCP_TOKEN";

/// Checks the bearer token on each call (no token configured: every call passes).
#[derive(Clone, Default)]
pub struct TokenCheck {
    token: Option<Arc<[u8]>>,
}

impl TokenCheck {
    /// Requires `token` when it is `Some` and not empty.
    pub fn new(token: Option<&str>) -> TokenCheck {
        TokenCheck { token: token.filter(|t| !t.is_empty()).map(|t| Arc::from(t.as_bytes())) }
    }

    /// True if a token is required.
    pub fn enabled(&self) -> bool {
        self.token.is_some()
    }

    /// Checks an `authorization` header value; the error says what is wrong.
    pub fn check_header(&self, value: Option<&str>) -> Result<(), &'static str> {
        let Some(expected) = &self.token else { return Ok(()) };
        let presented = value.and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
        if bool::from(presented.as_bytes().ct_eq(expected)) {
            Ok(())
        } else if presented.is_empty() {
            Err("this server requires a token: send the header 'Authorization: Bearer <token>'")
        } else {
            Err("the token is wrong")
        }
    }
}

impl tonic::service::Interceptor for TokenCheck {
    fn call(&mut self, req: Request<()>) -> Result<Request<()>, Status> {
        let header = req.metadata().get("authorization").and_then(|v| v.to_str().ok());
        match self.check_header(header) {
            Ok(()) => Ok(req),
            Err(_) if header.is_none_or(|h| !h.starts_with("Bearer ") || h.len() == 7) => {
                Err(Status::unauthenticated("this server requires a token: send metadata 'authorization: Bearer <token>'"))
            }
            Err(why) => Err(Status::unauthenticated(why)),
        }
    }
}

/// Adds `authorization: Bearer <token>` to every outgoing call (the client side).
#[derive(Clone, Default)]
pub struct BearerToken(pub Option<tonic::metadata::MetadataValue<tonic::metadata::Ascii>>);

impl BearerToken {
    /// From a token string; an unusable (non-ASCII) token is an error.
    pub fn new(token: Option<&str>) -> anyhow::Result<BearerToken> {
        match token.filter(|t| !t.is_empty()) {
            None => Ok(BearerToken(None)),
            Some(t) => Ok(BearerToken(Some(format!("Bearer {t}").parse().map_err(|_| anyhow::anyhow!("the token must be printable ASCII"))?))),
        }
    }
}

impl tonic::service::Interceptor for BearerToken {
    fn call(&mut self, mut req: Request<()>) -> Result<Request<()>, Status> {
        if let Some(v) = &self.0 {
            req.metadata_mut().insert("authorization", v.clone());
        }
        Ok(req)
    }
}
