//! Command-line options. Values that the core validates (dates, zones, KPI ids,
//! dimensions) stay strings here so their errors list what is valid.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "deskbench",
    version,
    about = "Offline support analytics: KPIs over a local helpdesk cache"
)]
pub struct Cli {
    /// The workspace folder (default: the OS data directory).
    #[arg(long, global = true, env = "DESKBENCH_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the demo workspace: a realistic generated helpdesk.
    Demo(DemoArgs),
    /// Compute KPIs (see kpi-definitions: ranges, buckets, breakdowns, filters).
    Kpi(KpiArgs),
    /// List the tickets behind a KPI value: its range, one bucket (--period) or one group
    /// (--by with --key).
    Tickets(TicketsArgs),
    /// The Agents & groups table: each agent (or group) with solved tickets, first reply
    /// and resolution medians, one-touch, reopen and CSAT, and the team median.
    People(PeopleArgs),
    /// The backlog over time from the status history: unsolved tickets at each bucket's
    /// end by age band (and by a dimension as they had it then), and the stuck tickets.
    Backlog(BacklogArgs),
    /// Time in status by group or agent, and the handoffs between groups and agents of
    /// the tickets solved in the range, from the status history.
    Flow(FlowArgs),
    /// What changed: the days (or weeks) where volume or a KPI, in total or per group,
    /// moved beyond what its weekly pattern and trend predict.
    Anomalies(AnomaliesArgs),
    /// Forecast tickets created per day or hour for the next 1 to 12 weeks, with 80% and
    /// 95% intervals and a backtest of its accuracy (MASE, sMAPE) against seasonal-naive.
    Forecast(ForecastArgs),
    /// Agents needed per hour of the week (Erlang C) from the hourly forecast, or for
    /// one hour's arrivals with --arrivals-per-hour.
    Staffing(StaffingArgs),
    /// What customers write about: themes, emerging themes, sentiment, CSAT drivers,
    /// repetitive tickets and knowledge-base gaps (English, Korean and Russian).
    Feedback(FeedbackArgs),
    /// Draw one KPI as a chart for slides: a PNG or SVG file.
    Chart(ChartArgs),
    /// Show, set or clear KPI targets (e.g. first_reply_time 60, csat 0.9).
    #[command(subcommand)]
    Target(TargetCommand),
    /// Show the workspace: sources, record counts, each stream's checkpoint and last sync.
    Status(StatusArgs),
    /// Connect, list or remove helpdesk sources.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Fetch what changed in a source (all sources without NAME) into the workspace.
    Sync(SyncArgs),
    /// Import a helpdesk's or survey tool's export (CSV or XLSX) through a mapping preset.
    Import(ImportArgs),
    /// Write a ticket list or a KPI's numbers to a file: .csv, .xlsx or .parquet.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Connect a source. Its token goes to the OS keychain (or stays in --token-env).
    #[command(subcommand)]
    Add(AddSource),
    /// List the workspace's sources.
    List,
    /// Remove a source and everything synced from it (asks first).
    Remove(RemoveSource),
}

#[derive(Debug, Subcommand)]
pub enum AddSource {
    /// A Zendesk account (needs an admin's API token: Admin Center → Apps and
    /// integrations → Zendesk API).
    Zendesk(AddZendesk),
    /// A Freshdesk account (needs an admin's API key: profile picture → Profile
    /// settings → Your API Key).
    Freshdesk(AddFreshdesk),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("address").required(true).args(["domain", "url"])))]
pub struct AddFreshdesk {
    /// A name for the source in this workspace.
    #[arg(long)]
    pub name: String,
    /// The account's domain: acme for https://acme.freshdesk.com.
    #[arg(long)]
    pub domain: Option<String>,
    /// The account's address, e.g. https://support.acme.com.
    #[arg(long)]
    pub url: Option<String>,
    /// Read the API key from this environment variable instead of asking for it and
    /// keeping it in the OS keychain. Nothing is stored: pass --token-env VAR at every
    /// sync.
    #[arg(long, value_name = "VAR")]
    pub key_env: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("address").required(true).args(["subdomain", "url"])))]
pub struct AddZendesk {
    /// A name for the source in this workspace.
    #[arg(long)]
    pub name: String,
    /// The account's subdomain: acme for https://acme.zendesk.com.
    #[arg(long)]
    pub subdomain: Option<String>,
    /// The account's address, e.g. https://support.acme.com.
    #[arg(long)]
    pub url: Option<String>,
    /// The email of the admin whose API token is used.
    #[arg(long, required_unless_present = "oauth")]
    pub email: Option<String>,
    /// The token is an OAuth access token (Bearer) rather than an API token.
    #[arg(long)]
    pub oauth: bool,
    /// Read the token from this environment variable instead of asking for it and keeping
    /// it in the OS keychain. Nothing is stored: pass --token-env again at every sync.
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// Requests per minute to Zendesk's incremental exports: 10, or 30 with the High
    /// Volume API add-on.
    #[arg(long, value_name = "N")]
    pub incremental_limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct RemoveSource {
    pub name: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The source to sync (default: every Zendesk and Freshdesk source).
    pub name: Option<String>,
    /// Read every stream from the beginning again (stored data is kept and updated).
    #[arg(long)]
    pub full: bool,
    /// Read the token (or Freshdesk API key) from this environment variable for this run
    /// (never stored: pass it at every sync of a source added with --token-env or
    /// --key-env).
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// Send the token to a source's address without asking when it was not confirmed on
    /// this computer before (for scripts; a terminal is asked).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export file: CSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab) or XLSX.
    pub file: PathBuf,
    /// How the file reads: jira, servicenow, zoho, intercom, hubspot, salesforce,
    /// helpscout, freshdesk, surveymonkey, qualtrics, typeform, generic (columns mapped
    /// with --map only), or a preset saved with --save-preset.
    #[arg(long, default_value = "generic")]
    pub preset: String,
    /// A column and the field it holds, e.g. "Issue key=id" or "Region=field:Region";
    /// repeat for more columns. Fields: id, subject, description, status, priority, type,
    /// channel, group, assignee, requester_email, organization, tags, created_at,
    /// first_reply_at, solved_at, closed_at, updated_at, field:NAME; for survey files
    /// ticket_id, score, comment, rated_at. "COLUMN=-" leaves a column out, even one the
    /// preset reads.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// The source to import into (default: the preset's name and the file's name); for
    /// survey responses, the source of their tickets.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The IANA time zone of the file's dates (default: what the file states, else the
    /// source's, else the workspace's).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// The dates' format in strftime codes, e.g. "%d/%m/%Y %H:%M" (default: detected).
    #[arg(long, value_name = "FMT")]
    pub date_format: Option<String>,
    /// A status value and its state (new, open, pending, hold, solved, closed), e.g.
    /// "Waiting for customer=pending"; repeat for more.
    #[arg(long = "status", value_name = "VALUE=STATE")]
    pub statuses: Vec<String>,
    /// Neutral ratings (3 of 5) count as bad, as vendors' CSAT does, or are left out.
    #[arg(long, value_enum, default_value_t = NeutralArg::Bad)]
    pub neutral: NeutralArg,
    /// Read and check the file and show what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Save this import's mapping as a preset of this name, for the next exports.
    #[arg(long, value_name = "NAME")]
    pub save_preset: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NeutralArg {
    Bad,
    Exclude,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of tickets to generate.
    #[arg(long, default_value_t = 20_000)]
    pub tickets: usize,
    /// Random seed: the same seed and dates give the same data.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Months of history.
    #[arg(long, default_value_t = 18)]
    pub months: u32,
    /// Last day of the generated history, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Table,
}

#[derive(Debug, Args)]
pub struct KpiArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    /// Keep the first N groups of --by.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

/// The options a KPI query shares with a ticket list.
#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Only these KPIs (repeatable; default: all).
    #[arg(long = "kpi", value_name = "ID")]
    pub kpis: Vec<String>,
}

impl QueryArgs {
    pub fn request(&self) -> deskbench::analytics::KpiRequest {
        self.scope.request(self.kpis.clone())
    }
}

/// What a query covers: range, zone, buckets, breakdown, filters, hours.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// First day of the range, YYYY-MM-DD (with --to; default: the last 30 full days).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the range, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// IANA time zone for ranges and buckets (default: the workspace's).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Bucket the range into a series: day, week (ISO, from Monday) or month.
    #[arg(long, value_name = "BUCKET")]
    pub every: Option<String>,
    /// Break down by a ticket dimension: channel, status, priority, type, group, assignee,
    /// brand, organization, requester, source, tag or field:<id> (a custom field). `kpi`
    /// takes several (repeat) and reports each breakdown's groups under its name.
    #[arg(long, value_name = "DIM")]
    pub by: Vec<String>,
    /// Keep tickets where DIM=VALUE (repeat: same dimension = OR, different = AND;
    /// VALUE null matches tickets without one; source=NAME takes a source's name).
    #[arg(long = "where", value_name = "DIM=VALUE")]
    pub filters: Vec<String>,
    /// Durations in calendar or business hours.
    #[arg(long, default_value = "calendar", value_name = "HOURS")]
    pub hours: String,
}

impl ScopeArgs {
    /// Refuses a repeated `--by` where one breakdown is shown (all but `kpi`).
    pub fn one_by(&self) -> anyhow::Result<()> {
        if self.by.len() > 1 {
            anyhow::bail!("--by can be given once here; only `kpi` reports several breakdowns");
        }
        Ok(())
    }

    pub fn request(&self, kpis: Vec<String>) -> deskbench::analytics::KpiRequest {
        deskbench::analytics::KpiRequest {
            from: self.from.clone(),
            to: self.to.clone(),
            tz: self.tz.clone(),
            every: self.every.clone(),
            by: self.by.first().cloned(),
            filters: self.filters.clone(),
            kpis,
            hours: Some(self.hours.clone()),
            top: None,
        }
    }
}

/// A range with its zone and filters, for commands that set their own breakdown and
/// buckets (`people`, `feedback`).
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// First day of the range, YYYY-MM-DD (with --to; default: the last 30 full days).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the range, inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// IANA time zone for the range and its buckets (default: the workspace's).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Keep tickets where DIM=VALUE (as for `kpi`).
    #[arg(long = "where", value_name = "DIM=VALUE")]
    pub filters: Vec<String>,
}

impl PeriodArgs {
    /// The request of this range, zone and filters, with `every` and `by`.
    pub fn request(
        &self,
        every: Option<String>,
        by: Option<String>,
    ) -> deskbench::analytics::KpiRequest {
        deskbench::analytics::KpiRequest {
            from: self.from.clone(),
            to: self.to.clone(),
            tz: self.tz.clone(),
            filters: self.filters.clone(),
            every,
            by,
            ..Default::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// One row per agent (assignee) or per group.
    #[arg(long, default_value = "assignee", value_name = "ROWS")]
    pub by: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Durations in calendar or business hours.
    #[arg(long, default_value = "calendar", value_name = "HOURS")]
    pub hours: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct BacklogArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Count at the end of each day, week or month (default: once, at the range's end).
    #[arg(long, value_name = "BUCKET")]
    pub every: Option<String>,
    /// Split by a single-valued dimension: group, assignee, priority or status as each
    /// ticket had it at that instant; channel, type, brand, organization, requester or
    /// source as it is now.
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    /// An unsolved ticket with no change of status, group, assignee or priority for this
    /// many days is stuck.
    #[arg(long, default_value_t = deskbench::app::flow::STUCK_DAYS, value_name = "DAYS")]
    pub stuck_days: u32,
    /// Print the stuck tickets instead of the backlog (JSON always has both).
    #[arg(long)]
    pub stuck: bool,
    /// What a ticket's age band counts from: its creation, or its last public reply by
    /// an agent before each instant (tickets without one get a "no reply" band).
    #[arg(long, value_enum, default_value_t = AgeFromArg::Created, value_name = "FROM")]
    pub age_from: AgeFromArg,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `--age-from`: what the backlog's age bands count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgeFromArg {
    Created,
    LastReply,
}

impl From<AgeFromArg> for deskbench::analytics::flow::AgeFrom {
    fn from(arg: AgeFromArg) -> Self {
        match arg {
            AgeFromArg::Created => deskbench::analytics::flow::AgeFrom::Created,
            AgeFromArg::LastReply => deskbench::analytics::flow::AgeFrom::LastReply,
        }
    }
}

#[derive(Debug, Args)]
pub struct FlowArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Whose time it is: group or assignee, the one holding the ticket at the time
    /// (default: all tickets together).
    #[arg(long, value_name = "OWNER")]
    pub by: Option<String>,
    /// Print the group-to-group transfers instead of the time in status (JSON always
    /// has both).
    #[arg(long)]
    pub handoffs: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct AnomaliesArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Judge days (default) or ISO weeks.
    #[arg(long, value_name = "BUCKET")]
    pub every: Option<String>,
    /// Also judge each group of a dimension (channel, group, …), not only the total.
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    /// The KPIs to judge (repeatable; default: tickets_created, first_reply_time,
    /// full_resolution_time, one_touch_rate, csat).
    #[arg(long = "kpi", value_name = "ID")]
    pub kpis: Vec<String>,
    /// Judge the feedback themes' shares instead of KPIs (a feedback analysis of the
    /// period and its look-back).
    #[arg(long, conflicts_with_all = ["by", "kpis"])]
    pub themes: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct FeedbackArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only texts in this language: en, ko or ru (default: all three).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Which texts: csat (rating comments), tickets (subjects and first messages) or all.
    #[arg(long, default_value = "all", value_name = "SOURCE")]
    pub source: String,
    #[arg(long, value_enum, default_value_t = FeedbackFormat::Json)]
    pub format: FeedbackFormat,
    #[command(flatten)]
    pub edit: crate::feedback::ThemeEditArgs,
    #[command(flatten)]
    pub words: crate::feedback::EditWords,
}

/// The feedback report is nested, so it prints as JSON or as a set of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedbackFormat {
    Json,
    Table,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// The KPI to draw.
    #[arg(long, value_name = "ID")]
    pub kpi: String,
    /// Keep the first N groups of --by.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Bars, lines or stacked bars (default: lines over --every, else bars).
    #[arg(long, value_enum)]
    pub kind: Option<ChartKindArg>,
    /// The file to write: FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// The language of the title, dates and numbers.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// 2 doubles the PNG's pixels per side (sharp on high-density screens and slides).
    #[arg(long, default_value_t = 1, value_name = "1|2")]
    pub scale: u32,
    /// Size in pixels (320 to 4096).
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChartKindArg {
    Bar,
    Line,
    Stacked,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Ko,
    Ru,
}

#[derive(Debug, Args)]
pub struct TicketsArgs {
    #[command(flatten)]
    pub list: TicketListArgs,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

/// Which tickets a list holds and in which order.
#[derive(Debug, Args)]
pub struct TicketListArgs {
    /// The KPI whose tickets to list (its population in the range, bucket or group).
    #[arg(long = "of", value_name = "KPI")]
    pub kpi: String,
    /// With --by: the group's key as `deskbench kpi` prints it (null: no value).
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// With --every: the bucket's label, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub period: Option<String>,
    /// Sort column (id, created_at, solved_at, status, priority, channel,
    /// first_reply_time, full_resolution_time, replies, reopens); `-` first for descending.
    #[arg(long, value_name = "COLUMN", allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Only tickets whose subject contains TEXT (ignoring case), or whose id is TEXT.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub query: QueryArgs,
}

impl TicketListArgs {
    pub fn request(
        &self,
        offset: usize,
        limit: Option<usize>,
    ) -> deskbench::analytics::views::drill::TicketListRequest {
        deskbench::analytics::views::drill::TicketListRequest {
            query: self.query.request(),
            kpi: self.kpi.clone(),
            key: self.key.clone(),
            period: self.period.clone(),
            sort: self.sort.clone(),
            offset,
            limit,
            search: self.search.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every ticket behind a KPI value (the whole list, not a page), with the columns of
    /// `deskbench tickets`.
    Tickets(ExportTicketsArgs),
    /// One KPI's numbers as its chart shows them: per group, per bucket or per group and
    /// bucket, with sample sizes (and CSAT's interval).
    Kpi(ExportKpiArgs),
}

#[derive(Debug, Args)]
pub struct ExportTicketsArgs {
    #[command(flatten)]
    pub list: TicketListArgs,
    /// The file to write; its extension picks the format: .csv, .xlsx or .parquet.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportKpiArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    /// Keep the first N groups of --by.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// The file to write; its extension picks the format: .csv, .xlsx or .parquet.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// List the targets.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Set a KPI's target: a count, minutes for durations, a share (0.9) for rates.
    /// Higher-is-better KPIs get "at least", the others "at most".
    Set { kpi: String, value: f64 },
    /// Remove a KPI's target.
    Clear { kpi: String },
}

/// What the forecast learns from and how far it looks; shared by `staffing`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Weeks ahead to forecast, 1 to 12.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub horizon_weeks: u32,
    /// IANA time zone of the days and hours (default: the workspace's).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Keep tickets where DIM=VALUE (as for `kpi`).
    #[arg(long = "where", value_name = "DIM=VALUE")]
    pub filters: Vec<String>,
    /// The last day of history, YYYY-MM-DD (default: yesterday).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    #[command(flatten)]
    pub history: HistoryArgs,
    /// Forecast per day or per hour.
    #[arg(long, default_value = "day", value_name = "SLOT")]
    pub granularity: String,
    /// A forecast per channel or per group.
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct StaffingArgs {
    /// A what-if for one hour with this many arrivals, instead of the forecast's week.
    #[arg(long, value_name = "N", allow_negative_numbers = true,
          conflicts_with_all = ["horizon_weeks", "tz", "filters", "until"])]
    pub arrivals_per_hour: Option<f64>,
    /// Average handle time per contact, in seconds.
    #[arg(
        long,
        default_value_t = 300.0,
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub aht: f64,
    /// Service-level target: PERCENT of contacts answered within SECONDS.
    #[arg(long, default_value = "80/60", value_name = "PERCENT/SECONDS")]
    pub target: String,
    /// Share of paid time agents do not answer (breaks, training, absence), 0 to <1.
    #[arg(
        long,
        default_value_t = 0.3,
        value_name = "F",
        allow_negative_numbers = true
    )]
    pub shrinkage: f64,
    /// Highest share of answering time per agent, above 0 to 1.
    #[arg(
        long,
        default_value_t = 0.85,
        value_name = "F",
        allow_negative_numbers = true
    )]
    pub max_occupancy: f64,
    #[command(flatten)]
    pub history: HistoryArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl Command {
    /// Refuses options that parse but do not apply to this command.
    pub fn check(&self) -> anyhow::Result<()> {
        match self {
            Command::Tickets(args) => args.list.query.scope.one_by(),
            Command::Chart(args) => args.scope.one_by(),
            Command::Export(ExportCommand::Tickets(args)) => args.list.query.scope.one_by(),
            Command::Export(ExportCommand::Kpi(args)) => args.query.scope.one_by(),
            _ => Ok(()),
        }
    }
}
