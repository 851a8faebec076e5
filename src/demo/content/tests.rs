//! Checks on the demo data: every reference resolves, names and numbers are well-formed.
//!
//! Long because it is only tests: one per kind of reference in the demo data.

use std::collections::HashSet;

use super::{
    organisations::GGVV,
    people::{ascii_fold, MILJOCHEF},
    projects::status_on,
    *,
};
use crate::{
    accounts::Role,
    directory::people::PersonRole,
    directory::phone::PhoneNumber,
    email::Email,
    forum::markdown,
    forum::ThreadKind,
    library::kinds::{DocumentKind, ProjectStatus},
    tags::glossary,
};

fn tag_names() -> HashSet<&'static str> {
    glossary().into_iter().map(|t| t.name).collect()
}

fn network(slug: &str) -> NetworkDef {
    networks()
        .into_iter()
        .find(|n| n.slug == slug)
        .unwrap_or_else(|| panic!("no network {slug}"))
}

fn is_local_time(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        })
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap())
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap())
        && s[11..13].parse::<u32>().unwrap() < 24
        && s[14..16].parse::<u32>().unwrap() < 60
}

fn is_iso_date(s: &str) -> bool {
    is_local_time(&format!("{s} 00:00"))
}

#[test]
fn tags_are_the_tillsynsomraden_of_the_glossary() {
    let names: Vec<_> = glossary().into_iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "Små avlopp",
            "Lantbruk",
            "Hälsoskydd",
            "Inomhusmiljö och ventilation",
            "Legionella och bassängbad",
            "Hygienisk verksamhet",
            "Skolor, förskolor och vård",
            "Avfall",
            "Masshantering",
            "Förorenade områden",
            "Kemikalier",
            "Dagvatten",
            "Miljöfarlig verksamhet",
            "Buller",
            "Vatten",
            "Juridik och metodik",
        ]
    );
    for tag in glossary() {
        assert!(tag.synonyms.len() >= 3, "{}", tag.name);
    }
    let small = glossary()
        .into_iter()
        .find(|t| t.name == "Små avlopp")
        .unwrap();
    assert!(small.synonyms.contains(&"fosforfälla"));
}

#[test]
fn organisations_are_the_13_municipalities_lansstyrelsen_and_kommunal_utveckling() {
    let orgs = organisations();
    assert_eq!(orgs.len(), 15);
    let kommuner: Vec<_> = orgs
        .iter()
        .filter(|o| o.kind == OrganisationKind::Kommun)
        .map(|o| o.short_name)
        .collect();
    assert_eq!(
        kommuner,
        [
            "Aneby",
            "Eksjö",
            "Gislaved",
            "Gnosjö",
            "Habo",
            "Jönköping",
            "Mullsjö",
            "Nässjö",
            "Sävsjö",
            "Tranås",
            "Vaggeryd",
            "Vetlanda",
            "Värnamo"
        ]
    );
    let ggvv: Vec<_> = orgs
        .iter()
        .filter(|o| o.subregion == GGVV)
        .map(|o| o.short_name)
        .collect();
    assert_eq!(ggvv, ["Gislaved", "Gnosjö", "Vaggeryd", "Värnamo"]);
    let slugs: HashSet<_> = orgs.iter().map(|o| o.slug).collect();
    assert_eq!(slugs.len(), orgs.len());
}

#[test]
fn networks_include_the_plans_open_and_members_only_groups() {
    let nets = networks();
    let slugs: HashSet<_> = nets.iter().map(|n| n.slug).collect();
    assert_eq!(slugs.len(), nets.len(), "duplicate slug");
    for (slug, members_only) in [
        ("miljohandlaggartraffar", false),
        ("sma-avlopp", false),
        ("lantbrukstillsyn", false),
        ("halsoskydd", false),
        ("avfall", false),
        ("styrgrupp", true),
        ("beredningsgrupp", true),
        ("kontaktpersoner", true),
        ("miljobrottsamverkan", true),
        ("miljomalssamordnare", true),
    ] {
        assert_eq!(network(slug).members_only, members_only, "{slug}");
    }
    for n in &nets {
        assert!(
            n.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            n.slug
        );
        assert!(n.description.len() > 80, "{}", n.slug);
    }
    assert!(network("sma-avlopp")
        .description
        .contains("Skapa enhetliga bedömningar i länet"));
}

#[test]
fn projects_are_the_plans_nine_with_its_periods() {
    let got: Vec<_> = projects()
        .into_iter()
        .map(|p| (p.name, p.period_from, p.period_to))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Hälsoskyddstillsyn i ett varmare klimat",
                "2025-01-01",
                "2026-04-30"
            ),
            ("Dagvattenhantering", "2025-08-01", "2026-05-31"),
            (
                "Upptäcka illegal avfallshantering",
                "2026-09-01",
                "2027-05-31"
            ),
            (
                "Återförsäljare – kemiska produkter och varor",
                "2026-09-01",
                "2027-05-31"
            ),
            ("Handläggarstöd masshantering", "2025-08-01", "2025-12-31"),
            (
                "Prioriterade förorenade områden",
                "2026-08-01",
                "2026-12-31"
            ),
            (
                "Ventilation i skola/förskola och vårdlokaler",
                "2026-08-01",
                "2026-12-31"
            ),
            ("Yrkesresan", "2026-01-01", "2029-12-31"),
            (
                "Digitalisering – gemensamt verksamhetssystem",
                "2025-08-01",
                "2026-12-31"
            ),
        ]
    );
    for p in projects() {
        assert!(
            is_iso_date(p.period_from) && is_iso_date(p.period_to),
            "{}",
            p.slug
        );
        assert!(p.period_from < p.period_to, "{}", p.slug);
        assert!(!p.goal.is_empty() && !p.description.is_empty());
    }
}

#[test]
fn project_statuses_are_relative_to_demo_today() {
    use ProjectStatus::*;
    let got: Vec<_> = projects().into_iter().map(|p| (p.slug, p.status)).collect();
    assert_eq!(
        got,
        [
            ("halsoskyddstillsyn-varmare-klimat", Finished),
            ("dagvattenhantering", Finished),
            ("upptacka-illegal-avfallshantering", Ongoing),
            ("aterforsaljare-kemiska-produkter", Ongoing),
            ("handlaggarstod-masshantering", Finished),
            ("prioriterade-fororenade-omraden", Ongoing),
            ("ventilation-skola-forskola-vardlokaler", Ongoing),
            ("yrkesresan", Ongoing),
            ("digitalisering-gemensamt-verksamhetssystem", Ongoing),
        ]
    );
}

#[test]
fn project_status_counts_first_and_last_day_as_ongoing() {
    use ProjectStatus::*;
    assert_eq!(status_on("2026-08-31", "2026-09-01", "2027-05-31"), Planned);
    assert_eq!(status_on("2026-09-01", "2026-09-01", "2027-05-31"), Ongoing);
    assert_eq!(status_on("2027-05-31", "2026-09-01", "2027-05-31"), Ongoing);
    assert_eq!(
        status_on("2027-06-01", "2026-09-01", "2027-05-31"),
        Finished
    );
    assert_eq!(Planned.as_str(), "planned");
}

#[test]
fn projects_refer_to_existing_networks_and_tags() {
    let tags = tag_names();
    for p in projects() {
        assert!(!p.networks.is_empty(), "{}", p.slug);
        for n in &p.networks {
            network(n);
        }
        for t in &p.tags {
            assert!(tags.contains(t), "{}: {t}", p.slug);
        }
    }
}

#[test]
fn every_project_has_one_to_three_documents_with_real_bodies() {
    for p in projects() {
        assert!((1..=3).contains(&p.documents.len()), "{}", p.slug);
        for d in &p.documents {
            assert!(d.body.len() > 600, "{} is too short", d.title);
            assert!(!d.summary.is_empty());
            let html = markdown::render(d.body);
            assert!(html.contains("<h1>"), "{} has no heading", d.title);
        }
    }
    let ventilation = projects()
        .into_iter()
        .find(|p| p.slug == "ventilation-skola-forskola-vardlokaler")
        .unwrap();
    let checklist = &ventilation.documents[0];
    assert_eq!(checklist.kind, DocumentKind::Checklista);
    assert!(checklist.body.matches("- [ ]").count() >= 15);
}

#[test]
fn every_municipality_has_three_to_five_people() {
    let people = people();
    for org in organisations() {
        let n = people.iter().filter(|p| p.organisation == org.slug).count();
        match org.kind {
            OrganisationKind::Kommun => assert!((3..=5).contains(&n), "{}: {n}", org.slug),
            _ => assert!(n >= 2, "{}: {n}", org.slug),
        }
    }
    let orgs: HashSet<_> = organisations().into_iter().map(|o| o.slug).collect();
    assert!(people.iter().all(|p| orgs.contains(p.organisation)));
}

#[test]
fn every_municipality_has_one_miljochef_manager_and_one_kontaktperson() {
    let people = people();
    for org in organisations() {
        let staff: Vec<_> = people
            .iter()
            .filter(|p| p.organisation == org.slug)
            .collect();
        let contacts = staff
            .iter()
            .filter(|p| p.roles.contains(&PersonRole::Kontaktperson))
            .count();
        if org.slug != "kommunal-utveckling" {
            assert_eq!(contacts, 1, "{}", org.slug);
        }
        let managers: Vec<_> = staff
            .iter()
            .filter(|p| p.account == Role::Manager)
            .collect();
        assert_eq!(managers.len(), 1, "{}", org.slug);
        if org.kind == OrganisationKind::Kommun {
            assert_eq!(managers[0].title, MILJOCHEF, "{}", org.slug);
            assert!(managers[0].roles.contains(&PersonRole::Styrgrupp));
        }
    }
}

#[test]
fn the_utvecklingsledare_is_the_only_admin_and_sits_at_kommunal_utveckling() {
    let admins: Vec<_> = people()
        .into_iter()
        .filter(|p| p.account == Role::Admin)
        .collect();
    assert_eq!(admins.len(), 1);
    assert_eq!(admins[0].organisation, "kommunal-utveckling");
    assert!(admins[0].title.starts_with("utvecklingsledare"));
}

#[test]
fn beredningsgrupp_is_three_miljochefer_and_the_two_chiefs_as_the_plan_says() {
    let group: Vec<_> = people()
        .into_iter()
        .filter(|p| p.roles.contains(&PersonRole::Beredningsgrupp))
        .collect();
    assert_eq!(group.iter().filter(|p| p.title == MILJOCHEF).count(), 3);
    assert!(group
        .iter()
        .any(|p| p.organisation == "lansstyrelsen" && p.title.contains("miljöskyddsenheten")));
    assert!(group
        .iter()
        .any(|p| p.organisation == "kommunal-utveckling" && p.title.starts_with("chef")));
}

#[test]
fn phone_numbers_parse_display_unchanged_and_use_the_right_area_code() {
    let orgs = organisations();
    let mut seen = HashSet::new();
    for person in people() {
        let org = orgs.iter().find(|o| o.slug == person.organisation).unwrap();
        for phone in &person.phones {
            let n = PhoneNumber::parse(phone.number)
                .unwrap_or_else(|e| panic!("{}: {}: {e}", person.name, phone.number));
            assert_eq!(n.display(), phone.number, "{}", person.name);
            assert!(seen.insert(n.e164()), "duplicate number {}", phone.number);
            match phone.label {
                "arbete" => assert_eq!(n.area_code(), org.area_code, "{}", person.name),
                "mobil" => {
                    // PTS reserves 070-174 06 05 – 070-174 06 99 for fiction.
                    let e = n.e164();
                    let tail = e
                        .strip_prefix("+467017406")
                        .unwrap_or_else(|| panic!("{e}"));
                    let last: u32 = tail.parse().unwrap();
                    assert!(tail.len() == 2 && (5..=99).contains(&last), "{e}");
                }
                other => panic!("unknown label {other}"),
            }
        }
    }
    let area_codes: HashSet<_> = orgs.iter().map(|o| o.area_code).collect();
    for code in [
        "036", "0380", "0381", "0140", "0383", "0370", "0371", "0393", "0382", "0392",
    ] {
        assert!(area_codes.contains(code), "{code}");
    }
}

#[test]
fn emails_are_ascii_fornamn_efternamn_at_the_organisation() {
    let orgs = organisations();
    let mut seen = HashSet::new();
    for person in people() {
        let email = Email::parse(&person.email).unwrap();
        assert!(person.email.is_ascii(), "{}", person.email);
        let domain = orgs
            .iter()
            .find(|o| o.slug == person.organisation)
            .unwrap()
            .email_domain;
        assert_eq!(email.domain(), domain);
        assert_eq!(
            email.local_part().matches('.').count(),
            1,
            "{}",
            person.email
        );
        assert!(
            seen.insert(person.email.clone()),
            "duplicate {}",
            person.email
        );
    }
    let lars = people()
        .into_iter()
        .find(|p| p.name == "Lars-Göran Bengtsson")
        .unwrap();
    assert_eq!(lars.email, "lars-goran.bengtsson@eksjo.se");
    assert_eq!(lars.handle(), "lars-goran.bengtsson");
    assert_eq!(ascii_fold("Hadžić"), "hadzic");
    assert_eq!(ascii_fold("Öhman"), "ohman");
}

#[test]
fn people_refer_to_tags_and_networks_that_exist() {
    let tags = tag_names();
    for person in people() {
        assert!(!person.areas.is_empty() || person.account != Role::Member);
        for area in &person.areas {
            assert!(tags.contains(area), "{}: {area}", person.name);
        }
        for slug in &person.networks {
            assert!(
                network(slug).members_only,
                "{}: {slug} is open",
                person.name
            );
        }
        for slug in &person.moderates {
            network(slug);
        }
        assert_eq!(
            person.roles.contains(&PersonRole::Samordnare),
            !person.moderates.is_empty(),
            "{}",
            person.name
        );
    }
    assert_eq!(
        people()
            .iter()
            .filter(|p| p.networks.contains(&"kontaktpersoner"))
            .count(),
        15
    );
}

#[test]
fn threads_per_network_are_three_to_five_open_and_one_to_two_closed() {
    let threads = threads();
    for net in networks() {
        let n = threads.iter().filter(|t| t.network == net.slug).count();
        if net.members_only {
            assert!((1..=2).contains(&n), "{}: {n}", net.slug);
        } else {
            assert!((3..=5).contains(&n), "{}: {n}", net.slug);
        }
    }
}

#[test]
fn replies_come_from_other_organisations_or_the_asker() {
    let people = people();
    for t in threads() {
        assert!((2..=6).contains(&t.posts.len()), "{}", t.title);
        let asker = &people[t.author];
        for &(who, _) in &t.posts {
            let replier = &people[who];
            assert!(
                who == t.author || replier.organisation != asker.organisation,
                "{}: {} replies to a colleague",
                t.title,
                replier.name
            );
        }
    }
}

#[test]
fn about_half_of_the_questions_have_an_accepted_answer() {
    let threads = threads();
    for t in &threads {
        if let Some(i) = t.accepted {
            assert_eq!(t.kind, ThreadKind::Question, "{}", t.title);
            assert!(i < t.posts.len(), "{}", t.title);
            assert_ne!(t.posts[i].0, t.author, "{}: self-accepted", t.title);
        }
    }
    let questions = threads
        .iter()
        .filter(|t| t.kind == ThreadKind::Question)
        .count();
    let solved = threads.iter().filter(|t| t.accepted.is_some()).count();
    assert!(questions >= 10);
    assert!(
        solved * 10 >= questions * 4 && solved * 10 <= questions * 6,
        "{solved}/{questions}"
    );
}

#[test]
fn members_only_threads_are_written_by_members() {
    let people = people();
    for t in threads() {
        if !network(t.network).members_only {
            continue;
        }
        let writers = std::iter::once(t.author).chain(t.posts.iter().map(|p| p.0));
        for i in writers {
            assert!(
                people[i].networks.contains(&t.network),
                "{} is not a member of {}",
                people[i].name,
                t.network
            );
        }
    }
}

#[test]
fn threads_use_existing_tags_render_and_mention_real_handles() {
    let tags = tag_names();
    let handles: HashSet<String> = people().iter().map(|p| p.handle().to_string()).collect();
    let mut mentioned = 0;
    for t in threads() {
        assert!(is_local_time(t.started_at), "{}", t.started_at);
        assert!(t.started_at < "2026-11-27 23:59", "{}", t.title);
        for tag in &t.tags {
            assert!(tags.contains(tag), "{}: {tag}", t.title);
        }
        for body in std::iter::once(t.body).chain(t.posts.iter().map(|p| p.1)) {
            assert!(!markdown::render(body).is_empty());
            for handle in markdown::mentions(body) {
                assert!(handles.contains(&handle), "unknown @{handle}");
                mentioned += 1;
            }
        }
    }
    assert!(mentioned >= 2);
}

#[test]
fn the_forum_text_holds_the_inflections_search_tests_rely_on() {
    let mut text = String::new();
    for t in threads() {
        text.push_str(t.title);
        text.push_str(t.body);
        for (_, body) in &t.posts {
            text.push_str(body);
        }
    }
    for word in [
        "vattenskyddsområdet",
        "anläggningen",
        "avloppsanläggningar",
        "avloppsanläggningen",
        "skyddsnivå",
        "Kemikalieinspektionen",
        "legionella",
        "schaktmassor",
        "byggavfall",
        "radon",
        "OVK",
    ] {
        assert!(text.contains(word), "{word}");
    }
}

#[test]
fn meetings_are_well_formed_and_reach_past_demo_today() {
    let meetings = meetings();
    for m in &meetings {
        assert!(is_local_time(m.starts_at), "{}", m.title);
        assert!(is_local_time(m.ends_at), "{}", m.title);
        assert!(m.starts_at < m.ends_at, "{}", m.title);
        if let Some(deadline) = m.registration_deadline {
            assert!(
                is_local_time(deadline) && deadline < m.starts_at,
                "{}",
                m.title
            );
        }
        if let Some(slug) = m.network {
            network(slug);
        }
        if let Some(link) = m.online_link {
            assert!(link.starts_with("https://"));
        }
    }
    assert!(meetings.iter().any(|m| m.starts_at > "2026-11-27 23:59"));
    for title in [
        "Miljöhandläggarträffen våren 2026",
        "Miljöhandläggarträffen hösten 2026",
        "Nätverksträff små avlopp våren 2026",
        "Lantbruksträff hösten 2026",
        "Kontaktpersonsträff våren 2026",
        "Introduktion för nya miljöinspektörer och miljöchefer i länet",
    ] {
        assert!(meetings.iter().any(|m| m.title == title), "{title}");
    }
    for year in ["2026", "2027"] {
        let n = meetings
            .iter()
            .filter(|m| m.title.starts_with("Styrgruppsmöte") && m.starts_at.starts_with(year))
            .count();
        assert_eq!(n, 3, "{year}");
    }
}
