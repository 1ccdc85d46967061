//! `fake-zendesk [--port P] [--tickets N] [--seed S] [--page-size N]`: serves a fake
//! Zendesk account on 127.0.0.1 until Ctrl-C, for trying the app's Sources screen by hand.

use std::process::ExitCode;

use fake_zendesk::{FakeConfig, FakeZendesk};

const USAGE: &str = "usage: fake-zendesk [--port P] [--tickets N] [--seed S] [--page-size N]";

fn parse_args() -> Result<(u16, FakeConfig), String> {
    let mut config = FakeConfig::default();
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |_| format!("invalid value for {flag}: {value}\n{USAGE}");
        match flag.as_str() {
            "--port" => port = value.parse().map_err(bad)?,
            "--tickets" => config.tickets = value.parse().map_err(bad)?,
            "--seed" => config.seed = value.parse().map_err(bad)?,
            "--page-size" => config.page_size = value.parse().map_err(bad)?,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok((port, config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (port, config) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) if message == USAGE => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let (email, token, tickets, seed) = (
        config.email.clone(),
        config.token.clone(),
        config.tickets,
        config.seed,
    );
    let started = std::time::Instant::now();
    let fake = match FakeZendesk::start_on_port(config, port).await {
        Ok(fake) => fake,
        Err(e) => {
            eprintln!("fake-zendesk: cannot bind 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "fake Zendesk serving {tickets} tickets (seed {seed}, generated in {:.0?}) at {}",
        started.elapsed(),
        fake.url()
    );
    println!("  email: {email}");
    println!("  API token: {token}");
    println!(
        "  try: curl -u '{email}/token:{token}' '{}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=2'",
        fake.url()
    );
    println!("press Ctrl-C to stop");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("fake-zendesk: cannot wait for Ctrl-C: {e}");
    }
    fake.stop().await;
    ExitCode::SUCCESS
}
