//! A node as JSON for agents: mappings as objects in file order, sequences as
//! arrays, numbers as numbers, every other scalar as a string (so a reference
//! `{fileID: 2100000, guid: ..., type: 2}` reads `{"fileID":2100000,"guid":"...","type":2}`).

use super::node::{Node, NodeKind, Style};

/// True if a plain scalar reads as a JSON number without losing anything: an
/// integer that fits 64 bits, or a decimal float. GUIDs (32 hex digits, which may
/// be all digits and one `e`) and zero-padded digit strings stay strings.
pub fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 40 || (b.len() == 32 && b.iter().all(u8::is_ascii_hexdigit)) {
        return false;
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, rest) = digits.split_at(digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len()));
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    if rest.is_empty() {
        return s.parse::<i64>().is_ok() || s.parse::<u64>().is_ok();
    }
    let (frac, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let fraction_ok = frac.is_empty() || (frac.len() > 1 && frac.starts_with('.') && frac[1..].bytes().all(|c| c.is_ascii_digit()));
    if !fraction_ok {
        return false;
    }
    if let Some(e) = exp {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || e.len() > 3 || !e.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Appends `node` as JSON to `out`.
pub fn write(node: &Node<'_>, out: &mut String) {
    match &node.kind {
        NodeKind::Scalar { raw, style } => {
            let text = node.text().unwrap_or_default();
            if *style == Style::Plain && is_number(raw.trim()) {
                out.push_str(raw.trim());
            } else {
                string(&text, out);
            }
        }
        // Materials before Unity 5.6 repeat one key (`data:`) for each element of
        // a vector: that is a sequence, and reads as one.
        NodeKind::Map { entries, .. } if super::node::repeats_one_key(entries) => {
            out.push('[');
            for (i, (_, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out);
            }
            out.push(']');
        }
        NodeKind::Map { entries, .. } => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
        NodeKind::Seq { items, .. } => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out);
            }
            out.push(']');
        }
    }
}

/// `node` as JSON text.
pub fn to_json(node: &Node<'_>) -> String {
    let mut out = String::new();
    write(node, &mut out);
    out
}

fn string(s: &str, out: &mut String) {
    // serde_json's escaping is the standard one; a &str always serialises.
    match serde_json::to_string(s) {
        Ok(q) => out.push_str(&q),
        Err(_) => out.push_str("\"\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_numbers_and_guids_stay_text() {
        for n in ["0", "-1", "0.5", "-2.3283063e-10", "1.5e+11", "4294967295", "-1531846310917372067"] {
            assert!(is_number(n), "{n}");
        }
        for s in ["0000000000000000e000000000000000", "00012", "1.", "abc", "Infinity", "NaN", "", "1e99999", "12345678901234567890123"] {
            assert!(!is_number(s), "{s}");
        }
        let t = "a: {fileID: 2100000, guid: 0000000000000000f000000000000000, type: 0}\nb:\n- 1\n- x y\nc: 'q'\n";
        let n = super::super::parse_document(t, 0, t.len()).unwrap();
        assert_eq!(to_json(&n), r#"{"a":{"fileID":2100000,"guid":"0000000000000000f000000000000000","type":0},"b":[1,"x y"],"c":"q"}"#);
    }
}
