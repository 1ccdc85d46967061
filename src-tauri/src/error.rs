//! Errors as they cross IPC: the core's `{code, message}` form.

pub use deskbench::app::ipc_error::IpcError;
