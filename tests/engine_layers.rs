//! The engine's layers: a module imports only from its own layer or the
//! layers before it. The layers are the numbered list in `src/engine.rs`'s
//! `//!` doc; every `pub mod` there must be in exactly one layer, and every
//! `crate::engine::X` path in `src/engine/` (outside comments) must name a
//! module no higher than the file's own. Reading the sources is cheap and
//! catches the import that would make a party depend on the world.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const ENGINE_RS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/engine.rs");
const ENGINE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/engine");

/// The modules `src/engine.rs` declares.
fn declared_modules(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// Module name to layer number, from the numbered list in the `//!` doc:
/// an item starts with `//! N.` and runs until the next one; its modules
/// are the `` [`name`] `` links in it.
fn layers(source: &str) -> BTreeMap<String, usize> {
    let mut layer_of = BTreeMap::new();
    let mut current: Option<usize> = None;
    for line in source.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            break;
        };
        let doc = doc.trim();
        if let Some((number, _)) = doc.split_once(". ") {
            if let Ok(n) = number.parse::<usize>() {
                current = Some(n);
            }
        }
        if doc.is_empty() {
            current = None;
        }
        let Some(layer) = current else { continue };
        let mut rest = doc;
        while let Some(start) = rest.find("[`") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("`]") else { break };
            let name = &after[..end];
            // `[`event::Event`]` names an item, not a module of the list.
            if !name.contains("::") {
                let earlier = layer_of.insert(name.to_string(), layer);
                assert!(
                    earlier.is_none_or(|e| e == layer),
                    "{name} is listed in two layers"
                );
            }
            rest = &after[end..];
        }
    }
    layer_of
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/engine is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level engine module a file belongs to: `src/engine/X.rs` and
/// everything under `src/engine/X/` are `X`.
fn owner(path: &Path) -> String {
    let relative = path
        .strip_prefix(ENGINE_DIR)
        .expect("a file under src/engine");
    let first = relative
        .components()
        .next()
        .expect("a non-empty path")
        .as_os_str()
        .to_string_lossy()
        .to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The engine modules a line of code names: `crate::engine::X...` and the
/// members of `crate::engine::{X, Y::...}`.
fn named_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find("crate::engine::") {
        rest = &rest[start + "crate::engine::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            names.extend(
                inner
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or_default())
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            );
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            names.push(rest[..end].to_string());
        }
    }
    names
}

#[test]
fn every_module_is_in_one_layer() {
    let source = fs::read_to_string(ENGINE_RS).expect("src/engine.rs is readable");
    let layer_of = layers(&source);
    let declared = declared_modules(&source);
    assert!(declared.len() > 10, "found the module list: {declared:?}");
    for module in &declared {
        assert!(
            layer_of.contains_key(module),
            "`{module}` is not in any layer of src/engine.rs's doc"
        );
    }
    for module in layer_of.keys() {
        assert!(
            declared.contains(module),
            "the layers list `{module}`, which src/engine.rs does not declare"
        );
    }
}

#[test]
fn imports_run_only_downward() {
    let source = fs::read_to_string(ENGINE_RS).expect("src/engine.rs is readable");
    let layer_of = layers(&source);
    let mut files = Vec::new();
    rust_files(Path::new(ENGINE_DIR), &mut files);
    assert!(files.len() > 30, "found the engine's sources");
    let mut upward = Vec::new();
    for file in &files {
        let module = owner(file);
        let own = *layer_of
            .get(&module)
            .unwrap_or_else(|| panic!("{} belongs to no layer", file.display()));
        let text = fs::read_to_string(file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            // Doc links may point anywhere; only code makes a dependency.
            let code = line.split("//").next().unwrap_or_default();
            for named in named_modules(code) {
                let Some(&theirs) = layer_of.get(&named) else {
                    upward.push(format!(
                        "{}:{}: `{named}` is no engine module",
                        file.display(),
                        number + 1
                    ));
                    continue;
                };
                if theirs > own {
                    upward.push(format!(
                        "{}:{}: `{module}` (layer {own}) imports `{named}` (layer {theirs})",
                        file.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports from a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_guard_reads_grouped_and_plain_paths() {
    assert_eq!(
        named_modules("use crate::engine::{world::run, har};"),
        vec!["world", "har"]
    );
    assert_eq!(
        named_modules("let x = crate::engine::network::Party::Victim;"),
        vec!["network"]
    );
}
