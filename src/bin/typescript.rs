//! Prints what `make build` takes from the Rust types: the package's TypeScript declarations, or
//! with `catalog`, the method catalog the JS facade is built with, with `methods`, the catalog
//! as the READMEs and tests read it, or with `seam`, the messages between the facade and the
//! wasm (`seam.d.ts`, for `tsc --checkJs`).

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("catalog") => print!("{}", edge_oauth::typescript::catalog_json()),
        Some("methods") => print!("{}", edge_oauth::typescript::methods_json()),
        Some("seam") => print!("{}", edge_oauth::seam::declarations()),
        _ => print!("{}", edge_oauth::typescript::declarations()),
    }
}
