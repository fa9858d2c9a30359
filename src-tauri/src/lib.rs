//! Casebook's desktop shell: a Tauri 2 window over the engine in `casebook-core`.
//!
//! The shell only translates. It resolves the notebook folder, claims it, hands every call from
//! the page to the engine's command table (`casebook_core::api`), opens the native dialogs the
//! engine asks for (`host`), runs the idle timer, and hardens the webview: one window, navigation
//! limited to the app's own origin, no new windows, CSP from tauri.conf.json, no devtools in
//! release builds. Plugins are the offline ones only: single-instance (a second launch focuses
//! the first window) and dialog (save paths for exports).

pub mod cli;
mod first_page;
mod host;
mod logging;
pub mod wipe;
mod wiping_env;

include!("command_names.rs");

use casebook_core::api::Engine;
use casebook_core::clock::SystemClock;
use casebook_core::location::NOTEBOOK_ENV;
use casebook_core::{Location, Notebook, NotebookConfig};
use host::ShellHost;
use std::sync::Arc;
use std::time::Duration;
use tauri::webview::NewWindowResponse;
use tauri::{Emitter, Manager, Url, WebviewUrl, WebviewWindowBuilder};

#[global_allocator]
static ALLOCATOR: wipe::WipeOnFree = wipe::WipeOnFree;

/// The event the UI hears when the idle timer locks the notebook.
pub const LOCKED_EVENT: &str = "notebook-locked";

/// True for URLs of the app itself: the bundled UI (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows), or the Vite dev server in development builds.
pub fn is_app_url(url: &Url, dev_url: Option<&Url>) -> bool {
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "tauri" => host == "localhost",
        "http" | "https" if host == "tauri.localhost" => true,
        _ => dev_url.is_some_and(|dev| dev.origin() == url.origin()),
    }
}

/// Starts the app.
pub fn run() {
    let mut options = cli::parse(std::env::args_os(), std::env::var_os(cli::IDLE_ENV));
    // The test-only folders: the flag, else its environment variable (absolute paths only).
    let from_env =
        |var: &str| std::env::var_os(var).map(std::path::PathBuf::from).filter(|p| p.is_absolute());
    options.backup_dir = options.backup_dir.take().or_else(|| from_env(cli::BACKUP_DIR_ENV));
    options.export_dir = options.export_dir.take().or_else(|| from_env(cli::EXPORT_DIR_ENV));
    let location = match Location::resolve(options.notebook.clone(), std::env::var_os(NOTEBOOK_ENV)) {
        Ok(location) => location,
        Err(err) => {
            eprintln!("casebook: {err}");
            std::process::exit(2);
        }
    };
    let mut config = NotebookConfig::new(location.clone());
    config.idle_limit_override = options.idle_lock_seconds.map(|s| chrono::Duration::seconds(i64::from(s)));
    let claim = location.claim();
    let notebook = Notebook::new(config, Arc::new(SystemClock));
    let pdf = Arc::new(casebook_pdf::Renderer::new());

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(Engine::new(notebook, claim, Arc::new(SystemClock)))
        .invoke_handler(handle_call)
        .setup(|app| {
            if let Ok(dir) = app.path().app_log_dir()
                && let Some(guard) = logging::init(&dir)
            {
                app.manage(guard);
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "casebook started");
            let swept = casebook_core::demo::sweep_stale_demos(&std::env::temp_dir());
            if swept > 0 {
                tracing::info!(swept, "demo folders left by an earlier run removed");
            }
            let host = ShellHost::new(app.handle().clone(), pdf, options.export_dir, options.backup_dir);
            app.manage(host);
            open_main_window(app)?;
            start_idle_timer(app.handle().clone());
            Ok(())
        })
        .build(context());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                handle.state::<Engine>().shut_down();
            }
        }),
        Err(err) => {
            eprintln!("casebook: the window could not start: {err}");
            std::process::exit(1);
        }
    }
}

/// The bundled page and its assets, the page served with the notebook's status in it.
fn context() -> tauri::Context<tauri::Wry> {
    let mut context = tauri::generate_context!();
    first_page::WithStatus::wrap(&mut context);
    context
}

/// Every call from the page goes to the engine's command table, off the main thread (so a 0.5 s
/// key derivation never freezes the window). The engine checks the call before anything runs and
/// answers JSON or the typed error; a name that is not in the table is refused by Tauri.
fn handle_call(invoke: tauri::ipc::Invoke<tauri::Wry>) -> bool {
    if !COMMANDS.contains(&invoke.message.command()) {
        return false;
    }
    let app = invoke.message.webview().app_handle().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let engine = app.state::<Engine>();
        let host = app.state::<ShellHost>();
        let not_named = serde_json::Value::Bool(false);
        let payload = match invoke.message.payload() {
            tauri::ipc::InvokeBody::Json(value) => value,
            tauri::ipc::InvokeBody::Raw(_) => &not_named,
        };
        match engine.call(host.inner(), invoke.message.command(), payload) {
            Some(Ok(answer)) => invoke.resolver.resolve(answer),
            Some(Err(reply)) => invoke.resolver.reject(reply),
            None => invoke.resolver.reject("This command does not exist."),
        }
    });
    true
}

/// Where the webview's network requests would go: a closed port on loopback. The app's own pages
/// and IPC use custom schemes, which never touch the network; anything else an injected script
/// tries (a fetch, an image, a preconnect, a link) meets this dead proxy instead of a resolver, so
/// not even a DNS query leaves the machine (WebKit skips DNS prefetch when a proxy is set).
const NOWHERE_PROXY: &str = "http://127.0.0.1:9";

fn open_main_window(app: &mut tauri::App) -> tauri::Result<()> {
    let dev_url = if tauri::is_dev() { app.config().build.dev_url.clone() } else { None };
    let mut builder = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()));
    if dev_url.is_none()
        && let Ok(proxy) = Url::parse(NOWHERE_PROXY)
    {
        builder = builder.proxy_url(proxy);
    }
    let window = builder
        .title("Casebook")
        .inner_size(1200.0, 800.0)
        .min_inner_size(900.0, 600.0)
        .on_navigation(move |url| {
            let allowed = is_app_url(url, dev_url.as_ref());
            if !allowed {
                tracing::warn!(scheme = url.scheme(), "navigation away from the app refused");
            }
            allowed
        })
        .on_new_window(|_url, _features| {
            tracing::warn!("a new window was refused");
            NewWindowResponse::Deny
        })
        .build()?;
    harden_webview(&window);
    Ok(())
}

/// WebKitGTK settings Tauri does not expose: no DNS prefetching.
#[cfg(target_os = "linux")]
fn harden_webview(window: &tauri::WebviewWindow) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            #[allow(deprecated)] // still honoured by the WebKitGTK 2.4x that Debian ships
            settings.set_enable_dns_prefetching(false);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn harden_webview(_window: &tauri::WebviewWindow) {}

/// Checks the idle limit every second; when it locks, the page starts again at the lock screen.
/// Each second it also looks whether the whole-file check that unlock left running has found
/// damage: then the notebook is already locked without writing, and the page says why.
/// Once a minute it also makes the automatic backup when one is due (a folder is set, something
/// changed, and the last attempt is an hour old).
fn start_idle_timer(handle: tauri::AppHandle) {
    std::thread::spawn(move || {
        for tick in 1u64.. {
            std::thread::sleep(Duration::from_secs(1));
            if tick % 60 == 0 {
                handle.state::<Engine>().back_up_if_due();
            }
            if handle.state::<Engine>().poll_intact_check() {
                let _ = handle.emit(LOCKED_EVENT, serde_json::json!({ "reason": "damaged" }));
                restart_page(&handle, "damaged");
            } else if handle.state::<Engine>().lock_if_idle() {
                let _ = handle.emit(LOCKED_EVENT, serde_json::json!({ "reason": "idle" }));
                restart_page(&handle, "idle");
            }
        }
    });
}

/// After a lock, the page starts again in a new web process. The old process's memory holds every
/// text the page showed and the passphrase that was typed (JavaScript strings are not wiped when
/// dropped), so "locked" is made true for memory too by ending that process (WebKitGTK), then
/// loading the app's page, which asks the shell and finds the notebook locked. `reason` reaches
/// the new page in the URL's fragment, so it can say why it is locked.
pub fn restart_page<R: tauri::Runtime>(handle: &tauri::AppHandle<R>, reason: &str) {
    let Some(window) = handle.get_webview_window("main") else { return };
    let Ok(mut url) = window.url() else { return };
    url.set_query(None);
    url.set_fragment(Some(&format!("locked={reason}")));
    end_web_process(&window);
    if let Err(err) = window.navigate(url) {
        tracing::warn!(error = %err, "the page could not be started again after lock");
    }
}

#[cfg(target_os = "linux")]
fn end_web_process<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::WebViewExt;
        let view = webview.inner();
        // A WebDriver session ends with the process it drives, so under automation the page is
        // only loaded again; the memory harness checks the real path without a driver.
        if !view.is_controlled_by_automation() {
            view.terminate_web_process();
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn end_web_process<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) {
    // Elsewhere the navigation alone drops the page's document and its script heap.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_origin_is_navigable() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(is_app_url(&url("tauri://localhost/index.html"), None));
        assert!(is_app_url(&url("http://tauri.localhost/"), None));
        assert!(!is_app_url(&url("https://example.org/"), None));
        assert!(!is_app_url(&url("http://localhost:5173/"), None));
        assert!(!is_app_url(&url("file:///etc/passwd"), None));
        assert!(!is_app_url(&url("tauri://evil.example/"), None));
        let dev = url("http://localhost:5173");
        assert!(is_app_url(&url("http://localhost:5173/x"), Some(&dev)));
        assert!(!is_app_url(&url("http://localhost:5174/x"), Some(&dev)));
    }
}
