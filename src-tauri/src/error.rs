//! Errors as they cross IPC: `{code, message}`. A code exists only where the UI acts on
//! it differently; the message is the error chain in plain words.

use serde::Serialize;
use ts_rs::TS;

use deskbench::analytics::AnalyticsError;
use deskbench::charts::ChartError;
use deskbench::export::ExportError;
use deskbench::feedback::FeedbackError;
use deskbench::workspace::WorkspaceError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request was invalid (a date, a zone, a dimension): show it next to the input.
    InvalidInput,
    /// The workspace could not be opened or created: offer to retry.
    Workspace,
    /// A source's token would go to an address the user has not confirmed on this
    /// computer: show the address and ask.
    UnconfirmedHost,
    /// Anything else.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, err: &dyn std::error::Error) -> IpcError {
        let mut message = err.to_string();
        let mut source = err.source();
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        IpcError { code, message }
    }

    pub fn invalid_input(message: impl Into<String>) -> IpcError {
        IpcError {
            code: ErrorCode::InvalidInput,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

impl From<WorkspaceError> for IpcError {
    fn from(err: WorkspaceError) -> IpcError {
        use deskbench::sources::zendesk::ZendeskError as Z;
        let code = match &err {
            WorkspaceError::Zendesk(
                Z::Unauthorized | Z::Forbidden { .. } | Z::InvalidBaseUrl(_) | Z::InsecureUrl(_),
            )
            | WorkspaceError::NotAdmin { .. }
            | WorkspaceError::SourceExists(_)
            | WorkspaceError::MissingEmail => ErrorCode::InvalidInput,
            WorkspaceError::UnconfirmedHost { .. } | WorkspaceError::AddressChanged { .. } => {
                ErrorCode::UnconfirmedHost
            }
            _ => ErrorCode::Workspace,
        };
        IpcError::new(code, &err)
    }
}

impl From<deskbench::sources::zendesk::ZendeskError> for IpcError {
    fn from(err: deskbench::sources::zendesk::ZendeskError) -> IpcError {
        IpcError::from(WorkspaceError::from(err))
    }
}

impl From<deskbench::store::StoreError> for IpcError {
    fn from(err: deskbench::store::StoreError) -> IpcError {
        IpcError::new(ErrorCode::Workspace, &err)
    }
}

impl From<AnalyticsError> for IpcError {
    fn from(err: AnalyticsError) -> IpcError {
        let code = match err {
            AnalyticsError::Engine(_) | AnalyticsError::Store(_) => ErrorCode::Internal,
            _ => ErrorCode::InvalidInput,
        };
        IpcError::new(code, &err)
    }
}

impl From<FeedbackError> for IpcError {
    fn from(err: FeedbackError) -> IpcError {
        match err {
            FeedbackError::Analytics(err) => IpcError::from(err),
            FeedbackError::Store(err) => IpcError::from(err),
            err @ (FeedbackError::UnknownLang(_) | FeedbackError::UnknownSource(_)) => {
                IpcError::new(ErrorCode::InvalidInput, &err)
            }
            // Any failure added later (a model that cannot load) is not the user's input.
            #[allow(unreachable_patterns)]
            err => IpcError::new(ErrorCode::Internal, &err),
        }
    }
}

impl From<ExportError> for IpcError {
    fn from(err: ExportError) -> IpcError {
        let err = match err {
            ExportError::Analytics(err) => return IpcError::from(err),
            err => err,
        };
        let code = match err {
            ExportError::TooManyRows { .. }
            | ExportError::UnknownFormat(_)
            | ExportError::Spec(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::Internal,
        };
        IpcError::new(code, &err)
    }
}

impl From<ChartError> for IpcError {
    fn from(err: ChartError) -> IpcError {
        let code = match err {
            ChartError::Spec(_) | ChartError::Size { .. } | ChartError::Scale(_) => {
                ErrorCode::InvalidInput
            }
            _ => ErrorCode::Internal,
        };
        IpcError::new(code, &err)
    }
}

#[cfg(test)]
mod tests {
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
            let json = serde_json::to_value(IpcError::from(err)).expect("serialises");
            assert_eq!(json["code"], "unconfirmed_host");
            assert!(json["message"]
                .as_str()
                .is_some_and(|m| m.contains("https://evil.example")));
        }
    }
}
