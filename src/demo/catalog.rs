//! Brands, groups, agents, organizations and end users of the demo helpdesk.

use std::collections::BTreeSet;

use rand::Rng;

use super::calendar::{Staffing, DAY};
use super::config::{
    DemoConfig, AGENT_ID_BASE, BRAND_ID_BASE, END_USER_ID_BASE, GROUP_ID_BASE, ORG_ID_BASE,
};
use super::names::{organization, person, Lang};
use super::sample::{chance, lognormal, normal, pick, weighted, Cumulative, DemoRng};
use super::topics::KR_RU_DESK;
use crate::store::records::{Named, User};

pub(super) const BRANDS: [&str; 3] = ["Acme Cloud", "Acme Pay", "Acme Mobile"];

/// A support team: name, when it is staffed, and its head count.
pub(super) struct GroupSpec {
    pub name: &'static str,
    pub staffing: Staffing,
    pub agents: usize,
}

const fn group(
    name: &'static str,
    hours: (i64, i64),
    rates: (f64, f64),
    agents: usize,
) -> GroupSpec {
    GroupSpec {
        name,
        staffing: Staffing {
            open_hour: hours.0,
            close_hour: hours.1,
            night_rate: rates.0,
            weekend_rate: rates.1,
        },
        agents,
    }
}

/// In `topics` group-index order. The Korea & Russia desk works Seoul and Moscow hours.
pub(super) const GROUPS: [GroupSpec; 6] = [
    group("Tier 1 Support", (7, 21), (0.06, 0.25), 12),
    group("Billing", (8, 18), (0.03, 0.05), 7),
    group("Technical", (8, 20), (0.05, 0.10), 8),
    group("Onboarding", (9, 18), (0.02, 0.03), 4),
    group("VIP", (6, 22), (0.30, 0.40), 3),
    group("Korea & Russia desk", (0, 15), (0.05, 0.10), 6),
];

pub(super) struct Agent {
    pub id: i64,
    pub name: String,
    /// How customers of the agent's language address them.
    pub short: String,
    pub lang: Lang,
    /// Multiplies handling times: below 1 is a fast agent.
    pub speed: f64,
    /// Added to the probability of a good rating.
    pub csat: f64,
}

pub(super) struct Org {
    pub id: i64,
    pub vip: bool,
}

/// What a ticket needs to know about its requester.
pub(super) struct Requester {
    pub id: i64,
    pub org: Option<usize>,
    pub short: String,
}

pub(super) struct Catalog {
    pub groups: Vec<Named>,
    pub brands: Vec<Named>,
    pub organizations: Vec<Named>,
    /// Agents first, then end users, in id order.
    pub users: Vec<User>,
    pub agents: Vec<Agent>,
    pub orgs: Vec<Org>,
    pub requesters: Vec<Requester>,
    /// Per language: requester indexes and their heavy-tailed activity weights.
    by_lang: [(Vec<usize>, Cumulative); 3],
    /// Per group and language: agent indexes and their load weights.
    rosters: Vec<[(Vec<usize>, Cumulative); 3]>,
}

impl Catalog {
    pub(super) fn build(rng: &mut DemoRng, config: &DemoConfig, start: i64) -> Catalog {
        let named = |base: i64, names: &mut dyn Iterator<Item = String>| -> Vec<Named> {
            names
                .enumerate()
                .map(|(i, name)| Named {
                    id: base + 1 + i as i64,
                    name,
                })
                .collect()
        };
        let groups = named(GROUP_ID_BASE, &mut GROUPS.iter().map(|g| g.name.to_owned()));
        let brands = named(BRAND_ID_BASE, &mut BRANDS.iter().map(|b| (*b).to_owned()));
        let mut users = Vec::new();
        let mut agents = Vec::new();
        let mut load: Vec<(usize, f64)> = Vec::new();
        let mut taken = BTreeSet::new();
        for (g, spec) in GROUPS.iter().enumerate() {
            for k in 0..spec.agents {
                let lang = match (g, k) {
                    (KR_RU_DESK, 0..=2) => Lang::Ko,
                    (KR_RU_DESK, _) => Lang::Ru,
                    _ => Lang::En,
                };
                // Distinct names, so agent rankings never show the same person twice.
                let mut p = person(rng, lang);
                for _ in 0..100 {
                    if !taken.contains(&p.name) {
                        break;
                    }
                    p = person(rng, lang);
                }
                taken.insert(p.name.clone());
                let id = AGENT_ID_BASE + 1 + agents.len() as i64;
                // Team leads are admins and take fewer tickets.
                let lead = k == 0 && g != 4;
                let created = start - rng.gen_range(200..1_500) * DAY;
                users.push(User {
                    id,
                    role: if lead { "admin" } else { "agent" }.to_owned(),
                    name: p.name.clone(),
                    email: Some(format!("{}@acme-demo.example", p.login)),
                    locale: Some(lang.user_locale().to_owned()),
                    time_zone: Some(agent_time_zone(rng, lang).to_owned()),
                    organization_id: None,
                    created_at: Some(created),
                    updated_at: Some(created + rng.gen_range(0..150) * DAY),
                });
                // One star in Tier 1 and one struggling agent in Billing make agent
                // rankings worth looking at.
                let (speed, csat) = match (g, k) {
                    (0, 3) => (0.55, 0.06),
                    (1, 4) => (1.6, -0.12),
                    _ => (lognormal(rng, 1.0, 0.2), normal(rng) * 0.025),
                };
                agents.push(Agent {
                    id,
                    name: p.name,
                    short: p.short,
                    lang,
                    speed,
                    csat,
                });
                load.push((g, if lead { 0.35 } else { lognormal(rng, 1.0, 0.3) }));
            }
        }
        let rosters = (0..GROUPS.len())
            .map(|g| {
                Lang::ALL.map(|lang| {
                    let members: Vec<usize> = (0..agents.len())
                        .filter(|&a| load[a].0 == g && (g != KR_RU_DESK || agents[a].lang == lang))
                        .collect();
                    let weights = Cumulative::new(members.iter().map(|&a| load[a].1));
                    (members, weights)
                })
            })
            .collect();

        let org_count = config.organizations();
        let mut organizations = Vec::with_capacity(org_count);
        let mut orgs = Vec::with_capacity(org_count);
        let mut orgs_by_lang: [Vec<usize>; 3] = Default::default();
        let mut per_lang = [0usize; 3];
        for i in 0..org_count {
            let lang = Lang::ALL[weighted(rng, &[0.6, 0.25, 0.15])];
            let (name, domain) = organization(rng, lang, per_lang[lang.index()]);
            per_lang[lang.index()] += 1;
            let id = ORG_ID_BASE + 1 + i as i64;
            organizations.push(Named { id, name });
            orgs.push((
                Org {
                    id,
                    vip: lang != Lang::Ru && chance(rng, 0.07),
                },
                domain,
            ));
            orgs_by_lang[lang.index()].push(i);
        }

        let mut requesters = Vec::with_capacity(config.end_users());
        let mut by_lang: [Vec<usize>; 3] = Default::default();
        for i in 0..config.end_users() {
            let lang = Lang::ALL[weighted(rng, &[0.6, 0.25, 0.15])];
            let p = person(rng, lang);
            let pool = &orgs_by_lang[lang.index()];
            let org = (!pool.is_empty() && chance(rng, 0.85)).then(|| *pick(rng, pool));
            let email = match org {
                Some(o) => format!("{}@{}", p.login, orgs[o].1),
                None => format!(
                    "{}{}@example.com",
                    p.login.replace('.', ""),
                    rng.gen_range(1..99)
                ),
            };
            let id = END_USER_ID_BASE + 1 + i as i64;
            let created = start - rng.gen_range(0..900) * DAY + rng.gen_range(0..DAY);
            users.push(User {
                id,
                role: "end-user".to_owned(),
                name: p.name,
                email: Some(email),
                locale: Some(lang.user_locale().to_owned()),
                time_zone: Some(pick(rng, lang.time_zones()).to_string()),
                organization_id: org.map(|o| orgs[o].0.id),
                created_at: Some(created),
                updated_at: Some(created),
            });
            requesters.push(Requester {
                id,
                org,
                short: p.short,
            });
            by_lang[lang.index()].push(i);
        }
        // A few requesters file many tickets, most file one or two.
        let by_lang = by_lang.map(|members| {
            let weights =
                Cumulative::new((0..members.len()).map(|r| 1.0 / (r as f64 + 3.0).powf(0.6)));
            (members, weights)
        });
        Catalog {
            groups,
            brands,
            organizations,
            users,
            agents,
            orgs: orgs.into_iter().map(|(org, _)| org).collect(),
            requesters,
            by_lang,
            rosters,
        }
    }

    /// A requester speaking `lang` (any requester if nobody does, which only tiny demos hit).
    pub(super) fn requester(&self, rng: &mut DemoRng, lang: Lang) -> usize {
        let (members, weights) = &self.by_lang[lang.index()];
        if members.is_empty() {
            return rng.gen_range(0..self.requesters.len());
        }
        members[weights.draw(rng)]
    }

    /// An agent of `group`, matching the language on the Korea & Russia desk.
    pub(super) fn agent(&self, rng: &mut DemoRng, group: usize, lang: Lang) -> usize {
        let (members, weights) = &self.rosters[group][lang.index()];
        if members.is_empty() || weights.len() == 0 {
            // The desk has no English agent: its lead picks English tickets up.
            return self.rosters[group][Lang::Ko.index()].0[0];
        }
        members[weights.draw(rng)]
    }

    /// The requester's e-mail address (end users follow the agents in `users`).
    pub(super) fn requester_email(&self, requester: usize) -> &str {
        self.users
            .get(self.agents.len() + requester)
            .and_then(|u| u.email.as_deref())
            .unwrap_or_default()
    }

    pub(super) fn is_vip(&self, requester: usize) -> bool {
        self.requesters[requester]
            .org
            .is_some_and(|o| self.orgs[o].vip)
    }
}

/// Agents sit where their team's hours are office hours.
fn agent_time_zone(rng: &mut DemoRng, lang: Lang) -> &'static str {
    match lang {
        Lang::En => pick::<&str>(rng, &["Europe/London", "Europe/Dublin", "Europe/Lisbon"]),
        Lang::Ko => "Asia/Seoul",
        Lang::Ru => "Europe/Moscow",
    }
}
