//! `fake-freshdesk [--port P] [--tickets N] [--seed S] [--plan trial|growth|pro|enterprise]`:
//! serves a fake Freshdesk account on 127.0.0.1 until Ctrl-C, to try a client by hand.

use std::process::ExitCode;
use std::time::Duration;

use fake_freshdesk::{FakeConfig, FakeFreshdesk, Plan};

const USAGE: &str =
    "usage: fake-freshdesk [--port P] [--tickets N] [--seed S] [--plan trial|growth|pro|enterprise]";

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
            "--plan" => {
                let plan = match value.as_str() {
                    "trial" => Plan::Trial,
                    "growth" => Plan::Growth,
                    "pro" => Plan::Pro,
                    "enterprise" => Plan::Enterprise,
                    _ => return Err(format!("unknown plan {value}\n{USAGE}")),
                };
                config = config.with_plan(plan, Duration::from_secs(60));
            }
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
    let (key, tickets, seed) = (config.api_key.clone(), config.tickets, config.seed);
    let started = std::time::Instant::now();
    let fake = match FakeFreshdesk::start_on_port(config, port).await {
        Ok(fake) => fake,
        Err(e) => {
            eprintln!("fake-freshdesk: cannot bind 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "fake Freshdesk serving {tickets} tickets (seed {seed}, generated in {:.0?}) at {}",
        started.elapsed(),
        fake.url()
    );
    println!("  API key: {key}");
    println!(
        "  try: curl -u '{key}:X' '{}/api/v2/tickets?updated_since=2025-01-01T00:00:00Z&per_page=2'",
        fake.url()
    );
    println!("press Ctrl-C to stop");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("fake-freshdesk: cannot wait for Ctrl-C: {e}");
    }
    fake.stop().await;
    ExitCode::SUCCESS
}
