//! The one integration-test binary: runs the real `bullcheck` executable against temp homes,
//! fixture files, `../shared/data` and a local HTTP server.

mod companies;
mod history;
mod import;
mod store;
mod stress;
mod http_server;
mod network;
mod support;
