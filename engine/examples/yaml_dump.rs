//! Dumps each document body of Unity YAML files as JSON with every scalar a
//! string (one line per document), for checking the reader against another YAML
//! parser: `cargo run -p unity-mcp-engine --example yaml_dump -- FILE...`.
use unity_mcp_engine::yaml::{Node, NodeKind, UnityFile};

fn strings(n: &Node<'_>, out: &mut String) {
    match &n.kind {
        NodeKind::Scalar { .. } => out.push_str(&serde_json::to_string(&n.text().unwrap_or_default()).unwrap_or_default()),
        NodeKind::Map { entries, .. } => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                strings(v, out);
            }
            out.push('}');
        }
        NodeKind::Seq { items, .. } => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                strings(v, out);
            }
            out.push(']');
        }
    }
}

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Ok(f) = UnityFile::parse(text) else { continue };
        for d in &f.docs {
            let mut out = String::new();
            match f.body(d) {
                Ok(b) => strings(&b, &mut out),
                Err(e) => out = format!("ERROR {e}"),
            }
            println!("{path}\t{}\t{out}", d.file_id);
        }
    }
}
