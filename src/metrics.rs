//! Prometheus metrics: one recorder for the process, rendered at `/metrics`.
//!
//! Call sites use the small functions here so metric names live in one place.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Installs the global recorder (once per process; later calls reuse it).
pub fn install() {
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
            .ok()?
            .install_recorder()
            .ok()
    });
}

/// The Prometheus text exposition of every metric.
pub fn render() -> String {
    match HANDLE.get() {
        Some(Some(h)) => h.render(),
        _ => String::new(),
    }
}

pub fn login_failed() {
    metrics::counter!("samsyn_login_failures_total").increment(1);
}

pub fn graphql_request(operation: &str, outcome: &'static str, seconds: f64) {
    let op = operation.to_string();
    metrics::counter!("samsyn_graphql_requests_total", "operation" => op.clone(), "outcome" => outcome)
        .increment(1);
    metrics::histogram!("samsyn_graphql_request_duration_seconds", "operation" => op)
        .record(seconds);
}

pub fn http_request(status: u16, seconds: f64) {
    let class = match status {
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    metrics::counter!("samsyn_http_requests_total", "status" => class).increment(1);
    metrics::histogram!("samsyn_http_request_duration_seconds").record(seconds);
}

pub fn search_latency(seconds: f64) {
    metrics::histogram!("samsyn_search_duration_seconds").record(seconds);
}

pub fn indexer_lag(db_seq: i64, indexed_seq: i64) {
    metrics::gauge!("samsyn_indexer_db_seq").set(db_seq as f64);
    metrics::gauge!("samsyn_indexer_indexed_seq").set(indexed_seq as f64);
    metrics::gauge!("samsyn_indexer_lag").set((db_seq - indexed_seq).max(0) as f64);
}

pub fn db_pool(size: u32, idle: usize) {
    metrics::gauge!("samsyn_db_pool_connections").set(size as f64);
    metrics::gauge!("samsyn_db_pool_idle").set(idle as f64);
}

/// The response cache (`crate::http::response_cache`): answers reused and computed since the
/// start, and the bytes it holds.
pub fn response_cache(hits: u64, misses: u64, bytes: usize) {
    metrics::gauge!("samsyn_response_cache_hits").set(hits as f64);
    metrics::gauge!("samsyn_response_cache_misses").set(misses as f64);
    metrics::gauge!("samsyn_response_cache_bytes").set(bytes as f64);
}

/// 1 while this node LISTENs to the others (PostgreSQL), 0 while it relies on polling.
pub fn cluster_listening(up: bool) {
    metrics::gauge!("samsyn_cluster_listening").set(if up { 1.0 } else { 0.0 });
}

pub fn cluster_notify_failed() {
    metrics::counter!("samsyn_cluster_notify_failures_total").increment(1);
}
