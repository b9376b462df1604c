//! MCP resources: `unity://project/info` and `unity://asset/<path>` (JSON), and
//! `unity://text/<path>` (a text asset's content, as ReadText reads it), and
//! `unity://hierarchy/<path>` (a scene's or prefab's GameObject tree, JSON).

use unity_mcp_engine::{ErrorKind, OpError};
use unity_mcp_engine::AssetPath;

/// URI of the project description.
pub const PROJECT_INFO_URI: &str = "unity://project/info";
/// Prefix of asset URIs; the rest is the percent-encoded asset path.
pub const ASSET_URI_PREFIX: &str = "unity://asset/";
/// Prefix of text URIs; the rest is the percent-encoded path of a text asset.
pub const TEXT_URI_PREFIX: &str = "unity://text/";
/// Prefix of hierarchy URIs; the rest is the percent-encoded path of a scene or prefab.
pub const HIERARCHY_URI_PREFIX: &str = "unity://hierarchy/";
/// MIME type of the JSON resources.
pub const JSON_MIME: &str = "application/json";
/// MIME type of `unity://text/` resources.
pub const TEXT_MIME: &str = "text/plain";
/// Most resources ListResources returns (the project info plus assets found first in
/// a sorted walk of Assets/): bounds the answer on huge projects.
pub const MAX_LISTED_RESOURCES: usize = 1000;

/// A parsed resource URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceRef {
    /// `unity://project/info`.
    ProjectInfo,
    /// `unity://asset/<path>`.
    Asset(AssetPath),
    /// `unity://text/<path>`.
    Text(AssetPath),
    /// `unity://hierarchy/<path>`: a scene's or prefab's GameObject tree.
    Hierarchy(AssetPath),
}

/// Parses a resource URI. Not a `unity://` URI -> 3; unknown resource -> 5.
pub fn parse_uri(uri: &str) -> Result<ResourceRef, OpError> {
    if uri == PROJECT_INFO_URI {
        return Ok(ResourceRef::ProjectInfo);
    }
    if let Some(rest) = uri.strip_prefix(ASSET_URI_PREFIX) {
        let decoded = percent_decode(rest).ok_or_else(|| OpError::invalid("uri: bad percent-encoding in the asset path"))?;
        return Ok(ResourceRef::Asset(AssetPath::parse("uri", &decoded)?));
    }
    if let Some(rest) = uri.strip_prefix(TEXT_URI_PREFIX) {
        let decoded = percent_decode(rest).ok_or_else(|| OpError::invalid("uri: bad percent-encoding in the text asset's path"))?;
        return Ok(ResourceRef::Text(AssetPath::parse("uri", &decoded)?));
    }
    if let Some(rest) = uri.strip_prefix(HIERARCHY_URI_PREFIX) {
        let decoded = percent_decode(rest).ok_or_else(|| OpError::invalid("uri: bad percent-encoding in the scene's path"))?;
        return Ok(ResourceRef::Hierarchy(AssetPath::parse("uri", &decoded)?));
    }
    if !uri.starts_with("unity://") {
        return Err(OpError::invalid(format!(
            "uri: '{}' is not a unity:// URI; try {PROJECT_INFO_URI} or {ASSET_URI_PREFIX}Assets/...",
            uri.chars().take(128).collect::<String>()
        )));
    }
    Err(OpError::new(ErrorKind::NotFound, format!("uri: no resource '{}'", uri.chars().take(128).collect::<String>())))
}

/// The URI of an asset.
pub fn asset_uri(path: &AssetPath) -> String {
    let mut out = String::from(ASSET_URI_PREFIX);
    for b in path.as_str().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        let p = AssetPath::parse("p", "Assets/My Art/hé%.png").unwrap();
        let uri = asset_uri(&p);
        assert_eq!(uri, "unity://asset/Assets/My%20Art/h%C3%A9%25.png");
        assert_eq!(parse_uri(&uri).unwrap(), ResourceRef::Asset(p));
        assert_eq!(parse_uri(PROJECT_INFO_URI).unwrap(), ResourceRef::ProjectInfo);
        assert_eq!(parse_uri("unity://nothing").unwrap_err().kind, ErrorKind::NotFound);
        assert_eq!(parse_uri("unity://text/Assets/A%20B.cs").unwrap(), ResourceRef::Text(AssetPath::parse("p", "Assets/A B.cs").unwrap()));
        assert_eq!(parse_uri("unity://hierarchy/Assets/Main.unity").unwrap(), ResourceRef::Hierarchy(AssetPath::parse("p", "Assets/Main.unity").unwrap()));
        assert_eq!(parse_uri("http://x").unwrap_err().kind, ErrorKind::Invalid);
        assert_eq!(parse_uri("unity://asset/%zz").unwrap_err().kind, ErrorKind::Invalid);
        assert_eq!(parse_uri("unity://asset/Assets/..%2F..%2Fetc").unwrap_err().kind, ErrorKind::Invalid);
    }
}
