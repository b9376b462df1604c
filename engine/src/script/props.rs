//! Property tests of the preprocessor pass and the C# checks on arbitrary text.

use crate::script::preproc::configure;
use crate::script::csharp::{check, ScriptContext};
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
