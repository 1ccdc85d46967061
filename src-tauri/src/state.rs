//! The app's one state value: the session on its workspace folder and the user's vault.

pub use deskbench::app::app_state::AppState;
