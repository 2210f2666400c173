//! Prints the package's TypeScript declarations (`make build` writes them to `pkg/`).

fn main() {
    print!("{}", edge_oauth::typescript::declarations());
}
