//! The asset graph: what each asset's file and `.meta` mention ([`refs`]), kept as a
//! sharded two-way graph ([`graph`]) beside the GUID registry (GUID -> path). Both are
//! shared by every worker and follow the rule of the request path: no global lock.

pub mod graph;
pub mod refs;

use crate::meta::Guid;

/// Unity's built-in resources, referenced by real projects and never on disk: the
/// built-in extra resources (`0000000000000000f000000000000000`), default resources
/// (`0000000000000000e000000000000000`) and editor resources (`...d...`).
pub const BUILTIN_GUIDS: [Guid; 3] = [
    Guid(0x0000000000000000e000000000000000),
    Guid(0x0000000000000000f000000000000000),
    Guid(0x0000000000000000d000000000000000),
];

/// True for a built-in resource's GUID (never a dangling reference).
pub fn is_builtin(g: Guid) -> bool {
    BUILTIN_GUIDS.contains(&g)
}

/// Matches `path` against a glob: `**` any run of characters (across folders), `*`
/// any run within one folder name, `?` one character; the rest literally. Case
/// sensitive, as Unity's paths are.
pub fn glob_match(glob: &str, path: &str) -> bool {
    fn go(g: &[u8], p: &[u8]) -> bool {
        match g {
            [] => p.is_empty(),
            [b'*', b'*', rest @ ..] => {
                let rest = rest.strip_prefix(b"/").filter(|_| true).unwrap_or(rest);
                (0..=p.len()).any(|i| go(rest, &p[i..])) || go(&g[2..], p)
            }
            [b'*', rest @ ..] => {
                let stop = p.iter().position(|&c| c == b'/').unwrap_or(p.len());
                (0..=stop).any(|i| go(rest, &p[i..]))
            }
            [b'?', rest @ ..] => !p.is_empty() && p[0] != b'/' && go(rest, &p[1..]),
            [c, rest @ ..] => p.first() == Some(c) && go(rest, &p[1..]),
        }
    }
    go(glob.as_bytes(), path.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_shells() {
        assert!(glob_match("Assets/**/*.png", "Assets/A/B/x.png"));
        assert!(glob_match("Assets/**/*.png", "Assets/x.png"));
        assert!(glob_match("Assets/*.png", "Assets/x.png"));
        assert!(!glob_match("Assets/*.png", "Assets/A/x.png"));
        assert!(glob_match("Assets/?.mat", "Assets/a.mat"));
        assert!(glob_match("**", "Assets/anything/at/all"));
        assert!(!glob_match("Assets/*.png", "Assets/x.pngx"));
        assert!(glob_match("Assets/Art/**", "Assets/Art/x/y.prefab"));
    }
}
