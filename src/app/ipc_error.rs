//! Errors as they cross the desktop app's IPC: `{code, message}`. A code exists only
//! where the UI acts on it differently; the message is the error chain in plain words.
//! It lives in the core, beside the kinds it carries, so the shell stays wiring.

use serde::Serialize;
use ts_rs::TS;

use super::{chain, AppError, ErrorKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// What the UI does about it; the core classifies it.
    pub code: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn invalid_input(message: impl Into<String>) -> IpcError {
        IpcError {
            code: ErrorKind::Input,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError {
            code: ErrorKind::Internal,
            message: message.into(),
        }
    }
}

impl From<AppError> for IpcError {
    fn from(err: AppError) -> IpcError {
        IpcError {
            code: err.kind(),
            message: chain(&err),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::workspace::WorkspaceError;

    use super::*;

    #[test]
    fn an_unconfirmed_host_has_the_code_the_sources_screen_acts_on() {
        for err in [
            WorkspaceError::UnconfirmedHost {
                name: "acme".into(),
                base_url: "https://evil.example".into(),
            },
            WorkspaceError::AddressChanged {
                name: "acme".into(),
                base_url: "https://evil.example".into(),
            },
        ] {
            let json =
                serde_json::to_value(IpcError::from(AppError::from(err))).expect("serialises");
            assert_eq!(json["code"], "unconfirmed_host");
            assert!(json["message"]
                .as_str()
                .is_some_and(|m| m.contains("https://evil.example")));
        }
    }

    #[test]
    fn the_message_is_the_whole_chain_and_the_code_follows_the_kind() {
        let err = IpcError::from(AppError::NotOpen);
        assert_eq!(err.code, ErrorKind::Internal);
        let err = IpcError::from(AppError::SyncRunning);
        assert_eq!(
            (err.code, err.message.as_str()),
            (ErrorKind::Input, "a sync is already running")
        );
    }
}
