//! Convergence: honest nodes that have seen the same transactions hold the same graph and cut
//! the same batch, whatever their clocks, their views of the chain, or the order in which the
//! transactions reached them (docs/DAG.md, "Two kinds of rules").
//!
//! Four simulated nodes, in memory, with clocks up to ±30 s apart and different finalized
//! views (one device is suspended part-way: some nodes still see it active). Devices submit to
//! one node each, which applies the admission rules by its own clock and view; what it admits
//! reaches the other nodes in random order, duplicated, while one node is away and then gets
//! everything at once (as after catch-up). Transactions are stamped at the edges of the
//! admission window, a device equivocates, and a faulty node relays an overspend it never
//! checked. Every seed must end with identical statuses, cuts, files and summaries.

use itc_dag::{
	batch::{Batch, ChainAt},
	graph::{ChainView, Dag, DagConfig, Inserted},
	tx::{DagTx, Essence, Payload, TxId},
	verify::{self, Limits},
	Status,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};

const GENESIS: [u8; 32] = [7; 32];
const T0: u64 = 1_800_000_000_000;
const NODES: usize = 4;
const DEVICES: u8 = 6;
/// The device suspended part-way.
const SUSPENDED: u8 = 5;
/// The device that equivocates.
const TWO_FACED: u8 = 4;

fn key(device: u8) -> ed25519_zebra::SigningKey {
	ed25519_zebra::SigningKey::from([device + 1; 32])
}

fn account(device: u8) -> [u8; 32] {
	ed25519_zebra::VerificationKeyBytes::from(&key(device)).into()
}

/// A node's finalized view at admission: every device has 1,000 locked; the suspended one is
/// active on the nodes that have not finalized its suspension yet.
struct View {
	suspension_seen: bool,
}

impl ChainView for View {
	fn locked(&self, _: &[u8; 32]) -> u128 {
		1_000
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		!(self.suspension_seen && *account == self::account(SUSPENDED))
	}
}

/// The chain at the reference block, the same for every node: the suspension is final there.
struct Reference;

impl ChainAt for Reference {
	fn is_device(&self, _: &[u8; 32]) -> bool {
		true
	}
	fn has_micro_account(&self, _: &[u8; 32]) -> bool {
		true
	}
	fn funds(&self, _: &[u8; 32]) -> u128 {
		1_000
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		*account != self::account(SUSPENDED)
	}
	fn next_seq(&self, _: &[u8; 32]) -> u64 {
		0
	}
}

struct Node {
	dag: Dag,
	clock_offset: i64,
	view: View,
	inbox: Vec<(TxId, DagTx)>,
	away: bool,
}

impl Node {
	fn now(&self, t: u64) -> u64 {
		t.saturating_add_signed(self.clock_offset)
	}

	/// The admission rules by this node's clock and view, then the graph.
	fn submit(&mut self, t: u64, id: TxId, tx: DagTx) -> bool {
		let now = self.now(t);
		if verify::fresh(&tx, &Limits::default(), now).is_err() {
			return false;
		}
		matches!(
			self.dag.submit(&self.view, id, tx, now),
			Ok(Inserted::Added { .. } | Inserted::Orphaned | Inserted::Conflicting { .. })
		)
	}

	/// What peers relay: the graph rules only.
	fn deliver(&mut self, t: u64, rng: &mut StdRng) {
		let mut inbox = std::mem::take(&mut self.inbox);
		inbox.shuffle(rng);
		let now = self.now(t);
		for (id, tx) in inbox {
			assert!(verify::check(&GENESIS, &tx, 0).is_ok());
			self.dag.insert(id, tx, now).expect("the orphan pool is large enough");
		}
	}
}

fn relay(nodes: &mut [Node], from: usize, id: TxId, tx: &DagTx, rng: &mut StdRng) {
	for (i, node) in nodes.iter_mut().enumerate() {
		if i != from {
			node.inbox.push((id, tx.clone()));
			if rng.gen_bool(0.2) {
				node.inbox.push((id, tx.clone())); // duplicated on the way
			}
		}
	}
}

fn sign(device: u8, seq: u64, parents: [TxId; 2], stamped: u64, payload: Payload) -> DagTx {
	let essence = Essence { sender: account(device), seq, parents, timestamp_ms: stamped, payload };
	DagTx::sign(&GENESIS, essence, &key(device), 0)
}

fn run(seed: u64) {
	let mut rng = StdRng::seed_from_u64(seed);
	let config = DagConfig { confirmation_weight: 4, ..DagConfig::default() };
	let mut nodes: Vec<Node> = (0..NODES)
		.map(|i| Node {
			dag: Dag::new(&GENESIS, config),
			clock_offset: rng.gen_range(-30_000..=30_000),
			view: View { suspension_seen: i % 2 == 0 },
			inbox: Vec::new(),
			away: i == NODES - 1,
		})
		.collect();
	let limits = Limits::default();
	let mut seq = [0u64; DEVICES as usize];
	let mut all: Vec<TxId> = Vec::new();
	let mut t = T0;
	for step in 0..240 {
		t += rng.gen_range(0..400);
		let device = rng.gen_range(0..DEVICES);
		let origin = rng.gen_range(0..NODES);
		let node_now = nodes[origin].now(t);
		// Stamps at the edges of the origin's window, by its clock, or anywhere near it.
		let stamped = match rng.gen_range(0..4) {
			0 => node_now - limits.max_age_ms + rng.gen_range(0..2),
			1 => node_now + limits.max_future_ms - rng.gen_range(0..2),
			_ => node_now - rng.gen_range(0..2_000),
		};
		let parents = nodes[origin].dag.select_tips(node_now);
		let payload = if rng.gen_bool(0.5) {
			let to = (device + 1 + rng.gen_range(0..DEVICES - 1)) % DEVICES;
			Payload::Transfer { to: account(to), amount: rng.gen_range(1..60) }
		} else {
			Payload::Record { digest: [step as u8; 32], size: 64, cid: None }
		};
		let tx = sign(device, seq[device as usize], parents, stamped, payload);
		let id = tx.id(&GENESIS);
		if nodes[origin].submit(t, id, tx.clone()) {
			seq[device as usize] += 1;
			all.push(id);
			relay(&mut nodes, origin, id, &tx, &mut rng);
		}
		if (step == 60 || step == 180) && seq[TWO_FACED as usize] > 0 {
			// The same number again, for something else, sent to another node.
			let device = TWO_FACED;
			let other = rng.gen_range(0..NODES);
			let twin = sign(
				device,
				seq[device as usize] - 1,
				nodes[other].dag.select_tips(nodes[other].now(t)),
				t,
				Payload::Record { digest: [0xee; 32], size: step, cid: None },
			);
			let twin_id = twin.id(&GENESIS);
			nodes[other].inbox.push((twin_id, twin.clone()));
			relay(&mut nodes, other, twin_id, &twin, &mut rng);
			all.push(twin_id);
		}
		if step == 120 {
			// A faulty node relays an overspend it never checked (1,000 locked, 5,000 sent).
			let device = rng.gen_range(0..DEVICES);
			let over = sign(
				device,
				seq[device as usize],
				nodes[0].dag.select_tips(nodes[0].now(t)),
				t,
				Payload::Transfer { to: account((device + 1) % DEVICES), amount: 5_000 },
			);
			seq[device as usize] += 1;
			let over_id = over.id(&GENESIS);
			nodes[0].inbox.push((over_id, over.clone()));
			relay(&mut nodes, 0, over_id, &over, &mut rng);
			all.push(over_id);
		}
		// Most nodes take part of what waits for them; the one away takes nothing.
		for node in nodes.iter_mut().filter(|n| !n.away) {
			if rng.gen_bool(0.5) {
				node.deliver(t, &mut rng);
			}
		}
	}
	// Everything reaches everyone (the one away catches up, hours later by its clock).
	for node in &mut nodes {
		node.deliver(t + 3_600_000, &mut rng);
	}

	let first = &nodes[0].dag;
	assert_eq!(first.orphans(), 0, "seed {seed}: everything's parents arrived");
	assert!(!first.conflicts().is_empty(), "seed {seed}: the equivocation is seen");
	for id in &all {
		let status = first.status(id);
		assert!(status.is_some(), "seed {seed}: every transaction is in the graph");
		for node in &nodes[1..] {
			assert_eq!(node.dag.status(id), status, "seed {seed}: the same status everywhere");
		}
	}
	assert!(all.iter().any(|id| first.status(id) == Some(Status::Confirmed)));

	// Every node cuts the same batch against the same reference block.
	let end_ms = t - 2_000;
	let cuts: Vec<Batch> = nodes
		.iter()
		.map(|node| {
			let candidates = node.dag.unanchored();
			Batch::cut(GENESIS, 3, end_ms, candidates, &Reference)
		})
		.collect();
	assert!(!cuts[0].txs.is_empty());
	for cut in &cuts[1..] {
		assert_eq!(cut.to_file(), cuts[0].to_file(), "seed {seed}: the same batch file");
		assert_eq!(cut.summary("bafkreitest"), cuts[0].summary("bafkreitest"));
	}
	// The suspended device's transactions are void with their reason, on every node alike.
	let suspended = account(SUSPENDED);
	for (tx, effect) in &cuts[0].txs {
		if tx.essence.sender == suspended {
			assert_eq!(*effect, itc_primitives::anchor::Effect::VoidInactiveSender);
		}
	}

	// Anchoring the batch leaves the same graph everywhere, and nothing is cut twice.
	let anchored = cuts[0].ids();
	for node in &mut nodes {
		node.dag.mark_anchored(&anchored);
		let again = Batch::cut(GENESIS, 4, end_ms, node.dag.unanchored(), &Reference);
		assert!(again.txs.is_empty(), "seed {seed}: an anchored transaction is never cut again");
	}
}

#[test]
fn honest_nodes_converge_whatever_their_clocks_views_and_arrival_orders() {
	for seed in 0..12 {
		run(seed);
	}
}

/// A node that missed everything and learns the anchors from the chain before it fetches the
/// transactions (a resync, or a node that pruned them) never cuts an anchored one again.
#[test]
fn a_resynced_node_does_not_cut_what_was_anchored() {
	let config = DagConfig { confirmation_weight: 2, ..DagConfig::default() };
	let mut honest = Dag::new(&GENESIS, config);
	let mut parents = [honest.root(), honest.root()];
	let mut txs = Vec::new();
	for seq in 0..6 {
		let tx = sign(1, seq, parents, T0 + seq, Payload::Transfer { to: account(2), amount: 10 });
		let id = tx.id(&GENESIS);
		honest.insert(id, tx.clone(), T0).unwrap();
		parents = [id, id];
		txs.push((id, tx));
	}
	let batch = Batch::cut(GENESIS, 0, T0 + 100, honest.unanchored(), &Reference);
	assert_eq!(batch.txs.len(), 5);
	honest.mark_anchored(&batch.ids());

	let mut resynced = Dag::new(&GENESIS, config);
	resynced.mark_anchored(&batch.ids());
	let mut shuffled = txs.clone();
	shuffled.shuffle(&mut StdRng::seed_from_u64(3));
	for (id, tx) in shuffled {
		resynced.insert(id, tx, T0 + 600_000).unwrap();
	}
	for (id, _) in &txs {
		assert_eq!(resynced.status(id), honest.status(id));
	}
	let again = Batch::cut(GENESIS, 1, T0 + 100, resynced.unanchored(), &Reference);
	assert!(again.txs.is_empty(), "an anchored transaction is never settled twice");
}
