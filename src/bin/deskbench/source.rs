//! `deskbench source add|list|remove`.

use std::io::{IsTerminal, Write};

use anyhow::{bail, Context, Result};
use tokio_util::sync::CancellationToken;

use deskbench::app::Session;
use deskbench::secrets::{self, Secret, Vault};
use deskbench::sources::freshdesk::base_url::BaseUrl as FreshdeskUrl;
use deskbench::sources::zendesk::BaseUrl;
use deskbench::workspace::{
    check_freshdesk, check_zendesk, zendesk_settings, Workspace, WorkspaceError, ZendeskAuth,
    ZendeskSettings,
};

use crate::args::{AddFreshdesk, AddSource, AddZendesk, Cli, RemoveSource, SourceCommand};
use crate::session::{open_existing, workspace_dir};

pub fn run(cli: &Cli, command: &SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add(AddSource::Zendesk(args)) => add_zendesk(cli, args),
        SourceCommand::Add(AddSource::Freshdesk(args)) => add_freshdesk(cli, args),
        SourceCommand::List => list(cli),
        SourceCommand::Remove(args) => remove(cli, args),
    }
}

fn add_zendesk(cli: &Cli, args: &AddZendesk) -> Result<()> {
    let base = match (&args.subdomain, &args.url) {
        (Some(sub), _) => BaseUrl::from_subdomain(sub)?,
        (None, Some(url)) => BaseUrl::parse(url)?,
        (None, None) => bail!("give --subdomain or --url"),
    };
    let settings = ZendeskSettings {
        email: args.email.clone(),
        auth: if args.oauth {
            ZendeskAuth::OAuth
        } else {
            ZendeskAuth::ApiToken
        },
        incremental_limit: args.incremental_limit,
    };
    let dir = workspace_dir(cli)?;
    refuse_taken_name(&dir, &args.name)?;
    let vault = Vault::system()?;
    let token = match &args.token_env {
        Some(var) => secrets::from_env(var)?,
        None => ask_secret("Zendesk API token", "--token-env")?,
    };
    // Check address, credentials and role before anything is stored.
    let runtime = tokio::runtime::Runtime::new()?;
    let me = runtime
        .block_on(check_zendesk(
            &base,
            &settings,
            &token,
            &CancellationToken::new(),
        ))
        .with_context(|| format!("cannot connect to {}", base.as_str()))?;
    let mut workspace = Workspace::open(&dir)?;
    let was_demo = workspace.info(deskbench::now())?.is_demo;
    // A token from --token-env is not kept: the variable is named again at each sync.
    let keep = args.token_env.is_none().then_some(&token);
    workspace.add_zendesk_source(&args.name, &base, &settings, keep, &vault, deskbench::now())?;
    if was_demo {
        eprintln!(
            "Removed the demo data: this workspace now holds {} only.",
            args.name
        );
    }
    let sync = match &args.token_env {
        Some(var) => format!("deskbench sync {} --token-env {var}", args.name),
        None => format!("deskbench sync {}", args.name),
    };
    eprintln!(
        "Connected {} ({}) as {} ({}). Run `{sync}` to fetch its tickets.",
        args.name,
        base.as_str(),
        me.name,
        me.role,
    );
    Ok(())
}

fn add_freshdesk(cli: &Cli, args: &AddFreshdesk) -> Result<()> {
    let base = match (&args.domain, &args.url) {
        (Some(domain), _) => FreshdeskUrl::from_domain(domain)?,
        (None, Some(url)) => FreshdeskUrl::parse(url)?,
        (None, None) => bail!("give --domain or --url"),
    };
    let dir = workspace_dir(cli)?;
    refuse_taken_name(&dir, &args.name)?;
    let vault = Vault::system()?;
    let key = match &args.key_env {
        Some(var) => secrets::from_env(var)?,
        None => ask_secret("Freshdesk API key", "--key-env")?,
    };
    // Check address and key before anything is stored.
    let runtime = tokio::runtime::Runtime::new()?;
    runtime
        .block_on(check_freshdesk(&base, &key, &CancellationToken::new()))
        .with_context(|| format!("cannot connect to {}", base.as_str()))?;
    let mut workspace = Workspace::open(&dir)?;
    let was_demo = workspace.info(deskbench::now())?.is_demo;
    // A key from --key-env is not kept: the variable is named again at each sync.
    let keep = args.key_env.is_none().then_some(&key);
    workspace.add_freshdesk_source(&args.name, &base, keep, &vault, deskbench::now())?;
    if was_demo {
        eprintln!(
            "Removed the demo data: this workspace now holds {} only.",
            args.name
        );
    }
    let sync = match &args.key_env {
        Some(var) => format!("deskbench sync {} --token-env {var}", args.name),
        None => format!("deskbench sync {}", args.name),
    };
    eprintln!(
        "Connected {} ({}). Run `{sync}` to fetch its tickets.",
        args.name,
        base.as_str(),
    );
    Ok(())
}

/// A taken name fails before the secret is asked for (the core checks again).
fn refuse_taken_name(dir: &std::path::Path, name: &str) -> Result<()> {
    if Workspace::exists(dir)
        && Workspace::open(dir)?
            .store()
            .source_id_by_name(name)?
            .is_some()
    {
        return Err(WorkspaceError::SourceExists(name.to_owned()).into());
    }
    Ok(())
}

/// Makes sure the user agreed to send the source's token to its address on this
/// computer: asks on a terminal, else needs `--yes`. The workspace's name and address
/// are shown escaped, so their text cannot disguise the question.
pub fn confirm_host(session: &Session, name: &str, yes: bool, vault: &Vault) -> Result<()> {
    let Some(base) = session.host_to_confirm(name, vault)? else {
        return Ok(());
    };
    let shown = name.escape_debug();
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!(
                "source '{shown}' would send its API token to {}, which was not confirmed on this computer; run the sync on a terminal to be asked, or pass --yes",
                base.as_str()
            );
        }
        let question = format!(
            "Send the API token for source '{shown}' to {}? [y/N] ",
            base.as_str()
        );
        if !ask(&question)? {
            bail!(
                "did not send the token of source '{shown}' to {}",
                base.as_str()
            );
        }
    }
    session.confirm_source_host(name, base.as_str(), vault)?;
    Ok(())
}

/// Asks a yes/no question on the terminal; only "y" or "yes" is a yes.
fn ask(question: &str) -> Result<bool> {
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Asks for a token or key on the terminal without echoing it; `flag` names the
/// headless way.
fn ask_secret(what: &str, flag: &str) -> Result<Secret> {
    if !std::io::stdin().is_terminal() {
        bail!("no terminal to ask for the {what} on; pass {flag} VAR naming an environment variable that holds it");
    }
    let token = rpassword::prompt_password(format!("{what} (input hidden): "))?;
    Ok(Secret::new(token)?)
}

fn list(cli: &Cli) -> Result<()> {
    let workspace = open_existing(cli)?;
    let sources = workspace.store().sources()?;
    if sources.is_empty() {
        crate::output::line("No sources. Add one with `deskbench source add zendesk --help`.")?;
    }
    for s in sources {
        let email = zendesk_settings(&s)
            .ok()
            .and_then(|z| z.email)
            .unwrap_or_default();
        crate::output::line(&format!(
            "{}\t{}\t{}\t{}",
            s.name,
            s.kind,
            s.base_url.unwrap_or_default(),
            email
        ))?;
    }
    Ok(())
}

fn remove(cli: &Cli, args: &RemoveSource) -> Result<()> {
    let mut workspace = open_existing(cli)?;
    let source = workspace.source(&args.name)?;
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            bail!(
                "removing {} deletes its synced data; confirm with --yes",
                args.name
            );
        }
        let question = format!(
            "Remove {} and everything synced from it from this workspace? [y/N] ",
            source.name
        );
        if !ask(&question)? {
            eprintln!("Kept {}.", source.name);
            return Ok(());
        }
    }
    workspace.remove_source(&args.name, &Vault::system()?)?;
    eprintln!("Removed {} and its data.", args.name);
    Ok(())
}
