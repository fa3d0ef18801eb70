//! The browser entry point: hydrate the server-rendered page.
// The whole app's view types are monomorphised here; the size-optimised
// release profile needs more room than the default to resolve them.
#![recursion_limit = "1024"]

use any_spawner::Executor;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Most pages are lazy routes (app::ui::routes): hydrating one waits for
    // its WebAssembly, so hydration is asynchronous — `hydrate_lazy`, plus
    // the signal below once it has finished.
    // An error only means the executor is already running, which is all
    // that is needed.
    let _already_running = Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let mounted =
            leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        // The page lives as long as the tab: never unmount it.
        mounted.forget();
        // Lets browser tests wait until event handlers are attached.
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &"__trellis_hydrated".into(), &true.into());
        }
    });
}
