//! `deskbench source add|list|remove`.

use std::io::{IsTerminal, Write};

use anyhow::{bail, Context, Result};
use tokio_util::sync::CancellationToken;

use deskbench::secrets::{self, Secret};
use deskbench::sources::zendesk::BaseUrl;
use deskbench::workspace::{
    check_zendesk, zendesk_settings, Workspace, ZendeskAuth, ZendeskSettings,
};

use crate::args::{AddSource, AddZendesk, Cli, RemoveSource, SourceCommand};
use crate::status::{open_existing, workspace_dir};

pub fn run(cli: &Cli, command: &SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add(AddSource::Zendesk(args)) => add_zendesk(cli, args),
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
        token_env: args.token_env.clone(),
        incremental_limit: args.incremental_limit,
    };
    let token = match &args.token_env {
        Some(var) => secrets::from_env(var)?,
        None => ask_token()?,
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
    let mut workspace = Workspace::open(&workspace_dir(cli)?)?;
    let was_demo = workspace.info(deskbench::now())?.is_demo;
    if args.token_env.is_none() {
        secrets::save(&secrets::account(&args.name), &token)?;
    }
    workspace.add_zendesk_source(&args.name, &base, &settings, deskbench::now())?;
    if was_demo {
        eprintln!(
            "Removed the demo data: this workspace now holds {} only.",
            args.name
        );
    }
    eprintln!(
        "Connected {} ({}) as {} ({}). Run `deskbench sync {}` to fetch its tickets.",
        args.name,
        base.as_str(),
        me.name,
        me.role,
        args.name
    );
    Ok(())
}

/// Asks for the token on the terminal without echoing it.
fn ask_token() -> Result<Secret> {
    if !std::io::stdin().is_terminal() {
        bail!("no terminal to ask for the token on; pass --token-env VAR naming an environment variable that holds it");
    }
    let token = rpassword::prompt_password("Zendesk API token (input hidden): ")?;
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
        eprint!(
            "Remove {} and everything synced from it from this workspace? [y/N] ",
            source.name
        );
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("Kept {}.", source.name);
            return Ok(());
        }
    }
    workspace.remove_source(&args.name)?;
    eprintln!("Removed {} and its data.", args.name);
    Ok(())
}
