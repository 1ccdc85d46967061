//! Tokens bound to their workspace and host: a workspace folder from someone else cannot
//! choose where a token is read from or sent to, same-named sources of two workspaces
//! keep their own tokens, and adding or removing a source touches only its own entry.

mod cli;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use fake_zendesk::{FakeConfig, FakeZendesk};
use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

use deskbench::secrets::{self, Keychain, MemoryKeychain, Secret, SecretError, Vault};
use deskbench::sources::zendesk::BaseUrl;
use deskbench::store::records::{NewSource, SourceKind};
use deskbench::sync::PlanOptions;
use deskbench::workspace::{Workspace, WorkspaceError, ZendeskAuth, ZendeskSettings};

/// A token only the attacker would like to see.
const VICTIM_TOKEN: &str = "victims-real-zendesk-token";

/// A loopback "attacker host" that records every connection and byte sent to it.
pub struct Attacker {
    pub url: String,
    connections: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<u8>>>,
}

impl Attacker {
    pub async fn start() -> Attacker {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (count, bytes) = (connections.clone(), received.clone());
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let bytes = bytes.clone();
                tokio::spawn(async move {
                    let mut buf = [0u8; 4096];
                    while let Ok(n @ 1..) = socket.read(&mut buf).await {
                        bytes.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                });
            }
        });
        Attacker {
            url,
            connections,
            received,
        }
    }

    /// Asserts nobody connected, and that no form of `token` arrived.
    pub async fn assert_untouched(&self, token: &str) {
        // Anything already sent would be read by now.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let received = self.received.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&received);
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        for form in [
            token.to_owned(),
            b64.encode(format!("admin@example.com/token:{token}")),
            b64.encode(token),
        ] {
            assert!(!text.contains(&form), "the attacker received the token");
        }
        assert_eq!(
            self.connections.load(Ordering::SeqCst),
            0,
            "nothing may connect to a host the user never confirmed"
        );
        assert!(received.is_empty(), "not a byte was sent");
    }
}

/// An in-memory keychain and a confirmed-hosts file in `dir`: this test's "user".
pub fn vault(dir: &Path) -> (Vault, Arc<MemoryKeychain>) {
    let keychain = Arc::new(MemoryKeychain::default());
    (Vault::new(keychain.clone(), dir.to_owned()), keychain)
}

pub fn settings() -> ZendeskSettings {
    ZendeskSettings {
        email: Some("admin@example.com".into()),
        auth: ZendeskAuth::ApiToken,
        incremental_limit: Some(100_000),
    }
}

fn token(value: &str) -> Secret {
    Secret::new(value.into()).unwrap()
}

/// A workspace as someone else could have made it: a source row written straight into
/// its database, naming a token variable and any address.
pub fn crafted_workspace(dir: &Path, name: &str, base_url: &str, token_env: &str) -> i64 {
    let mut workspace = Workspace::open(dir).unwrap();
    let w = workspace.store_mut().write().unwrap();
    let id = w
        .add_source(&NewSource {
            kind: SourceKind::Zendesk,
            name: name.into(),
            base_url: Some(base_url.into()),
            time_zone: None,
            created_at: 0,
        })
        .unwrap();
    let settings = serde_json::json!({
        "email": "admin@example.com",
        "auth": "api_token",
        "token_env": token_env,
        "incremental_limit": 100000,
    });
    w.set_source_settings(id, &settings).unwrap();
    w.commit().unwrap();
    id
}

async fn sync(workspace: &mut Workspace, name: &str, vault: &Vault) -> Result<(), WorkspaceError> {
    workspace
        .sync_source(
            name,
            None,
            vault,
            PlanOptions::default(),
            &CancellationToken::new(),
            &mut |_| {},
        )
        .await
        .map(|_| ())
}

fn small_fake() -> FakeConfig {
    FakeConfig {
        tickets: 30,
        users: 10,
        organizations: 3,
        page_size: 1000,
        ..FakeConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crafted_workspace_sends_nothing_to_its_host_without_confirmation() {
    let attacker = Attacker::start().await;
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, keychain) = vault(home.path());
    // The victim's token as older versions kept it: under the source's name alone.
    keychain
        .save(&secrets::legacy_account("acme"), &token(VICTIM_TOKEN))
        .unwrap();
    crafted_workspace(ws.path(), "acme", &attacker.url, "AWS_SECRET_ACCESS_KEY");

    let mut workspace = Workspace::open(ws.path()).unwrap();
    let err = sync(&mut workspace, "acme", &vault).await.unwrap_err();
    assert!(
        matches!(&err, WorkspaceError::UnconfirmedHost { base_url, .. } if *base_url == attacker.url),
        "{err}"
    );
    assert!(
        err.to_string().contains(&attacker.url),
        "the error names the host: {err}"
    );
    let view = &workspace.source_views(&vault).unwrap()[0];
    assert!(
        !view.host_confirmed,
        "the app will ask before the first sync"
    );
    attacker.assert_untouched(VICTIM_TOKEN).await;
    assert_eq!(
        keychain.load(&secrets::legacy_account("acme")).unwrap(),
        Some(token(VICTIM_TOKEN)),
        "the old token is not moved to a host nobody confirmed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_variable_named_by_the_workspace_is_never_read() {
    let fake = FakeZendesk::start(small_fake()).await;
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, _) = vault(home.path());
    // PATH is set in every environment: a workspace naming it must not get it as a token.
    crafted_workspace(ws.path(), "acme", &fake.url(), "PATH");
    let workspace = Workspace::open(ws.path()).unwrap();
    workspace
        .confirm_source_host("acme", &fake.url(), &vault)
        .unwrap();
    let source = workspace.source("acme").unwrap();
    let err = workspace
        .zendesk_client(&source, None, &vault)
        .err()
        .expect("no token: the variable the workspace names is not a place to look");
    assert!(
        matches!(err, WorkspaceError::NoToken(ref name) if name == "acme"),
        "the keychain is the only place without --token-env: {err}"
    );
    assert!(err.to_string().contains("--token-env"), "{err}");
    assert_eq!(fake.stats().requests, 0);
}

#[test]
fn stored_addresses_are_validated_again_and_never_confirmed_when_invalid() {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, _) = vault(home.path());
    crafted_workspace(ws.path(), "plain", "http://evil.example", "X");
    crafted_workspace(ws.path(), "userinfo", "https://me:pw@evil.example", "X");
    let workspace = Workspace::open(ws.path()).unwrap();
    for name in ["plain", "userinfo"] {
        assert!(workspace.host_to_confirm(name, &vault).is_err(), "{name}");
        let shown = workspace.source(name).unwrap().base_url.unwrap();
        assert!(
            workspace.confirm_source_host(name, &shown, &vault).is_err(),
            "{name} cannot be confirmed"
        );
    }
    assert!(workspace
        .source_views(&vault)
        .unwrap()
        .iter()
        .all(|v| !v.host_confirmed));
}

#[test]
fn a_confirmation_covers_the_address_shown_and_no_other() {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, _) = vault(home.path());
    let id = crafted_workspace(ws.path(), "acme", "https://acme.zendesk.com", "X");
    let workspace = Workspace::open(ws.path()).unwrap();
    let err = workspace
        .confirm_source_host("acme", "https://other.example", &vault)
        .unwrap_err();
    assert!(
        matches!(err, WorkspaceError::AddressChanged { .. }),
        "{err}"
    );
    workspace
        .confirm_source_host("acme", "https://acme.zendesk.com", &vault)
        .unwrap();
    assert!(workspace.host_to_confirm("acme", &vault).unwrap().is_none());

    // The folder's database changes the address afterwards: asked again.
    let conn = rusqlite::Connection::open(ws.path().join("deskbench.sqlite")).unwrap();
    conn.execute(
        "UPDATE sources SET base_url = 'https://evil.example' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let asked = workspace.host_to_confirm("acme", &vault).unwrap();
    assert_eq!(
        asked.map(|b| b.as_str().to_owned()).as_deref(),
        Some("https://evil.example")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workspaces_with_a_same_named_source_keep_separate_tokens() {
    let fake = FakeZendesk::start(small_fake()).await;
    let base = BaseUrl::parse(&fake.url()).unwrap();
    let (a, b, home) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (vault, keychain) = vault(home.path());
    let mut first = Workspace::open(a.path()).unwrap();
    let mut second = Workspace::open(b.path()).unwrap();
    let one = first
        .add_zendesk_source(
            "acme",
            &base,
            &settings(),
            Some(&token("token-of-a")),
            &vault,
            0,
        )
        .unwrap();
    let two = second
        .add_zendesk_source(
            "acme",
            &base,
            &settings(),
            Some(&token("secret-token")),
            &vault,
            0,
        )
        .unwrap();
    let entry_a = secrets::account(&first.id().unwrap(), one.id);
    let entry_b = secrets::account(&second.id().unwrap(), two.id);
    assert_ne!(entry_a, entry_b);
    assert_eq!(keychain.load(&entry_a).unwrap(), Some(token("token-of-a")));
    assert_eq!(
        keychain.load(&entry_b).unwrap(),
        Some(token("secret-token"))
    );

    first.remove_source("acme", &vault).unwrap();
    assert_eq!(
        keychain.load(&entry_a).unwrap(),
        None,
        "its own entry is gone"
    );
    assert_eq!(
        keychain.load(&entry_b).unwrap(),
        Some(token("secret-token")),
        "the other workspace's token stays"
    );
    sync(&mut second, "acme", &vault)
        .await
        .expect("the other workspace still syncs, without being asked again");
    assert!(fake.stats().requests > 0);
}

#[test]
fn a_duplicate_add_leaves_the_first_token_intact() {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, keychain) = vault(home.path());
    let base = BaseUrl::parse("https://acme.zendesk.com").unwrap();
    let other = BaseUrl::parse("https://other.example").unwrap();
    let mut workspace = Workspace::open(ws.path()).unwrap();
    let first = workspace
        .add_zendesk_source("acme", &base, &settings(), Some(&token("first")), &vault, 0)
        .unwrap();
    let err = workspace
        .add_zendesk_source(
            "acme",
            &other,
            &settings(),
            Some(&token("second")),
            &vault,
            0,
        )
        .unwrap_err();
    assert!(matches!(err, WorkspaceError::SourceExists(_)), "{err}");
    let entry = secrets::account(&workspace.id().unwrap(), first.id);
    assert_eq!(keychain.load(&entry).unwrap(), Some(token("first")));
    let source = workspace.source("acme").unwrap();
    assert_eq!(source.base_url.as_deref(), Some("https://acme.zendesk.com"));
    assert!(workspace.host_to_confirm("acme", &vault).unwrap().is_none());
}

/// A keychain that cannot save (locked, or no keychain service).
struct LockedKeychain;

impl Keychain for LockedKeychain {
    fn save(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Keychain("locked".into()))
    }
    fn load(&self, _: &str) -> Result<Option<Secret>, SecretError> {
        Ok(None)
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Ok(())
    }
}

#[test]
fn a_token_that_cannot_be_saved_leaves_no_source_behind() {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let locked = Vault::new(Arc::new(LockedKeychain), home.path().to_owned());
    let base = BaseUrl::parse("https://acme.zendesk.com").unwrap();
    let mut workspace = Workspace::open(ws.path()).unwrap();
    let err = workspace
        .add_zendesk_source("acme", &base, &settings(), Some(&token("t")), &locked, 0)
        .unwrap_err();
    assert!(matches!(err, WorkspaceError::Secret(_)), "{err}");
    assert!(
        workspace.store().sources().unwrap().is_empty(),
        "the row went again"
    );
    assert!(
        !home.path().join("confirmed-hosts.json").exists(),
        "nothing was confirmed"
    );
    let (working, _) = vault(home.path());
    workspace
        .add_zendesk_source("acme", &base, &settings(), Some(&token("t")), &working, 0)
        .expect("the name is free again");
}

#[test]
fn an_old_name_keyed_token_moves_to_the_source_once_its_host_is_confirmed() {
    let (ws, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (vault, keychain) = vault(home.path());
    let legacy = secrets::legacy_account("acme");
    keychain.save(&legacy, &token(VICTIM_TOKEN)).unwrap();
    let id = crafted_workspace(ws.path(), "acme", "https://acme.zendesk.com", "X");
    let workspace = Workspace::open(ws.path()).unwrap();
    let source = workspace.source("acme").unwrap();
    assert!(matches!(
        workspace.zendesk_client(&source, None, &vault),
        Err(WorkspaceError::UnconfirmedHost { .. })
    ));
    workspace
        .confirm_source_host("acme", "https://acme.zendesk.com", &vault)
        .unwrap();
    workspace
        .zendesk_client(&source, None, &vault)
        .expect("the old token is used once the host is confirmed");
    let entry = secrets::account(&workspace.id().unwrap(), id);
    assert_eq!(keychain.load(&entry).unwrap(), Some(token(VICTIM_TOKEN)));
    assert_eq!(keychain.load(&legacy).unwrap(), None, "moved, not copied");
}
