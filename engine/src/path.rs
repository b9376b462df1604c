//! Validation of client-supplied asset paths into [`AssetPath`].
//!
//! The rules, in the order they are checked (the first failure is reported):
//! empty; longer than [`MAX_PATH_BYTES`]; a control character (NUL included); a drive
//! path (`C:`); one of `<>:"|?*`; absolute (`/...` after turning `\` into `/`); an
//! empty, `.` or `..` component; a component longer than [`MAX_COMPONENT_BYTES`]; not
//! under `Assets/` or `Packages/<package>/`; the root itself; a `.meta` target; a name
//! that Unity ignores (starts with `.`, ends with `~`, is `cvs`, ends with `.tmp`).
//! Backslashes are accepted as separators, as Unity's AssetDatabase does, so `..`
//! written with backslashes is caught like any other.

use crate::error::OpError;

/// Longest accepted path, in bytes. Unity's own paths stay far below it; it bounds the
/// work and memory one request can cause.
pub const MAX_PATH_BYTES: usize = 1024;
/// Longest accepted path component, in bytes (NAME_MAX of common file systems).
pub const MAX_COMPONENT_BYTES: usize = 255;

const FORBIDDEN_CHARS: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

/// A validated, normalised project-relative path (`/`-separated) under `Assets/` or
/// inside a package folder under `Packages/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AssetPath(String);

impl AssetPath {
    /// Validates `raw`, the value of the request field `field`, as the target of an
    /// asset operation. Never panics; every rejection is code 3 naming the field.
    pub fn parse(field: &str, raw: &str) -> Result<AssetPath, OpError> {
        let fail = |rule: String| Err(OpError::invalid(format!("{field}: {rule}")));
        if raw.is_empty() {
            return fail("is empty".into());
        }
        if raw.len() > MAX_PATH_BYTES {
            return fail(format!("is {} bytes long; the limit is {MAX_PATH_BYTES}", raw.len()));
        }
        // One pass over the characters for the control and forbidden characters.
        let mut forbidden = None;
        let mut backslash = false;
        for c in raw.chars() {
            if c.is_control() {
                return fail(format!("contains the control character U+{:04X}", c as u32));
            }
            if forbidden.is_none() && FORBIDDEN_CHARS.contains(&c) {
                forbidden = Some(c);
            }
            backslash |= c == '\\';
        }
        let bytes = raw.as_bytes();
        if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
            return fail(format!("'{raw}' is a drive path; paths are relative to the project, e.g. Assets/Textures/a.png"));
        }
        if let Some(c) = forbidden {
            return fail(format!("contains the character '{c}', which Unity does not allow in asset paths"));
        }
        let normalised = if backslash { raw.replace('\\', "/") } else { raw.to_string() };
        if normalised.starts_with('/') {
            return fail(format!("'{raw}' is absolute; paths are relative to the project, e.g. Assets/Textures/a.png"));
        }
        let trimmed_len = normalised.strip_suffix('/').map_or(normalised.len(), str::len);
        let trimmed = &normalised[..trimmed_len];
        let mut components = 0usize;
        for comp in trimmed.split('/') {
            components += 1;
            match comp {
                "" => return fail(format!("'{raw}' has an empty path component")),
                "." | ".." => return fail(format!("'{raw}' contains a '{comp}' component; paths may not leave or re-enter folders")),
                _ if comp.len() > MAX_COMPONENT_BYTES => {
                    return fail(format!("has a component of {} bytes; the limit is {MAX_COMPONENT_BYTES}", comp.len()))
                }
                _ => {}
            }
        }
        let mut normalised = normalised;
        normalised.truncate(trimmed_len);
        let path = AssetPath(normalised);
        match path.root() {
            "Assets" if components >= 2 => {}
            "Packages" if components >= 3 => {}
            "Packages" if components == 2 => {
                return fail(format!(
                    "'{raw}' is not inside a package folder; only Packages/<package>/... holds assets"
                ))
            }
            "Assets" | "Packages" => {
                return fail(format!("'{raw}' is a root folder, not an asset; name something inside it"))
            }
            _ => return fail(format!("'{raw}' is outside Assets/ and Packages/")),
        }
        if ends_with_ignore_case(path.file_name(), ".meta") {
            return fail(format!("'{raw}' names a .meta file; operate on the asset itself"));
        }
        if let Some(comp) = path.0.split('/').find(|c| is_ignored_name(c)) {
            return fail(format!("'{raw}': Unity ignores the name '{comp}' (hidden, ends with '~', 'cvs' or '.tmp')"));
        }
        Ok(path)
    }

    /// Builds a path without validation. For paths the engine derives itself from
    /// validated ones or from directory listings (never from client input).
    pub fn from_trusted(path: impl Into<String>) -> AssetPath {
        AssetPath(path.into())
    }

    /// The path string, by value.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The path as a `/`-separated string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first component (`Assets` or `Packages`).
    pub fn root(&self) -> &str {
        self.0.split('/').next().unwrap_or("")
    }

    /// The last component.
    pub fn file_name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or("")
    }

    /// The parent folder, or `None` at the top.
    pub fn parent(&self) -> Option<AssetPath> {
        self.0.rfind('/').map(|i| AssetPath(self.0[..i].to_string()))
    }

    /// A child of this folder.
    pub fn join(&self, name: &str) -> AssetPath {
        AssetPath(format!("{}/{}", self.0, name))
    }

    /// The path of this asset's `.meta` file.
    pub fn meta_path(&self) -> String {
        format!("{}.meta", self.0)
    }

    /// True if `other` lies strictly inside this folder.
    pub fn is_ancestor_of(&self, other: &AssetPath) -> bool {
        other.0.len() > self.0.len() && other.0.starts_with(&self.0) && other.0.as_bytes()[self.0.len()] == b'/'
    }

    /// True if the two paths are equal or one contains the other: operations on them
    /// must not run at the same time.
    pub fn overlaps(&self, other: &AssetPath) -> bool {
        self == other || self.is_ancestor_of(other) || other.is_ancestor_of(self)
    }

    /// The lower-cased extension of the last component, without the dot.
    pub fn extension(&self) -> Option<String> {
        extension_of(self.file_name())
    }
}

impl std::fmt::Display for AssetPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The lower-cased extension of a file name, without the dot.
pub fn extension_of(name: &str) -> Option<String> {
    let dot = name.rfind('.')?;
    if dot == 0 || dot + 1 == name.len() {
        return None;
    }
    Some(name[dot + 1..].to_ascii_lowercase())
}

/// `name` ends with `suffix`, ASCII case-insensitively (no allocation).
fn ends_with_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len() && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The key under which a case-insensitive file system (Windows, macOS by default) keeps
/// `s`: Unicode NFC (macOS stores names decomposed, clients send them composed), then
/// lower case. Two spellings of one file fold to the same key.
pub fn fold_case(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().flat_map(char::to_lowercase).collect()
}

/// Whether the project's file system tells names apart by case (Linux) or not
/// (Windows, macOS by default). Decided at start-up by a probe in the project folder
/// unless configured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseRule {
    /// `a.png` and `A.png` are two files.
    #[default]
    Sensitive,
    /// `a.png` and `A.png` are one file (and so are NFC and NFD spellings).
    Insensitive,
}

impl CaseRule {
    /// The key of `s` under this rule: `s` itself, or [`fold_case`].
    pub fn key<'a>(self, s: &'a str) -> std::borrow::Cow<'a, str> {
        match self {
            CaseRule::Sensitive => std::borrow::Cow::Borrowed(s),
            CaseRule::Insensitive => std::borrow::Cow::Owned(fold_case(s)),
        }
    }

    /// True if `a` and `b` name the same entry under this rule.
    pub fn same(self, a: &str, b: &str) -> bool {
        a == b || (self == CaseRule::Insensitive && fold_case(a) == fold_case(b))
    }
}

/// Unity's rule for names it skips entirely (no .meta, not imported, not descended into).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.eq_ignore_ascii_case("cvs") || ends_with_ignore_case(name, ".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn ok(s: &str) -> String {
        AssetPath::parse("asset_path", s).map(|p| p.0).unwrap_or_else(|e| panic!("{s}: {e}"))
    }
    fn bad(s: &str) -> String {
        match AssetPath::parse("asset_path", s) {
            Ok(p) => panic!("{s:?} accepted as {p}"),
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::Invalid);
                assert!(e.message.starts_with("asset_path: "), "{}", e.message);
                e.message
            }
        }
    }

    #[test]
    fn accepts_ordinary_paths() {
        assert_eq!(ok("Assets/Textures/hero.png"), "Assets/Textures/hero.png");
        assert_eq!(ok("Assets/Folder/"), "Assets/Folder");
        assert_eq!(ok("Assets\\Scripts\\A.cs"), "Assets/Scripts/A.cs");
        assert_eq!(ok("Packages/com.acme.tools/Runtime/X.cs"), "Packages/com.acme.tools/Runtime/X.cs");
        assert_eq!(ok("Assets/Ünïcödé name.txt"), "Assets/Ünïcödé name.txt");
    }

    #[test]
    fn rejects_every_rule_with_a_clear_message() {
        assert!(bad("").contains("empty"));
        assert!(bad(&format!("Assets/{}", "a".repeat(2000))).contains("limit is 1024"));
        assert!(bad("Assets/a\0b").contains("U+0000"));
        assert!(bad("Assets/a\nb").contains("control"));
        assert!(bad("C:\\Users\\x").contains("drive"));
        assert!(bad("Assets/a?.png").contains("'?'"));
        assert!(bad("/etc/passwd").contains("absolute"));
        assert!(bad("\\\\server\\share").contains("absolute"));
        assert!(bad("Assets/../../etc").contains(".."));
        assert!(bad("Assets\\..\\..\\etc").contains(".."));
        assert!(bad("Assets/./a").contains("'.'"));
        assert!(bad("Assets//a").contains("empty path component"));
        assert!(bad(&format!("Assets/{}", "a".repeat(300))).contains("limit is 255"));
        assert!(bad("ProjectSettings/ProjectSettings.asset").contains("outside"));
        assert!(bad("Assets").contains("root"));
        assert!(bad("Packages").contains("root"));
        assert!(bad("Packages/com.acme").contains("not inside a package folder"));
        assert!(bad("Packages/manifest.json").contains("not inside a package folder"));
        assert!(bad("Assets/a.png.meta").contains(".meta"));
        assert!(bad("Assets/A.META").contains(".meta"));
        assert!(bad("Assets/.git/config").contains("ignores"));
        assert!(bad("Assets/Backup~/a.png").contains("ignores"));
        assert!(bad("Assets/x.tmp").contains("ignores"));
    }

    #[test]
    fn overlap_is_by_component_not_prefix() {
        let a = AssetPath::from_trusted("Assets/A");
        assert!(a.overlaps(&AssetPath::from_trusted("Assets/A/b.png")));
        assert!(!a.overlaps(&AssetPath::from_trusted("Assets/AB")));
        assert!(a.overlaps(&a.clone()));
    }
}
