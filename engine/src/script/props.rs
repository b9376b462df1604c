//! Property tests of the preprocessor pass and the C# checks on arbitrary text.

use crate::script::preproc::configure;
use crate::script::csharp::{check, check_reusing, ScriptContext};
use proptest::prelude::*;

/// Pieces that stress the pass: directives in every order, strings and comments
/// that hide `#`, both line endings, multi-byte characters.
const PIECES: [&str; 24] = [
    "#if A\n", "#elif B\n", "#else\n", "#endif\n", "#if !(A || B) && C\n", "#define A\n", "#undef A\n", "#region r\n", "@\"", "\"", "\"\"\"", "/*", "*/",
    "//", "class X {", "}", "void F() { int x = 1", ";", "\n", "\r\n", "é∑", "  #if A // c\n", "(", "'\"'",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn any_text_keeps_its_shape(pieces in prop::collection::vec(0..PIECES.len(), 0..60), mask in 0u8..8) {
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let defined = |s: &str| match s { "A" => mask & 1 != 0, "B" => mask & 2 != 0, "C" => mask & 4 != 0, _ => false };
        let c = configure(text.as_bytes(), &defined);
        prop_assert_eq!(c.text.len(), text.len());
        let breaks = |b: &[u8]| b.iter().enumerate().filter(|(_, &x)| x == b'\n').map(|(i, _)| i).collect::<Vec<_>>();
        prop_assert_eq!(breaks(&c.text), breaks(text.as_bytes()));
        let lines = text.split('\n').count();
        prop_assert_eq!(c.active.len(), lines);
        // Inactive lines are blank; active ones are untouched.
        for (n, line) in text.split('\n').enumerate() {
            let start: usize = text.split('\n').take(n).map(|l| l.len() + 1).sum();
            let got = &c.text[start..start + line.len()];
            if c.active[n] {
                prop_assert_eq!(got, line.as_bytes());
            } else {
                prop_assert!(got.iter().all(|&b| b == b' ' || b == b'\r'));
            }
        }
        for d in check(&text, &ScriptContext { stem: Some("X"), player: Some(mask & 1 == 0), defines: &[] }) {
            prop_assert!(d.line >= 1 && d.line as usize <= lines && d.column >= 1, "{:?}", d);
        }
    }
}

/// Real scripts with `#if UNITY_EDITOR` regions (both configurations parsed).
fn real_scripts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/projects");
    ["skinner/Assets/Skinner/SkinnerTrail.cs", "unitask/Assets/Plugins/UniTask/Runtime/PlayerLoopTimer.cs", "jacquard/Assets/Jacquard/UI/SystemPanel.cs"]
        .iter()
        .map(|p| std::fs::read_to_string(root.join(p)).unwrap_or_default().trim_start_matches('\u{feff}').to_string())
        .collect()
}

/// What an edit inserts: code, broken code, directives, nothing.
const INSERTS: [&str; 12] = ["", ";", "}", "{", "int x = 1;\n", "#if UNITY_EDITOR\n", "#endif\n", "#else\n", "using UnityEditor;\n", "\"", "/*", "x => x"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    /// A check that starts from the trees of the previous version's check answers
    /// exactly what a check from scratch answers, edit after edit.
    #[test]
    fn reusing_trees_answers_as_a_fresh_parse(
        which in 0usize..3,
        edits in prop::collection::vec((0.0f64..1.0, 0usize..40, 0..INSERTS.len()), 1..6),
    ) {
        let scripts = real_scripts();
        let mut text = scripts[which].clone();
        prop_assume!(!text.is_empty());
        let ctx = ScriptContext { stem: Some("SkinnerTrail"), player: Some(true), defines: &[] };
        let (first, mut parsed) = check_reusing(&text, &ctx, None, &mut || false).unwrap();
        prop_assert_eq!(&first, &check(&text, &ctx));
        for (at, cut, insert) in edits {
            let mut start = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, INSERTS[insert]);
            let (reused, next) = check_reusing(&text, &ctx, parsed.take(), &mut || false).unwrap();
            prop_assert_eq!(reused, check(&text, &ctx), "after replacing {}..{} with {:?}", start, end, INSERTS[insert]);
            parsed = next;
        }
    }
}
