//! `itc-node`: the IoT Chain node.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod dag_tx;
mod ipfs;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
