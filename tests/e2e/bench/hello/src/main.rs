//! A Tauri hello world, started by the window bench (`tests/e2e/bench/window.bench.mjs`) beside
//! Casebook to anchor its cold start and memory: one window of the same size showing one line.

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App("index.html".into()))
                .title("Hello")
                .inner_size(1200.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| panic!("the hello world did not run: {err}"));
}
