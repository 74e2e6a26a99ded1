//! `itc-node dag-tx`: makes and signs a DAG transaction, for firmware authors and scripts
//! (the reference the test vectors of docs/DAG.md come from).

use itc_dag::tx::{DagTx, Essence, Payload};

/// Arguments of `dag-tx`. Give `--to`/`--amount` for a transfer, `--digest`/`--size` for a
/// data record.
#[derive(Debug, clap::Args)]
pub struct DagTxCmd {
	/// The chain's genesis hash (hex); `dag_limits` reports it.
	#[arg(long)]
	pub genesis: String,
	/// The device's ed25519 secret seed (32 bytes, hex). Development use only: a device signs
	/// with its own key, which never leaves it.
	#[arg(long)]
	pub seed: String,
	/// The sender's sequence number.
	#[arg(long)]
	pub seq: u64,
	/// The two transactions to approve (hex); `dag_limits` reports two tips.
	#[arg(long, num_args = 2)]
	pub parents: Vec<String>,
	/// Unix time in ms; now if not given.
	#[arg(long)]
	pub timestamp_ms: Option<u64>,
	/// Proof-of-work difficulty in bits; `dag_limits` reports the node's.
	#[arg(long, default_value_t = 12)]
	pub difficulty: u8,
	/// Transfer: the receiving account (hex, 32 bytes).
	#[arg(long, requires = "amount", conflicts_with_all = ["digest", "size", "cid"])]
	pub to: Option<String>,
	/// Transfer: plancks.
	#[arg(long)]
	pub amount: Option<u128>,
	/// Record: the record's 32-byte digest (hex).
	#[arg(long, requires = "size")]
	pub digest: Option<String>,
	/// Record: its size in bytes.
	#[arg(long)]
	pub size: Option<u64>,
	/// Record: its CID (text).
	#[arg(long)]
	pub cid: Option<String>,
}

fn bytes32(what: &str, text: &str) -> Result<[u8; 32], String> {
	let bytes = array_hex(text).map_err(|e| format!("{what}: {e}"))?;
	bytes.try_into().map_err(|_| format!("{what}: 32 bytes expected"))
}

fn array_hex(text: &str) -> Result<Vec<u8>, String> {
	let text = text.strip_prefix("0x").unwrap_or(text);
	if !text.len().is_multiple_of(2) {
		return Err("odd number of hex digits".into());
	}
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|_| "not hex".to_string()))
		.collect()
}

fn hex(bytes: &[u8]) -> String {
	format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

impl DagTxCmd {
	/// Makes the transaction; prints `{ "id", "sender", "tx" }` as JSON.
	pub fn run(&self) -> Result<(), String> {
		let genesis = bytes32("genesis", &self.genesis)?;
		let key = itc_dag::ed25519_zebra::SigningKey::from(bytes32("seed", &self.seed)?);
		let parents = [bytes32("parent", &self.parents[0])?, bytes32("parent", &self.parents[1])?];
		let payload = match (&self.to, self.amount, &self.digest, self.size) {
			(Some(to), Some(amount), None, None) => {
				Payload::Transfer { to: bytes32("to", to)?, amount }
			},
			(None, None, Some(digest), Some(size)) => Payload::Record {
				digest: bytes32("digest", digest)?,
				size,
				cid: self.cid.as_ref().map(|c| c.as_bytes().to_vec()),
			},
			_ => return Err("give --to and --amount, or --digest and --size".into()),
		};
		let timestamp_ms = self.timestamp_ms.unwrap_or_else(itc_dag_service::state::now_ms);
		let sender: [u8; 32] = itc_dag::ed25519_zebra::VerificationKeyBytes::from(&key).into();
		let essence = Essence { sender, seq: self.seq, parents, timestamp_ms, payload };
		let tx = DagTx::sign(&genesis, essence, &key, self.difficulty);
		use codec::Encode;
		println!(
			"{}",
			serde_json::json!({
				"id": hex(&tx.id(&genesis)),
				"sender": hex(&sender),
				"tx": hex(&tx.encode()),
			})
		);
		Ok(())
	}
}
