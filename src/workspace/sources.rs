//! Connecting, listing and removing a workspace's helpdesk sources, and syncing one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tokio_util::sync::CancellationToken;

use crate::secrets::{self, Secret, Vault};
use crate::sources::freshdesk;
use crate::sources::zendesk::{self, BaseUrl, Client, ClientOptions, Credentials, Identity};
use crate::store::records::{NewSource, Source, SourceKind};
use crate::sync::freshdesk::{FreshdeskSummary, FreshdeskSyncOptions};
use crate::sync::{self, PlanOptions, SyncEvent, SyncOptions, SyncSummary};

use super::{StreamStatus, Workspace, WorkspaceError, TIME_ZONE_SETTING};

/// How a Zendesk source authenticates; stored in the source's settings (no secret).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ZendeskAuth {
    /// `{email}/token` with an API token.
    #[default]
    ApiToken,
    /// An OAuth access token (Bearer).
    OAuth,
}

/// The non-secret settings of a Zendesk source. Where the token is read from is never
/// among them: a `token_env` written by older versions is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ZendeskSettings {
    pub email: Option<String>,
    #[serde(default)]
    pub auth: ZendeskAuth,
    /// Requests per minute to the incremental exports (10; 30 with High Volume API).
    pub incremental_limit: Option<u32>,
}

impl ZendeskSettings {
    pub fn credentials(&self, token: &Secret) -> Result<Credentials, WorkspaceError> {
        match self.auth {
            ZendeskAuth::OAuth => Ok(Credentials::OAuth {
                access_token: token.expose().to_owned(),
            }),
            ZendeskAuth::ApiToken => {
                let email = self.email.clone().ok_or(WorkspaceError::MissingEmail)?;
                Ok(Credentials::ApiToken {
                    email,
                    token: token.expose().to_owned(),
                })
            }
        }
    }

    pub fn client_options(&self) -> ClientOptions {
        let defaults = ClientOptions::default();
        ClientOptions {
            incremental_limit: self.incremental_limit.unwrap_or(defaults.incremental_limit),
            ..defaults
        }
    }
}

impl Workspace {
    /// Adds a Zendesk source and confirms its host. The row is written first, so a name
    /// already taken fails before any token is touched; then `token` (if given; else it
    /// comes from `--token-env` at each sync) goes to the keychain under the new source's
    /// own entry. If that fails, the row goes again. A demo workspace becomes a real one:
    /// the demo helpdesk and its data are removed, so generated and real tickets never mix.
    pub fn add_zendesk_source(
        &mut self,
        name: &str,
        base: &BaseUrl,
        settings: &ZendeskSettings,
        token: Option<&Secret>,
        vault: &Vault,
        now: i64,
    ) -> Result<Source, WorkspaceError> {
        let json = serde_json::to_value(settings)
            .map_err(|_| WorkspaceError::SourceSettings(name.to_owned()))?;
        let row = NewSource {
            kind: SourceKind::Zendesk,
            name: name.to_owned(),
            base_url: Some(base.as_str().to_owned()),
            time_zone: None,
            created_at: now,
        };
        self.add_source(&row, &json, token, vault)
    }

    /// Adds a Freshdesk source as `add_zendesk_source` does; `key` is its API key (if
    /// given; else it comes from `--key-env` at each sync).
    pub fn add_freshdesk_source(
        &mut self,
        name: &str,
        base: &freshdesk::base_url::BaseUrl,
        key: Option<&Secret>,
        vault: &Vault,
        now: i64,
    ) -> Result<Source, WorkspaceError> {
        let row = NewSource {
            kind: SourceKind::Freshdesk,
            name: name.to_owned(),
            base_url: Some(base.as_str().to_owned()),
            time_zone: None,
            created_at: now,
        };
        self.add_source(&row, &serde_json::json!({}), key, vault)
    }

    fn add_source(
        &mut self,
        row: &NewSource,
        settings: &serde_json::Value,
        token: Option<&Secret>,
        vault: &Vault,
    ) -> Result<Source, WorkspaceError> {
        let name = row.name.as_str();
        if self.store.source_id_by_name(name)?.is_some() {
            return Err(WorkspaceError::SourceExists(name.to_owned()));
        }
        let w = self.store.write()?;
        let id = w.add_source(row)?;
        w.set_source_settings(id, settings)?;
        w.commit()?;
        let source = self.source(name)?;
        if let Err(err) = self.keep_token(&source, token, vault) {
            let _ = self.forget_source(&source, vault);
            self.store.remove_source(source.id)?;
            return Err(err);
        }
        self.remove_demo()?;
        Ok(source)
    }

    /// Saves a new source's token and confirms its host: adding a source is consent.
    fn keep_token(
        &self,
        source: &Source,
        token: Option<&Secret>,
        vault: &Vault,
    ) -> Result<(), WorkspaceError> {
        if let Some(token) = token {
            let account = secrets::account(&self.id()?, source.id);
            vault.keychain().save(&account, token)?;
        }
        self.confirm_host(source, vault)
    }

    /// Removes the demo source and the demo's time zone, if the workspace is the demo.
    pub(crate) fn remove_demo(&mut self) -> Result<(), WorkspaceError> {
        let demos: Vec<i64> = self
            .store
            .sources()?
            .into_iter()
            .filter(|s| s.kind == SourceKind::Demo)
            .map(|s| s.id)
            .collect();
        for id in &demos {
            self.store.remove_source(*id)?;
        }
        if !demos.is_empty() {
            self.store.delete_setting(TIME_ZONE_SETTING)?;
        }
        Ok(())
    }

    pub fn source(&self, name: &str) -> Result<Source, WorkspaceError> {
        self.store
            .sources()?
            .into_iter()
            .find(|s| s.name == name)
            .ok_or_else(|| WorkspaceError::NoSuchSource(name.to_owned()))
    }

    /// Removes a source, everything synced from it, its keychain token and its confirmed
    /// hosts; other workspaces' sources of the same name keep theirs.
    pub fn remove_source(&mut self, name: &str, vault: &Vault) -> Result<(), WorkspaceError> {
        let source = self.source(name)?;
        self.store.remove_source(source.id)?;
        // The data is gone either way; a keychain that cannot be reached keeps a stale
        // token, which the user can remove in the OS's keychain manager.
        let _ = self.forget_source(&source, vault);
        Ok(())
    }

    /// Deletes a source's keychain entry and confirmed hosts.
    fn forget_source(&self, source: &Source, vault: &Vault) -> Result<(), WorkspaceError> {
        let id = self.id()?;
        let token = vault.keychain().delete(&secrets::account(&id, source.id));
        vault.hosts().forget_source(&id, source.id)?;
        Ok(token?)
    }
}

pub fn zendesk_settings(source: &Source) -> Result<ZendeskSettings, WorkspaceError> {
    serde_json::from_value(source.settings.clone())
        .map_err(|_| WorkspaceError::SourceSettings(source.name.clone()))
}

/// Checks an address and token before anything is stored: the credentials work and
/// belong to an admin (Zendesk's incremental exports are admin-only).
pub async fn check_zendesk(
    base: &BaseUrl,
    settings: &ZendeskSettings,
    token: &Secret,
    cancel: &CancellationToken,
) -> Result<Identity, WorkspaceError> {
    let client = Client::new(
        base.clone(),
        &settings.credentials(token)?,
        settings.client_options(),
    )?;
    let me = zendesk::whoami(&client, cancel).await?;
    if !me.is_admin() {
        return Err(WorkspaceError::NotAdmin {
            name: me.name,
            role: me.role,
        });
    }
    Ok(me)
}

/// Checks a Freshdesk address and API key before anything is stored, with one request
/// an admin's key may make (the ticket fields).
pub async fn check_freshdesk(
    base: &freshdesk::base_url::BaseUrl,
    key: &Secret,
    cancel: &CancellationToken,
) -> Result<(), WorkspaceError> {
    let client = freshdesk::client::Client::new(
        base.clone(),
        &freshdesk::credentials::ApiKey::new(key.expose()),
        freshdesk::client::ClientOptions::default(),
    )?;
    let url = base.join("ticket_fields")?;
    client
        .get_page::<serde::de::IgnoredAny>(&url, freshdesk::pacer::Cost::CALL, cancel, &mut |_| {})
        .await?;
    Ok(())
}

impl Workspace {
    /// Syncs one source with the engine; its token comes as `zendesk_client` says.
    pub async fn sync_source(
        &mut self,
        name: &str,
        token_env: Option<&str>,
        vault: &Vault,
        plan: PlanOptions,
        cancel: &CancellationToken,
        on_event: &mut (dyn FnMut(SyncEvent) + Send),
    ) -> Result<SyncSummary, WorkspaceError> {
        // One writer at a time: another sync or the demo makes this one fail at once.
        let _lock = super::lock::WorkspaceLock::acquire(&self.dir, super::lock::Activity::Sync)?;
        let source = self.source(name)?;
        let client = self.zendesk_client(&source, token_env, vault)?;
        let options = SyncOptions {
            plan,
            clock: crate::now,
        };
        Ok(sync::run(
            &mut self.store,
            source.id,
            &client,
            &options,
            cancel,
            on_event,
        )
        .await?)
    }

    /// Syncs one Freshdesk source; its API key comes as `freshdesk_client` says.
    pub async fn sync_freshdesk_source(
        &mut self,
        name: &str,
        key_env: Option<&str>,
        vault: &Vault,
        full: bool,
        cancel: &CancellationToken,
        on_event: &mut (dyn FnMut(SyncEvent) + Send),
    ) -> Result<FreshdeskSummary, WorkspaceError> {
        let _lock = super::lock::WorkspaceLock::acquire(&self.dir, super::lock::Activity::Sync)?;
        let source = self.source(name)?;
        let client = self.freshdesk_client(&source, key_env, vault)?;
        let options = FreshdeskSyncOptions {
            full,
            ..FreshdeskSyncOptions::default()
        };
        Ok(sync::freshdesk::run(
            &mut self.store,
            source.id,
            &client,
            &options,
            cancel,
            on_event,
        )
        .await?)
    }

    /// The names of the sources a plain "sync" covers.
    pub fn syncable_sources(&self) -> Result<Vec<String>, WorkspaceError> {
        Ok(self
            .store
            .sources()?
            .into_iter()
            .filter(|s| matches!(s.kind, SourceKind::Zendesk | SourceKind::Freshdesk))
            .map(|s| s.name)
            .collect())
    }
}

/// A source as the Sources screen shows it: no secret, each stream's status.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SourceView {
    pub name: String,
    pub kind: String,
    pub base_url: Option<String>,
    pub email: Option<String>,
    pub auth: ZendeskAuth,
    #[ts(type = "number | null")]
    pub last_synced_at: Option<i64>,
    pub time_zone: Option<String>,
    pub streams: Vec<StreamStatus>,
    /// Whether this user confirmed sending the token to `base_url` on this computer; the
    /// app asks before the first sync when not.
    pub host_confirmed: bool,
}

impl Workspace {
    pub fn source_views(&self, vault: &Vault) -> Result<Vec<SourceView>, WorkspaceError> {
        let mut views = Vec::new();
        for s in self.store.sources()? {
            let settings = zendesk_settings(&s).unwrap_or_default();
            let latest_run = self.store.runs(Some(s.id), 1)?.into_iter().next();
            let streams = self.store.stream_states(s.id)?.into_iter();
            views.push(SourceView {
                host_confirmed: self.host_confirmed(&s, vault)?,
                streams: streams
                    .map(|state| StreamStatus::of(state, latest_run.as_ref()))
                    .collect(),
                name: s.name,
                kind: s.kind.as_str().to_owned(),
                base_url: s.base_url,
                email: settings.email,
                auth: settings.auth,
                last_synced_at: s.last_success_at,
                time_zone: s.time_zone,
            });
        }
        Ok(views)
    }
}

/// Reads what a person types as the account's address: a subdomain (`acme`), a host
/// (`support.acme.com`) or a URL (`https://acme.zendesk.com`).
pub fn parse_address(address: &str) -> Result<BaseUrl, WorkspaceError> {
    let address = address.trim().trim_end_matches('/');
    let base = if address.contains("://") {
        BaseUrl::parse(address)?
    } else if address.contains('.') || address.contains(':') {
        BaseUrl::parse(&format!("https://{address}"))?
    } else {
        BaseUrl::from_subdomain(address)?
    };
    Ok(base)
}
