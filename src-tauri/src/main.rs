// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The allocator of the CLI too (see its `main`): imports and KPI queries allocate and
/// free many short-lived values, which mimalloc serves in less time than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    deskbench_app::run()
}
