//! Path validation never panics and accepts exactly what the rules allow: checked
//! against an independent oracle written from the rules' text, not from the code.

use proptest::prelude::*;
use unity_mcp_engine::{AssetPath, ErrorKind};

/// The rules, restated: a relative path with `/` or `\` separators, whose components
/// are non-empty, not `.`/`..`, at most 255 bytes, free of control characters and
/// `<>:"|?*`; total at most 1024 bytes; under Assets/<x> or Packages/<pkg>/<x>; the last
/// component not ending in `.meta`; no component that Unity ignores. One trailing
/// separator is tolerated.
fn oracle(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.len() > 1024 {
        return None;
    }
    if raw.chars().any(|c| c.is_control() || "<>:\"|?*".contains(c)) {
        return None;
    }
    let unified: String = raw.chars().map(|c| if c == '\\' { '/' } else { c }).collect();
    let body = unified.strip_suffix('/').unwrap_or(&unified);
    let parts: Vec<&str> = body.split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == ".." || p.len() > 255) {
        return None;
    }
    let min_len = match parts[0] {
        "Assets" => 2,
        "Packages" => 3,
        _ => return None,
    };
    if parts.len() < min_len {
        return None;
    }
    if parts.last()?.to_lowercase().ends_with(".meta") {
        return None;
    }
    let ignored = |p: &str| p.starts_with('.') || p.ends_with('~') || p.to_lowercase() == "cvs" || p.to_lowercase().ends_with(".tmp");
    if parts.iter().any(|p| ignored(p)) {
        return None;
    }
    Some(parts.join("/"))
}

fn tricky() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("Assets".to_string()),
        Just("Packages".to_string()),
        Just("com.x".to_string()),
        Just("/".to_string()),
        Just("\\".to_string()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("~".to_string()),
        Just(".meta".to_string()),
        Just(".tmp".to_string()),
        Just("cvs".to_string()),
        Just("C:".to_string()),
        Just("a".to_string()),
        Just("é".to_string()),
        Just(" ".to_string()),
        Just("\0".to_string()),
        Just("\n".to_string()),
        Just("\u{7f}".to_string()),
        Just("<".to_string()),
        Just("*".to_string()),
        Just("x".repeat(250)),
        "[a-z]{1,4}".prop_map(|s| s),
    ];
    proptest::collection::vec(atom, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn validation_matches_the_rules(raw in tricky()) {
        let got = AssetPath::parse("asset_path", &raw);
        match (oracle(&raw), got) {
            (Some(want), Ok(p)) => prop_assert_eq!(want, p.as_str()),
            (None, Err(e)) => {
                prop_assert_eq!(e.kind, ErrorKind::Invalid);
                prop_assert!(e.message.starts_with("asset_path: "));
            }
            (want, got) => prop_assert!(false, "raw {:?}: oracle {:?}, parse {:?}", raw, want, got),
        }
    }

    #[test]
    fn validation_never_panics_on_any_string(raw in any::<String>()) {
        let _ = AssetPath::parse("asset_path", &raw);
    }

    #[test]
    fn validation_is_idempotent(raw in tricky()) {
        if let Ok(p) = AssetPath::parse("asset_path", &raw) {
            prop_assert_eq!(AssetPath::parse("asset_path", p.as_str()).unwrap(), p);
        }
    }
}
