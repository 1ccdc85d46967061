//! Connecting a Zendesk account from a form: the address and token checked against
//! Zendesk before anything is stored, then the source added (replacing the demo), its
//! token kept in the keychain and its host confirmed; and the other source changes a
//! screen makes.

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{AppError, Session};
use crate::secrets::{Secret, Vault};
use crate::sources::zendesk::{BaseUrl, Identity};
use crate::workspace::{
    check_zendesk, parse_address, SourceView, WorkspaceInfo, ZendeskAuth, ZendeskSettings,
};

/// What the connect form sends. The token crosses IPC once, inward, and goes to the OS
/// keychain; it is never sent back.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConnectRequest {
    pub name: String,
    /// A subdomain (`acme`), a host or a URL.
    pub address: String,
    pub email: Option<String>,
    pub token: String,
    pub auth: ZendeskAuth,
}

/// Who the token belongs to, for "Test connection".
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConnectionCheck {
    pub base_url: String,
    pub user: String,
    pub role: String,
}

/// A connect form's values, checked and parsed.
struct Connection {
    base: BaseUrl,
    settings: ZendeskSettings,
    token: Secret,
}

impl ConnectRequest {
    fn parse(&self) -> Result<Connection, AppError> {
        if self.name.trim().is_empty() {
            return Err(AppError::NoSourceName);
        }
        if self.auth == ZendeskAuth::ApiToken
            && self.email.as_deref().is_none_or(|e| !e.contains('@'))
        {
            return Err(AppError::NoAdminEmail);
        }
        Ok(Connection {
            base: parse_address(&self.address)?,
            settings: ZendeskSettings {
                email: self.email.clone().filter(|e| !e.trim().is_empty()),
                auth: self.auth,
                incremental_limit: None,
            },
            token: Secret::new(self.token.clone()).map_err(AppError::Token)?,
        })
    }

    /// Checks the address and token with Zendesk without storing anything.
    pub async fn test(&self) -> Result<ConnectionCheck, AppError> {
        let connection = self.parse()?;
        let me = connection.identify().await?;
        Ok(ConnectionCheck {
            base_url: connection.base.as_str().to_owned(),
            user: me.name,
            role: me.role,
        })
    }

    /// Checks the address and token with Zendesk, for adding the source afterwards.
    pub async fn check(&self) -> Result<CheckedSource, AppError> {
        let connection = self.parse()?;
        connection.identify().await?;
        Ok(CheckedSource {
            name: self.name.trim().to_owned(),
            connection,
        })
    }
}

impl Connection {
    async fn identify(&self) -> Result<Identity, AppError> {
        let cancel = CancellationToken::new();
        Ok(check_zendesk(&self.base, &self.settings, &self.token, &cancel).await?)
    }
}

impl Session {
    /// Adds a source Zendesk accepted, keeps its token, confirms its host (adding is
    /// consent) and reloads the workspace.
    pub fn add_source(
        &self,
        source: CheckedSource,
        vault: &Vault,
    ) -> Result<WorkspaceInfo, AppError> {
        let CheckedSource { name, connection } = source;
        let Connection {
            base,
            settings,
            token,
        } = connection;
        let mut workspace = self.own_connection()?;
        workspace.add_zendesk_source(&name, &base, &settings, Some(&token), vault, self.now())?;
        self.reload()
    }

    /// Removes a source, its data and its keychain token, and reloads the workspace.
    pub fn remove_source(&self, name: &str, vault: &Vault) -> Result<WorkspaceInfo, AppError> {
        self.own_connection()?.remove_source(name, vault)?;
        self.reload()
    }

    /// The sources with what the Sources screen shows of each.
    pub fn source_views(&self, vault: &Vault) -> Result<Vec<SourceView>, AppError> {
        Ok(self.own_connection()?.source_views(vault)?)
    }

    /// The address a source's token would go to, when the user has not confirmed it on
    /// this computer.
    pub fn host_to_confirm(&self, name: &str, vault: &Vault) -> Result<Option<BaseUrl>, AppError> {
        self.with_open(|open| Ok(open.workspace.host_to_confirm(name, vault)?))
    }

    /// Records that the user agrees to send the source's token to `base_url`, the
    /// address the confirmation showed.
    pub fn confirm_source_host(
        &self,
        name: &str,
        base_url: &str,
        vault: &Vault,
    ) -> Result<(), AppError> {
        Ok(self
            .own_connection()?
            .confirm_source_host(name, base_url, vault)?)
    }
}

/// A connect form Zendesk accepted, ready to be added (on a blocking thread).
pub struct CheckedSource {
    name: String,
    connection: Connection,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::refused;

    fn form() -> ConnectRequest {
        ConnectRequest {
            name: "acme".into(),
            address: "acme".into(),
            email: Some("admin@acme.example".into()),
            token: "secret".into(),
            auth: ZendeskAuth::ApiToken,
        }
    }

    #[test]
    fn a_form_needs_a_name_an_admin_email_for_api_tokens_and_a_token() {
        let parsed = form().parse().expect("a complete form");
        assert_eq!(parsed.base.as_str(), "https://acme.zendesk.com");
        let nameless = ConnectRequest {
            name: "  ".into(),
            ..form()
        };
        assert!(refused(nameless.parse().map(drop)).contains("name"));
        let no_email = ConnectRequest {
            email: Some("admin".into()),
            ..form()
        };
        assert!(refused(no_email.parse().map(drop)).contains("email"));
        let oauth = ConnectRequest {
            email: None,
            auth: ZendeskAuth::OAuth,
            ..form()
        };
        assert!(oauth.parse().is_ok(), "an OAuth token needs no email");
        let blank = ConnectRequest {
            token: " ".into(),
            ..form()
        };
        assert!(refused(blank.parse().map(drop)).contains("empty"));
        let insecure = ConnectRequest {
            address: "http://acme.example".into(),
            ..form()
        };
        assert!(refused(insecure.parse().map(drop)).contains("http"));
    }
}
