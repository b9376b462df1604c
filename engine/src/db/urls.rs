//! Path-based references: UI Toolkit files (UXML, USS, TSS) name assets by URL,
//! `project://database/<path>?fileID=..&guid=<guid>&type=..#name`. The GUID keeps the
//! reference alive after a move, but the Editor warns until the path is fixed; a move
//! through this server rewrites the path of every such URL whose GUID moved.

use super::AssetDb;
use crate::meta::Guid;
use std::collections::HashSet;

/// The URL scheme and authority of a path-based reference.
const PREFIX: &str = "project://database/";
/// Extensions of files whose URLs are rewritten.
const URL_FILES: &[&str] = &["uxml", "uss", "tss"];
/// Largest such file rewritten (larger ones keep their URLs; the GUID still holds).
const MAX_URL_FILE_BYTES: usize = 16 << 20;

/// `path` as Unity writes it in a URL (spaces and URL delimiters escaped).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '&' => out.push_str("%26"),
            _ => out.push(c),
        }
    }
    out
}

/// `text` with the path of every URL whose `guid=` is in `moved` replaced by where
/// `path_of` says that GUID now is; `None` if nothing changed.
fn rewrite(text: &str, moved: &HashSet<Guid>, path_of: impl Fn(Guid) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find(PREFIX) {
        let start = at + PREFIX.len();
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let path_end = tail.find(['?', '"', '\'', ')', '<', '\n']).unwrap_or(tail.len());
        let query_end = tail.find(['"', '\'', ')', '<', '\n', '#']).unwrap_or(tail.len()).max(path_end);
        let query = &tail[path_end..query_end];
        let guid = query
            .find("guid=")
            .and_then(|i| query.get(i + 5..i + 37))
            .and_then(Guid::parse)
            .filter(|g| moved.contains(g));
        match guid.and_then(&path_of) {
            Some(new_path) => {
                let encoded = encode(&new_path);
                changed |= encoded != tail[..path_end];
                out.push_str(&encoded);
            }
            None => out.push_str(&tail[..path_end]),
        }
        rest = &tail[path_end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

impl AssetDb {
    /// After a move of the assets holding `moved`: rewrites the URLs that name them
    /// in every UXML, USS and TSS file that references them. Best effort: a file
    /// that cannot be rewritten keeps its old path (its GUID still holds).
    pub(super) fn rewrite_path_urls(&self, moved: &HashSet<Guid>) {
        let mut referrers: HashSet<Guid> = HashSet::new();
        for g in moved {
            referrers.extend(self.graph.referrers(*g));
        }
        for r in referrers {
            let Some(held) = self.registry.get(r) else { continue };
            let ext = held.path.extension().unwrap_or_default();
            if !URL_FILES.contains(&ext.as_str()) {
                continue;
            }
            let Ok(bytes) = self.fs.read(held.path.as_str(), MAX_URL_FILE_BYTES) else { continue };
            let Ok(text) = std::str::from_utf8(&bytes) else { continue };
            let path_of = |g: Guid| self.registry.owner(g).map(|p| p.into_string());
            if let Some(new) = rewrite(text, moved, path_of) {
                let _ = self.fs.write_atomic(held.path.as_str(), new.as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_urls_whose_guid_moved() {
        let a = Guid(0xa);
        let b = Guid(0xb);
        let text = format!(
            "<Style src=\"project://database/Assets/UI%20Toolkit/Uss/Main.uss?fileID=7433441132597879392&amp;guid={a}&amp;type=3#Main\" />\n\
             <Style src=\"project://database/Assets/Other.uss?fileID=1&amp;guid={b}&amp;type=3#Other\" />\n"
        );
        let moved = HashSet::from([a]);
        let out = rewrite(&text, &moved, |g| (g == a).then(|| "Assets/New Place/Main.uss".to_string())).unwrap();
        assert!(out.contains("project://database/Assets/New%20Place/Main.uss?fileID=7433441132597879392&amp;guid="));
        assert!(out.contains("project://database/Assets/Other.uss?fileID=1"));
        // Moving back restores the bytes.
        let back = rewrite(&out, &moved, |_| Some("Assets/UI Toolkit/Uss/Main.uss".to_string())).unwrap();
        assert_eq!(back, text);
        assert!(rewrite(&text, &HashSet::new(), |_| None).is_none());
    }
}
