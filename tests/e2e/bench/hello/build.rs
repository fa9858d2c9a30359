//! Tauri's build step for the hello world: its context (config, page, icon).

fn main() {
    tauri_build::build();
}
