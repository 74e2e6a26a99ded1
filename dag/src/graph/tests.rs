//! Tests of the graph: one per outcome and refusal, and order-independence properties.

use super::*;
use crate::tx::{DagTx, Essence, Payload};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use std::collections::HashMap;

const GENESIS: [u8; 32] = [9; 32];
const NOW: u64 = 1_800_000_000_000;

/// A chain where every sender is an active device with 1,000 plancks locked, unless told.
#[derive(Default)]
struct Chain {
	locked: HashMap<[u8; 32], u128>,
	inactive: Vec<[u8; 32]>,
}

impl ChainView for Chain {
	fn locked(&self, account: &[u8; 32]) -> u128 {
		self.locked.get(account).copied().unwrap_or(1_000)
	}
	fn is_active(&self, account: &[u8; 32]) -> bool {
		!self.inactive.contains(account)
	}
}

fn key(sender: u8) -> ed25519_zebra::SigningKey {
	ed25519_zebra::SigningKey::from([sender; 32])
}

fn account(sender: u8) -> [u8; 32] {
	ed25519_zebra::VerificationKeyBytes::from(&key(sender)).into()
}

/// Sender `sender`'s transaction number `seq` approving `parents`, carrying `payload`.
fn tx_with(sender: u8, seq: u64, parents: [TxId; 2], payload: Payload) -> (TxId, DagTx) {
	let essence = Essence { sender: account(sender), seq, parents, timestamp_ms: NOW, payload };
	let tx = DagTx::sign(&GENESIS, essence, &key(sender), 0);
	(tx.id(&GENESIS), tx)
}

/// A data record (no balance involved) numbered `seq`; `tag` makes it unique.
fn record(sender: u8, seq: u64, parents: [TxId; 2], tag: u8) -> (TxId, DagTx) {
	tx_with(sender, seq, parents, Payload::Record { digest: [tag; 32], size: 1, cid: None })
}

fn transfer(sender: u8, seq: u64, parents: [TxId; 2], amount: u128) -> (TxId, DagTx) {
	tx_with(sender, seq, parents, Payload::Transfer { to: [0xee; 32], amount })
}

fn dag(confirmation_weight: u32) -> Dag {
	Dag::new(&GENESIS, DagConfig { confirmation_weight, ..DagConfig::default() })
}

fn insert(dag: &mut Dag, (id, tx): (TxId, DagTx)) -> Result<Inserted, Refused> {
	dag.insert(id, tx, NOW)
}

#[test]
fn the_first_transaction_approves_the_root_and_becomes_the_tip() {
	let mut dag = dag(3);
	let root = dag.root();
	assert_eq!(root, root_id(&GENESIS));
	assert_eq!(dag.select_tips(NOW), [root, root]);
	let (a, tx) = record(1, 0, [root, root], 0);
	assert_eq!(
		insert(&mut dag, (a, tx.clone())),
		Ok(Inserted::Added { added: vec![a], confirmed: vec![] })
	);
	assert_eq!(dag.status(&a), Some(Status::Pending));
	assert_eq!(dag.get(&a), Some(&tx));
	assert_eq!(dag.tips().collect::<Vec<_>>(), [&a]);
	assert_eq!(dag.select_tips(NOW), [a, a]);
	assert_eq!(dag.len(), 1);
}

#[test]
fn weight_from_approvals_confirms() {
	let mut dag = dag(3);
	let root = dag.root();
	let a = record(1, 0, [root, root], 0);
	let b = record(2, 0, [a.0, a.0], 0);
	let c = record(3, 0, [b.0, a.0], 0);
	let (ia, ib, ic) = (a.0, b.0, c.0);
	insert(&mut dag, a).unwrap();
	insert(&mut dag, b).unwrap();
	assert_eq!(dag.weight(&ia), Some(2));
	// c approves b and a: a's descendants are b and c, counted once each.
	assert_eq!(insert(&mut dag, c), Ok(Inserted::Added { added: vec![ic], confirmed: vec![ia] }));
	assert_eq!(dag.weight(&ia), Some(3));
	assert_eq!(dag.weight(&ib), Some(2));
	assert_eq!(dag.status(&ia), Some(Status::Confirmed));
	assert_eq!(dag.status(&ib), Some(Status::Pending));
	assert_eq!(dag.tips().collect::<Vec<_>>(), [&ic]);
}

#[test]
fn a_child_before_its_parent_waits_as_an_orphan() {
	let mut dag = dag(10);
	let root = dag.root();
	let parent = record(1, 0, [root, root], 0);
	let child = record(2, 0, [parent.0, root], 0);
	let (p, c) = (parent.0, child.0);
	assert_eq!(insert(&mut dag, child.clone()), Ok(Inserted::Orphaned));
	assert_eq!(dag.orphans(), 1);
	assert_eq!(dag.status(&c), None);
	// What to ask peers for; nobody can be given the orphan itself yet.
	assert_eq!(dag.missing().collect::<Vec<_>>(), [&Missing::Parent(p)]);
	assert_eq!(dag.find(&Missing::Parent(c)), None);
	assert_eq!(insert(&mut dag, child), Ok(Inserted::Duplicate));
	assert_eq!(
		insert(&mut dag, parent),
		Ok(Inserted::Added { added: vec![p, c], confirmed: vec![] })
	);
	assert_eq!(dag.orphans(), 0);
	assert_eq!(dag.missing().count(), 0);
	assert_eq!(dag.weight(&p), Some(2));
	assert_eq!(dag.find(&Missing::Parent(c)).map(|(id, _)| id), Some(c));
}

#[test]
fn an_orphan_missing_both_parents_asks_for_one_then_the_other() {
	let mut dag = dag(10);
	let root = dag.root();
	let (a, b) = (record(1, 0, [root, root], 0), record(2, 0, [root, root], 0));
	let child = record(3, 0, [a.0, b.0], 0);
	let (a_id, b_id, c) = (a.0, b.0, child.0);
	insert(&mut dag, child).unwrap();
	assert_eq!(dag.missing().collect::<Vec<_>>(), [&Missing::Parent(a_id)]);
	assert_eq!(insert(&mut dag, a), Ok(Inserted::Added { added: vec![a_id], confirmed: vec![] }));
	assert_eq!(dag.missing().collect::<Vec<_>>(), [&Missing::Parent(b_id)]);
	assert_eq!(
		insert(&mut dag, b),
		Ok(Inserted::Added { added: vec![b_id, c], confirmed: vec![] })
	);
	assert_eq!(dag.missing().count(), 0);
}

#[test]
fn a_later_sequence_number_waits_for_the_earlier_one() {
	let mut dag = dag(10);
	let root = dag.root();
	let first = record(1, 0, [root, root], 0);
	let second = record(1, 1, [root, root], 1);
	let (f, s) = (first.0, second.0);
	assert_eq!(insert(&mut dag, second), Ok(Inserted::Orphaned));
	assert_eq!(dag.missing().collect::<Vec<_>>(), [&Missing::Seq(account(1), 0)]);
	assert_eq!(
		insert(&mut dag, first),
		Ok(Inserted::Added { added: vec![f, s], confirmed: vec![] })
	);
	assert_eq!(dag.find(&Missing::Seq(account(1), 1)).map(|(id, _)| id), Some(s));
	assert_eq!(dag.find(&Missing::Seq(account(1), 2)), None);
}

#[test]
fn a_known_transaction_is_a_duplicate() {
	let mut dag = dag(10);
	let root = dag.root();
	let a = record(1, 0, [root, root], 0);
	insert(&mut dag, a.clone()).unwrap();
	assert_eq!(insert(&mut dag, a), Ok(Inserted::Duplicate));
	assert_eq!(dag.len(), 1);
}

#[test]
fn a_reused_sequence_number_makes_both_transactions_conflicting() {
	let mut dag = dag(10);
	let root = dag.root();
	let first = transfer(1, 0, [root, root], 600);
	let second = transfer(1, 0, [root, root], 700);
	let (f, s) = (first.0, second.0);
	insert(&mut dag, first).unwrap();
	assert_eq!(dag.spent(&account(1)), 600);
	assert_eq!(
		insert(&mut dag, second),
		Ok(Inserted::Conflicting { existing: f, added: vec![s], confirmed: vec![] })
	);
	assert_eq!(dag.status(&f), Some(Status::Conflicting));
	assert_eq!(dag.status(&s), Some(Status::Conflicting));
	assert_eq!(dag.conflicts(), [(f, s)]);
	// Neither payload takes effect.
	assert_eq!(dag.spent(&account(1)), 0);
	// The oldest tip is handed out even when conflicting (a sender must not be able to keep a
	// number unconfirmed behind a twin of its own); the other pick skips conflicting tips.
	let [oldest, other] = dag.select_tips(NOW);
	assert_eq!(oldest, f.min(s), "both arrived at NOW: the smaller id is older");
	assert_eq!(other, root);
	// What approves the second is not orphaned.
	let child = record(2, 0, [s, f], 0);
	let c = child.0;
	assert!(matches!(insert(&mut dag, child), Ok(Inserted::Added { .. })));
	assert_eq!(dag.select_tips(NOW), [c, c]);
}

#[test]
fn a_transfer_beyond_the_locked_balance_is_refused() {
	let mut dag = dag(10);
	let root = dag.root();
	insert(&mut dag, transfer(1, 0, [root, root], 600)).unwrap();
	let (id, tx) = transfer(1, 1, [root, root], 401);
	assert_eq!(dag.submit(&Chain::default(), id, tx, NOW), Err(Refused::InsufficientBalance));
	assert_eq!(dag.status(&id), None);
	let (id, tx) = transfer(1, 1, [root, root], 400);
	assert!(matches!(dag.submit(&Chain::default(), id, tx, NOW), Ok(Inserted::Added { .. })));
	assert_eq!(dag.spent(&account(1)), 1_000);
	// Records need no balance.
	let (id, tx) = record(3, 0, [root, root], 0);
	assert!(matches!(dag.submit(&Chain::default(), id, tx, NOW), Ok(Inserted::Added { .. })));
	// An amount that overflows the running total is refused too.
	let chain = Chain { locked: HashMap::from([(account(2), u128::MAX)]), ..Chain::default() };
	let (id, tx) = transfer(2, 0, [root, root], u128::MAX);
	assert!(dag.submit(&chain, id, tx, NOW).is_ok());
	let (id, tx) = transfer(2, 1, [root, root], 1);
	assert_eq!(dag.submit(&chain, id, tx, NOW), Err(Refused::InsufficientBalance));
	// A peer's transaction is not checked against balances (the anchor settles it).
	let (id, tx) = transfer(1, 2, [root, root], 5_000);
	assert!(matches!(dag.insert(id, tx, NOW), Ok(Inserted::Added { .. })));
}

#[test]
fn a_transfer_waits_at_submission_for_its_senders_previous_number() {
	let mut dag = dag(10);
	let root = dag.root();
	let chain = Chain::default();
	// Number 1 before number 0: its spending could not be counted on top of number 0's.
	let (first, first_tx) = transfer(1, 0, [root, root], 800);
	let (second, second_tx) = transfer(1, 1, [root, root], 800);
	assert_eq!(
		dag.submit(&chain, second, second_tx.clone(), NOW),
		Err(Refused::UnknownPredecessor)
	);
	assert!(matches!(dag.submit(&chain, first, first_tx, NOW), Ok(Inserted::Added { .. })));
	// Now it is counted on top: 1,600 of 1,000 is refused.
	assert_eq!(dag.submit(&chain, second, second_tx, NOW), Err(Refused::InsufficientBalance));
	// Records may run ahead (they spend nothing): they wait as orphans.
	let (record_id, record_tx) = record(1, 3, [root, root], 0);
	assert_eq!(dag.submit(&chain, record_id, record_tx, NOW), Ok(Inserted::Orphaned));
}

#[test]
fn an_inactive_sender_is_refused_at_submission_but_not_when_relayed() {
	let mut dag = dag(10);
	let root = dag.root();
	let chain = Chain { inactive: vec![account(1)], ..Chain::default() };
	let (id, tx) = record(1, 0, [root, root], 0);
	assert_eq!(dag.submit(&chain, id, tx.clone(), NOW), Err(Refused::InactiveSender));
	assert_eq!(dag.status(&id), None);
	// Relayed: the graph rules know no chain state; the cut voids it against its reference
	// block if the sender is still inactive there.
	assert!(matches!(dag.insert(id, tx.clone(), NOW), Ok(Inserted::Added { .. })));
	// Submitting what the graph holds already is a duplicate, not a refusal.
	assert_eq!(dag.submit(&chain, id, tx, NOW), Ok(Inserted::Duplicate));
}

#[test]
fn a_transaction_anchored_before_it_arrives_is_anchored_on_arrival() {
	let mut dag = dag(2);
	let root = dag.root();
	let (a, a_tx) = transfer(1, 0, [root, root], 10);
	let (b, b_tx) = record(2, 0, [a, a], 0);
	// A resynced node learns from the chain that `a` is anchored before it fetches `a`.
	assert_eq!(dag.mark_anchored([&a]), 0);
	assert!(dag.is_marked_anchored(&a));
	insert(&mut dag, (a, a_tx)).unwrap();
	assert_eq!(dag.status(&a), Some(Status::Anchored));
	assert_eq!(dag.spent(&account(1)), 0, "an anchored transfer no longer counts as spent");
	// Its weight grows, but it is never confirmed again, so never cut again.
	assert_eq!(
		insert(&mut dag, (b, b_tx)),
		Ok(Inserted::Added { added: vec![b], confirmed: vec![] })
	);
	assert_eq!(dag.status(&a), Some(Status::Anchored));
	assert!(dag.unanchored().is_empty());
}

#[test]
fn the_orphan_pool_is_bounded_and_expires() {
	let mut dag = Dag::new(&GENESIS, DagConfig { max_orphans: 2, ..DagConfig::default() });
	let missing = [0xaa; 32];
	assert_eq!(insert(&mut dag, record(1, 0, [missing, missing], 0)), Ok(Inserted::Orphaned));
	assert_eq!(insert(&mut dag, record(2, 0, [missing, missing], 0)), Ok(Inserted::Orphaned));
	assert_eq!(insert(&mut dag, record(3, 0, [missing, missing], 0)), Err(Refused::TooManyOrphans));
	let ttl = DagConfig::default().orphan_ttl_ms;
	assert_eq!(dag.expire_orphans(NOW + ttl), 0);
	assert_eq!(dag.expire_orphans(NOW + ttl + 1), 2);
	assert_eq!(dag.orphans(), 0);
	assert_eq!(dag.missing().count(), 0, "nothing is asked for on behalf of expired orphans");
	assert_eq!(insert(&mut dag, record(3, 0, [missing, missing], 0)), Ok(Inserted::Orphaned));
}

#[test]
fn orphan_expiry_takes_only_what_expired_in_arrival_order() {
	let mut dag = Dag::new(&GENESIS, DagConfig { max_orphans: 100, ..DagConfig::default() });
	let ttl = DagConfig::default().orphan_ttl_ms;
	let (missing_a, missing_b) = ([0xaa; 32], [0xbb; 32]);
	for i in 0..10u8 {
		let parent = if i % 2 == 0 { missing_a } else { missing_b };
		let (id, tx) = record(i + 1, 0, [parent, parent], i);
		assert_eq!(dag.insert(id, tx, NOW + u64::from(i) * 1_000), Ok(Inserted::Orphaned));
	}
	// At NOW + ttl + 3_500 the four that arrived at NOW … NOW + 3_000 have expired.
	assert_eq!(dag.expire_orphans(NOW + ttl + 3_500), 4);
	assert_eq!(dag.orphans(), 6);
	assert_eq!(dag.expire_orphans(NOW + ttl + 3_500), 0, "nothing is looked at twice");
	// The survivors still wait for both parents and are released by them.
	let waiting: HashSet<Missing> = dag.missing().copied().collect();
	assert_eq!(waiting, HashSet::from([Missing::Parent(missing_a), Missing::Parent(missing_b)]));
	assert_eq!(dag.expire_orphans(NOW + ttl + 9_001), 6);
	assert_eq!(dag.missing().count(), 0);
}

#[test]
fn tip_selection_takes_the_oldest_tip_and_a_young_one() {
	let mut dag = dag(10);
	let root = dag.root();
	let (old, old_tx) = record(1, 0, [root, root], 0);
	dag.insert(old, old_tx, NOW).unwrap();
	let later = NOW + 60_000;
	let (new, new_tx) = record(2, 0, [root, root], 0);
	dag.insert(new, new_tx, later).unwrap();
	let (newer, newer_tx) = record(3, 0, [root, root], 0);
	dag.insert(newer, newer_tx, later + 1).unwrap();
	assert_eq!(dag.tips().collect::<Vec<_>>(), [&old, &new, &newer], "oldest first");
	// `old` is over 30 s old at `later`: it is picked as the oldest, and one of the young
	// ones (uniformly) beside it.
	let mut young = HashSet::new();
	for _ in 0..64 {
		let [oldest, other] = dag.select_tips(later + 1);
		assert_eq!(oldest, old);
		young.insert(other);
	}
	assert_eq!(young, HashSet::from([new, newer]));
	// With none young, the newest beside the oldest.
	assert_eq!(dag.select_tips(later + 3_600_000), [old, newer]);
}

#[test]
fn a_tip_left_behind_is_approved_and_confirmed_once_traffic_goes_on() {
	// Two transactions at once leave two tips; the next comes 40 s later, when both are past
	// the age limit. With selection among young tips only, one of them would never be
	// approved again, and its sender's later numbers (accepted payments among them) would wait
	// behind it for good.
	let mut dag = dag(8);
	let root = dag.root();
	let (a, a_tx) = record(1, 0, [root, root], 0);
	let (b, b_tx) = record(2, 0, [root, root], 0);
	dag.insert(a, a_tx, NOW).unwrap();
	dag.insert(b, b_tx, NOW).unwrap();
	let mut now = NOW + 40_000;
	for seq in 0..20 {
		let (id, tx) = record(3, seq, dag.select_tips(now), 0);
		dag.insert(id, tx, now).unwrap();
		now += 1_000;
	}
	assert_eq!(dag.status(&a), Some(Status::Confirmed));
	assert_eq!(dag.status(&b), Some(Status::Confirmed));
	assert_eq!(dag.tip_count(), 1);
}

/// Builds a random DAG of `n` transactions by `senders` senders (some transfers, one double
/// spend), approving random earlier transactions.
fn random_history(seed: u64, n: usize, senders: u8) -> Vec<(TxId, DagTx)> {
	let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
	let mut ids: Vec<TxId> = vec![root_id(&GENESIS)];
	let mut seqs = vec![0u64; usize::from(senders) + 1];
	let mut history = Vec::new();
	for i in 0..n {
		let sender = rng.gen_range(1..=senders);
		let parents = [*ids.choose(&mut rng).unwrap(), *ids.choose(&mut rng).unwrap()];
		let seq = seqs[usize::from(sender)];
		seqs[usize::from(sender)] += 1;
		let tx = if rng.gen_bool(0.3) {
			transfer(sender, seq, parents, rng.gen_range(1..50))
		} else {
			record(sender, seq, parents, i as u8)
		};
		ids.push(tx.0);
		history.push(tx);
		if i == n / 2 {
			// A double spend of the same number, approving the same parents.
			let twin = transfer(sender, seq, parents, 999);
			ids.push(twin.0);
			history.push(twin);
		}
	}
	history
}

/// Every vertex with its status and weight.
fn snapshot(dag: &Dag) -> Vec<(TxId, Status, u32)> {
	let mut all: Vec<_> = dag.vertices.iter().map(|(id, v)| (*id, v.status, v.weight)).collect();
	all.sort_by_key(|(id, ..)| *id);
	all
}

#[test]
fn the_graph_is_the_same_whatever_order_transactions_arrive_in() {
	for seed in 0..20 {
		let history = random_history(seed, 120, 5);
		let mut in_order = dag(6);
		for tx in history.clone() {
			let _ = insert(&mut in_order, tx);
		}
		assert_eq!(in_order.len(), history.len(), "seed {seed}: everything inserted");
		assert_eq!(in_order.orphans(), 0);
		let mut rng = rand::rngs::StdRng::seed_from_u64(seed + 1_000);
		for _ in 0..3 {
			let mut shuffled = history.clone();
			shuffled.shuffle(&mut rng);
			let mut other = dag(6);
			for tx in shuffled {
				let _ = insert(&mut other, tx);
			}
			assert_eq!(snapshot(&other), snapshot(&in_order), "seed {seed}");
			assert_eq!(other.orphans(), 0);
			let spent = |d: &Dag| (1..=5).map(|s| d.spent(&account(s))).collect::<Vec<_>>();
			assert_eq!(spent(&other), spent(&in_order), "seed {seed}: same balances");
		}
	}
}

#[test]
fn weights_match_a_recount_from_scratch() {
	let history = random_history(7, 200, 4);
	let mut dag = dag(u32::MAX);
	for tx in history {
		let _ = insert(&mut dag, tx);
	}
	// Recount: 1 + number of distinct descendants.
	for (id, vertex) in &dag.vertices {
		let mut seen = HashSet::new();
		let mut stack = vertex.children.clone();
		while let Some(child) = stack.pop() {
			if seen.insert(child) {
				stack.extend(dag.vertices[&child].children.iter().copied());
			}
		}
		assert_eq!(vertex.weight as usize, 1 + seen.len());
		let _ = id;
	}
}

#[test]
fn a_stored_graph_is_rebuilt_the_same_after_a_restart() {
	let dir = tempfile::tempdir().unwrap();
	let history = random_history(3, 150, 4);
	let mut original = dag(6);
	{
		let mut store = crate::store::Store::open(dir.path()).unwrap();
		for (id, tx) in history.clone() {
			let added = match insert(&mut original, (id, tx)) {
				Ok(Inserted::Added { added, .. }) | Ok(Inserted::Conflicting { added, .. }) => {
					added
				},
				_ => continue,
			};
			let vertices = added.iter().map(|id| (*id, NOW, original.get(id).unwrap()));
			store.append(vertices).unwrap();
		}
	}
	// The process ends; a new one opens the database and replays it.
	let store = crate::store::Store::open(dir.path()).unwrap();
	let mut restored = dag(6);
	for (id, received, tx) in store.load().unwrap() {
		restored.insert(id, tx, received).unwrap();
	}
	assert_eq!(snapshot(&restored), snapshot(&original));
	assert_eq!(restored.orphans(), 0);
	assert_eq!(restored.conflicts().len(), original.conflicts().len());

	// Pruned vertices are gone after the next restart; appending continues after the last.
	let mut store = store;
	let first = history[0].0;
	store.remove(&[first]).unwrap();
	let more = record(9, 0, [first, first], 0);
	store.append([(more.0, NOW, &more.1)]).unwrap();
	drop(store);
	let loaded = crate::store::Store::open(dir.path()).unwrap().load().unwrap();
	assert!(!loaded.iter().any(|(id, ..)| *id == first));
	assert_eq!(loaded.last().unwrap().0, more.0);
	assert_eq!(loaded.len(), original.len());
}
