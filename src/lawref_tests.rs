//! Tests of legal-reference recognition, with the spellings inspectors write.

use super::*;

fn keys(text: &str) -> Vec<String> {
    find_all(text).iter().map(|f| f.reference.key()).collect()
}

fn key(text: &str) -> Option<String> {
    parse(text).map(|r| r.key())
}

#[test]
fn every_spelling_of_miljobalken_26_9_is_one_key() {
    for text in [
        "26 kap. 9 § miljöbalken",
        "26 kap 9 § miljöbalken",
        "26 kap. 9 § MB",
        "26 kap. 9 § i miljöbalken",
        "26 kap. 9 § miljöbalken (1998:808)",
        "26 kap. 9 § lagen (1998:808)",
        "26 kap. 9 § SFS 1998:808",
        "MB 26:9",
        "mb 26:9",
        "26:9 MB",
        "26 kapitlet 9 § miljöbalken",
    ] {
        assert_eq!(keys(text), vec!["MB 26:9".to_string()], "{text}");
        assert_eq!(key(text).as_deref(), Some("MB 26:9"), "{text}");
    }
}

#[test]
fn references_are_found_in_running_text_with_their_spans() {
    let text = "Vi förelade enligt 26 kap. 9 § miljöbalken, se även MB 26:21 och NFS 2016:17.";
    let found = find_all(text);
    let got: Vec<(&str, String)> = found
        .iter()
        .map(|f| (&text[f.start..f.end], f.reference.key()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("26 kap. 9 § miljöbalken", "MB 26:9".to_string()),
            ("MB 26:21", "MB 26:21".to_string()),
            ("NFS 2016:17", "NFS 2016:17".to_string()),
        ]
    );
}

#[test]
fn a_section_of_fmh_by_number_or_abbreviation() {
    let long = "Enligt 9 § förordningen (1998:899) om miljöfarlig verksamhet och hälsoskydd krävs";
    assert_eq!(keys(long), vec!["FMH 9 §".to_string()]);
    let found = &find_all(long)[0];
    assert_eq!(&long[found.start..found.end], "9 § förordningen (1998:899)");
    assert_eq!(keys("anmälan enligt 9 § FMH"), vec!["FMH 9 §".to_string()]);
    assert_eq!(key("FMH 9 §").as_deref(), Some("FMH 9 §"));
    assert_eq!(
        keys("38 § förordningen om miljöfarlig verksamhet och hälsoskydd"),
        vec!["FMH 38 §".to_string()]
    );
}

#[test]
fn whole_acts_by_sfs_number_and_authorities_regulations() {
    assert_eq!(key("SFS 1998:808").as_deref(), Some("MB"));
    assert_eq!(key("miljöbalken").as_deref(), Some("MB"));
    assert_eq!(key("MB").as_deref(), Some("MB"));
    assert_eq!(key("NFS 2016:17").as_deref(), Some("NFS 2016:17"));
    assert_eq!(key("nfs 2016:17").as_deref(), Some("NFS 2016:17"));
    assert_eq!(key("FoHMFS 2014:17").as_deref(), Some("FoHMFS 2014:17"));
    assert_eq!(key("HVMFS 2016:17").as_deref(), Some("HVMFS 2016:17"));
    // An SFS number we have no name for is keyed by its number.
    assert_eq!(key("SFS 2021:996").as_deref(), Some("SFS 2021:996"));
    assert_eq!(
        keys("enligt förordningen (1998:901) om verksamhetsutövares egenkontroll"),
        vec!["SFS 1998:901".to_string()]
    );
    assert_eq!(
        key("3 kap. 2 § förordningen (2021:996)").as_deref(),
        Some("SFS 2021:996 3:2")
    );
    assert_eq!(key("SFS 2021:996 3:2").as_deref(), Some("SFS 2021:996 3:2"));
}

#[test]
fn chapters_and_letters() {
    assert_eq!(key("26 kap. miljöbalken").as_deref(), Some("MB 26 kap."));
    assert_eq!(key("MB 26 kap.").as_deref(), Some("MB 26 kap."));
    assert_eq!(key("9 kap. 6 a § miljöbalken").as_deref(), Some("MB 9:6a"));
    assert_eq!(key("MB 9:6 a").as_deref(), Some("MB 9:6a"));
    assert_eq!(key("MB 09:06").as_deref(), Some("MB 9:6"));
    assert_eq!(
        key("2 kap. 3 § plan- och bygglagen").as_deref(),
        Some("PBL 2:3")
    );
}

#[test]
fn keys_read_back_as_themselves() {
    for text in [
        "26 kap. 9 § miljöbalken",
        "26 kap. miljöbalken",
        "9 § FMH",
        "NFS 2016:17",
        "3 kap. 2 § förordningen (2021:996)",
        "SFS 1998:808",
    ] {
        let k = key(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(key(&k).as_deref(), Some(k.as_str()), "{text} → {k}");
    }
}

#[test]
fn an_item_is_filed_under_its_chapter_and_act_too() {
    assert_eq!(
        keys_in("Se 26 kap. 9 § miljöbalken och MB 26:9."),
        vec!["MB 26:9", "MB 26 kap.", "MB"]
    );
    assert_eq!(keys_in("FMH 9 §"), vec!["FMH 9 §", "FMH"]);
}

#[test]
fn labels_and_official_addresses() {
    let r = parse("MB 26:9").unwrap();
    assert_eq!(r.label(), "26 kap. 9 § miljöbalken (1998:808)");
    assert_eq!(
        r.official_url().as_deref(),
        Some("https://rkrattsbaser.gov.se/sfst?bet=1998:808")
    );
    let nfs = parse("NFS 2016:17").unwrap();
    assert_eq!(nfs.label(), "NFS 2016:17");
    assert_eq!(nfs.official_url(), None);
    assert!(parse("FMH").unwrap().is_act());
}

#[test]
fn near_misses_are_not_references() {
    for text in [
        "kl 14:30",
        "möte 26:9",
        "1226 kap. 9 § miljöbalken2",
        "9 § miljöbalken",
        "paragraf 9",
        "MBL 26:9",
        "SFS",
        "",
        "ABC 2016:17",
        "9 § flyttas",
    ] {
        assert!(find_all(text).is_empty(), "{text}: {:?}", find_all(text));
    }
    assert_eq!(parse("26 kap. 9 § miljöbalken och mer"), None);
    assert_eq!(parse("hallonsylt"), None);
}

#[test]
fn long_and_hostile_text_is_scanned_safely() {
    let big = "26 kap. 9 § miljöbalken ".repeat(100_000);
    assert!(find_all(&big).len() > 1000);
    let junk = "§§§ kap. kap. :::: 9999:9999 ".repeat(10_000);
    assert!(find_all(&junk).is_empty());
    let s = "å".repeat(MAX_SCAN_BYTES);
    assert!(find_all(&s).is_empty());
}

#[test]
fn the_anchor_pass_skips_texts_without_references_and_keeps_every_spelling() {
    let plain = Anchors::of("Kunskap om egenskaper hos slam, se bilaga 3 från 2026-12-03.");
    assert!(!plain.section && !plain.chapter && !plain.colon);
    for (text, want) in [
        ("26\u{a0}kap. 9\u{a0}§ miljöbalken", "MB 26:9"),
        ("26kap. miljöbalken", "MB 26 kap."),
        ("enligt MB 26:9.", "MB 26:9"),
        ("9 § FMH", "FMH 9 §"),
    ] {
        assert_eq!(keys(text), vec![want.to_string()], "{text}");
    }
}
