//! The graph: where valid transactions go, in what order they count, and when they are final.
//!
//! - *Parents.* A transaction is inserted once both parents are in the graph (the *root*, a
//!   virtual vertex per chain, approves the first ones). Until then it waits as an *orphan*,
//!   at most [`DagConfig::max_orphans`] of them, for at most [`DagConfig::orphan_ttl_ms`].
//! - *Sequence.* Each sender numbers its transactions 0, 1, 2, …; number `n` is inserted only
//!   after `n − 1` (before that it is an orphan too). A second transaction with a number
//!   already taken is a *conflict*: it is kept as a vertex (so what approves it is not
//!   orphaned on nodes that saw it first), both are marked [`Status::Conflicting`], and
//!   neither one's payload ever takes effect — every node reaches the same verdict whatever
//!   order it saw them in.
//! - *Graph rules and admission rules.* [`Dag::insert`] applies only rules that every node
//!   applies identically to every transaction whatever its clock, its view of the chain or the
//!   order transactions reach it in: parents, sequence numbers, conflicts. It takes no chain
//!   view at all. [`Dag::submit`], for transactions this node is asked to submit, adds the
//!   admission rules on top: the sender is an active device at this node's finalized block,
//!   and its ITC locked on chain covers the transfer on top of what it already spent in
//!   transactions the graph holds. What a peer relays is never refused for those: the
//!   anchor's cut decides them against its reference block and voids with a reason
//!   ([`crate::batch`]).
//! - *Anchored marks.* Transactions of finalized anchors are marked [`Status::Anchored`]; a
//!   mark for a transaction the graph does not hold yet is remembered, so that when it arrives
//!   (late, or fetched after a restart) it is anchored at once and never cut again.
//! - *Weight and confirmation.* A vertex's cumulative weight is one plus the number of its
//!   descendants. Each insertion adds one to every ancestor not yet confirmed (the walk stops
//!   at confirmed vertices: the ancestors of a confirmed vertex are confirmed, since they have
//!   at least its weight). At [`DagConfig::confirmation_weight`] a vertex is confirmed.
//! - *Tips.* Vertices without children. Tip selection takes the oldest tip (by arrival here)
//!   and one chosen uniformly among the non-conflicting tips younger than
//!   [`DagConfig::tip_max_age_ms`] (the newest tip if none is). The oldest tip is what no
//!   other rule would ever approve again; approving it means every vertex is approved while
//!   transactions keep coming, so a sender's number cannot stay unconfirmed and hold its later
//!   numbers (payments that were accepted) back for good — conflicting tips included, since a
//!   sender could otherwise hide a number behind a twin of its own.

use crate::{
	batch::Candidate,
	tx::{DagTx, Payload, TxId},
};
use rand::seq::IteratorRandom;
use std::collections::{hash_map::Entry, BTreeSet, HashMap, HashSet, VecDeque};

/// What admission ([`Dag::submit`]) needs to know about the chain (its finalized state).
pub trait ChainView {
	/// Plancks `account` has locked on chain for DAG spending.
	fn locked(&self, account: &[u8; 32]) -> u128;
	/// Whether `account` is the account of an active device of an approved manufacturer.
	fn is_active(&self, account: &[u8; 32]) -> bool;
}

/// The graph's parameters.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct DagConfig {
	/// Cumulative weight at which a vertex is confirmed.
	pub confirmation_weight: u32,
	/// The most orphans held.
	pub max_orphans: usize,
	/// How long an orphan waits for what it lacks, in ms (by this node's clock: orphans are
	/// not part of the graph; a dropped one comes back only when a peer sends it again).
	pub orphan_ttl_ms: u64,
	/// The age, in ms, up to which a tip is a *young* one for the uniform pick (the oldest tip
	/// is picked whatever its age).
	pub tip_max_age_ms: u64,
}

impl Default for DagConfig {
	fn default() -> Self {
		Self {
			confirmation_weight: 8,
			max_orphans: 10_000,
			orphan_ttl_ms: 30_000,
			tip_max_age_ms: 30_000,
		}
	}
}

/// Where a transaction stands.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Status {
	/// In the graph, not yet confirmed.
	Pending,
	/// Confirmed by the weight of what approves it.
	Confirmed,
	/// Included in an anchor finalized on chain.
	Anchored,
	/// Its sender used its sequence number twice: its payload never takes effect.
	Conflicting,
}

/// What happened to a transaction given to [`Dag::insert`].
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum Inserted {
	/// It is in the graph, and so are the orphans it released; these vertices were confirmed
	/// by it (in no particular order).
	Added {
		/// Vertices added: it and the orphans that waited for it.
		added: Vec<TxId>,
		/// Vertices confirmed by the additions.
		confirmed: Vec<TxId>,
	},
	/// Its sender had used its sequence number already, for `existing`: both are kept as
	/// vertices, marked [`Status::Conflicting`], and neither payload takes effect. For the
	/// submitter this is a refusal.
	Conflicting {
		/// The transaction that had the number first.
		existing: TxId,
		/// Vertices added: it and the orphans that waited for it.
		added: Vec<TxId>,
		/// Vertices confirmed by the additions.
		confirmed: Vec<TxId>,
	},
	/// It waits for a parent or an earlier sequence number.
	Orphaned,
	/// The graph has it already (or holds it as an orphan).
	Duplicate,
}

/// Why a transaction was refused.
#[derive(Clone, Copy, Debug, Eq, PartialEq, thiserror::Error)]
pub enum Refused {
	/// The sender is not an active device.
	#[error("the sender is not an active device")]
	InactiveSender,
	/// The transfer exceeds what the sender has locked and not yet spent.
	#[error("the transfer exceeds the sender's locked balance not yet spent")]
	InsufficientBalance,
	/// The sequence number is below what the graph still remembers for the sender.
	#[error("the sequence number is older than the graph remembers")]
	StaleSequence,
	/// The orphan pool is full.
	#[error("too many transactions are waiting for their parents")]
	TooManyOrphans,
	/// A transfer whose sender's previous transaction this node does not hold yet: what the
	/// sender spent before could not be counted.
	#[error("the sender's previous transaction is not here yet: submit the transfer after it")]
	UnknownPredecessor,
}

/// The outcome of admitting one transaction, before orphans are released.
enum Admission {
	Added(Vec<TxId>),
	Conflicting { existing: TxId, confirmed: Vec<TxId> },
	Waiting,
	Known,
}

/// A transaction in the graph.
#[derive(Clone, Debug)]
struct Vertex {
	tx: DagTx,
	children: Vec<TxId>,
	weight: u32,
	status: Status,
	received_ms: u64,
}

/// Something an orphan waits for (what a node asks its peers for).
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq, codec::Encode, codec::Decode)]
pub enum Missing {
	/// A parent.
	Parent(TxId),
	/// The sender's transaction with this sequence number.
	Seq([u8; 32], u64),
}

/// The DAG of one chain.
pub struct Dag {
	root: TxId,
	config: DagConfig,
	vertices: HashMap<TxId, Vertex>,
	/// Tips by arrival here (the root's is 0), oldest first.
	tips: BTreeSet<(u64, TxId)>,
	/// The next sequence number of each sender.
	next_seq: HashMap<[u8; 32], u64>,
	/// Which transaction holds each (sender, sequence number).
	by_seq: HashMap<([u8; 32], u64), TxId>,
	/// What each sender spent in transfers not yet anchored.
	spent: HashMap<[u8; 32], u128>,
	/// Orphans: the transaction, when it arrived, and what it waits for.
	orphans: HashMap<TxId, (DagTx, u64, Missing)>,
	/// Orphans by arrival, for expiry at the cost of what expires (an entry whose orphan is
	/// gone, or was held again later, is skipped).
	orphan_queue: VecDeque<(u64, TxId)>,
	waiting: HashMap<Missing, Vec<TxId>>,
	conflicts: Vec<(TxId, TxId)>,
	/// Confirmed vertices not anchored yet: what the next batch is cut from.
	unanchored: HashSet<TxId>,
	/// Anchored transactions the graph does not hold yet: anchored the moment they arrive.
	anchored_absent: HashSet<TxId>,
}

impl Dag {
	/// An empty DAG for the chain of `genesis`: only its root.
	pub fn new(genesis: &[u8; 32], config: DagConfig) -> Self {
		let root = root_id(genesis);
		Self {
			root,
			config,
			vertices: HashMap::new(),
			tips: BTreeSet::from([(0, root)]),
			next_seq: HashMap::new(),
			by_seq: HashMap::new(),
			spent: HashMap::new(),
			orphans: HashMap::new(),
			orphan_queue: VecDeque::new(),
			waiting: HashMap::new(),
			conflicts: Vec::new(),
			unanchored: HashSet::new(),
			anchored_absent: HashSet::new(),
		}
	}

	/// The root every first transaction approves.
	pub fn root(&self) -> TxId {
		self.root
	}

	/// Inserts `tx` submitted to this node (with id `id`, already checked by
	/// [`crate::verify`]) after the admission rules: the sender is an active device, and a
	/// transfer is covered by the sender's locked balance less what it spent in transactions
	/// the graph holds. Otherwise as [`Dag::insert`].
	pub fn submit(
		&mut self,
		chain: &impl ChainView,
		id: TxId,
		tx: DagTx,
		now_ms: u64,
	) -> Result<Inserted, Refused> {
		if self.vertices.contains_key(&id) || self.orphans.contains_key(&id) {
			return Ok(Inserted::Duplicate);
		}
		if !chain.is_active(&tx.essence.sender) {
			return Err(Refused::InactiveSender);
		}
		self.ensure_affordable(chain, &tx)?;
		self.insert(id, tx, now_ms)
	}

	/// A transfer is admitted only once the sender's previous number is in the graph (or
	/// it is the sender's first): its spending is then counted on top of everything before
	/// it, which is the order the cut settles in, so an admitted transfer is never voided by
	/// another of the same sender (docs/ANCHOR.md, "The cut").
	fn ensure_affordable(&self, chain: &impl ChainView, tx: &DagTx) -> Result<(), Refused> {
		let Payload::Transfer { amount, .. } = tx.essence.payload else { return Ok(()) };
		let sender = &tx.essence.sender;
		if tx.essence.seq > self.next_seq.get(sender).copied().unwrap_or(0) {
			return Err(Refused::UnknownPredecessor);
		}
		let total = self.spent(sender).checked_add(amount);
		if total.is_none_or(|total| total > chain.locked(sender)) {
			return Err(Refused::InsufficientBalance);
		}
		Ok(())
	}

	/// Inserts `tx` (with id `id`, already checked by [`crate::verify::check`] and its
	/// signature) received from a peer at `now_ms`, under the graph rules only: neither the
	/// sender's chain status nor balances are looked at, so that what a peer relays lands in
	/// the same graph on every node whatever its view or the order of arrival. `now_ms` only
	/// stamps the arrival (tip selection, orphan expiry); it decides nothing about validity.
	pub fn insert(&mut self, id: TxId, tx: DagTx, now_ms: u64) -> Result<Inserted, Refused> {
		let (mut confirmed, conflict) = match self.admit(id, tx, now_ms)? {
			Admission::Added(confirmed) => (confirmed, None),
			Admission::Conflicting { existing, confirmed } => (confirmed, Some(existing)),
			Admission::Waiting => return Ok(Inserted::Orphaned),
			Admission::Known => return Ok(Inserted::Duplicate),
		};
		let mut added = vec![id];
		self.release(&mut added, &mut confirmed);
		Ok(match conflict {
			None => Inserted::Added { added, confirmed },
			Some(existing) => Inserted::Conflicting { existing, added, confirmed },
		})
	}

	/// Adds `tx` as a vertex if it can be, releasing no orphans.
	fn admit(&mut self, id: TxId, tx: DagTx, now_ms: u64) -> Result<Admission, Refused> {
		if self.vertices.contains_key(&id) || self.orphans.contains_key(&id) {
			return Ok(Admission::Known);
		}
		let (sender, seq) = (tx.essence.sender, tx.essence.seq);
		if let Some(parent) = tx.essence.parents.into_iter().find(|p| !self.known(p)) {
			self.hold(id, tx, Missing::Parent(parent), now_ms)?;
			return Ok(Admission::Waiting);
		}
		if let Some(existing) = self.by_seq.get(&(sender, seq)).copied() {
			let confirmed = self.add_conflict(id, tx, existing, now_ms);
			return Ok(Admission::Conflicting { existing, confirmed });
		}
		let next = self.next_seq.get(&sender).copied().unwrap_or(0);
		if seq < next {
			return Err(Refused::StaleSequence);
		}
		if seq > next {
			self.hold(id, tx, Missing::Seq(sender, seq - 1), now_ms)?;
			return Ok(Admission::Waiting);
		}
		Ok(Admission::Added(self.add_vertex(id, tx, now_ms)))
	}

	/// Two tips to approve: the oldest tip, and one chosen uniformly among the tips younger
	/// than the tip age limit at `now_ms` that are not conflicting (the newest such tip if
	/// none is young; the same twice if the oldest is the only one).
	pub fn select_tips(&self, now_ms: u64) -> [TxId; 2] {
		let oldest = self.tips.first().map_or(self.root, |(_, id)| *id);
		let earliest = now_ms.saturating_sub(self.config.tip_max_age_ms);
		let eligible = |(received, id): &&(u64, TxId)| {
			*received >= earliest && *id != oldest && self.status(id) != Some(Status::Conflicting)
		};
		let mut rng = rand::thread_rng();
		let young = self.tips.iter().filter(eligible).choose(&mut rng).map(|(_, id)| *id);
		[oldest, young.unwrap_or_else(|| self.newest_tip())]
	}

	/// The status of a transaction; `None` if the graph does not hold it (orphans included:
	/// they are not in the graph yet).
	pub fn status(&self, id: &TxId) -> Option<Status> {
		if *id == self.root {
			return Some(Status::Confirmed);
		}
		self.vertices.get(id).map(|v| v.status)
	}

	/// A transaction's cumulative weight (the root's is not tracked: `None`).
	pub fn weight(&self, id: &TxId) -> Option<u32> {
		self.vertices.get(id).map(|v| v.weight)
	}

	/// The transaction with id `id`, if the graph holds it.
	pub fn get(&self, id: &TxId) -> Option<&DagTx> {
		self.vertices.get(id).map(|v| &v.tx)
	}

	/// The current tips, oldest first.
	pub fn tips(&self) -> impl Iterator<Item = &TxId> {
		self.tips.iter().map(|(_, id)| id)
	}

	/// How many tips there are.
	pub fn tip_count(&self) -> usize {
		self.tips.len()
	}

	/// What the orphans wait for now (each orphan waits for one thing at a time: when it
	/// arrives, the orphan may wait for the next).
	pub fn missing(&self) -> impl Iterator<Item = &Missing> {
		self.waiting.keys()
	}

	/// The vertex that provides `missing`, if the graph holds it (to answer a peer).
	pub fn find(&self, missing: &Missing) -> Option<(TxId, &DagTx)> {
		let id = match missing {
			Missing::Parent(id) => *id,
			Missing::Seq(sender, seq) => *self.by_seq.get(&(*sender, *seq))?,
		};
		self.vertices.get(&id).map(|v| (id, &v.tx))
	}

	/// Whether the graph holds `id`, as a vertex or an orphan.
	pub fn contains(&self, id: &TxId) -> bool {
		self.vertices.contains_key(id) || self.orphans.contains_key(id)
	}

	/// Vertices in the graph (the root not counted).
	pub fn len(&self) -> usize {
		self.vertices.len()
	}

	/// Whether the graph holds nothing but its root.
	pub fn is_empty(&self) -> bool {
		self.vertices.is_empty()
	}

	/// Orphans waiting.
	pub fn orphans(&self) -> usize {
		self.orphans.len()
	}

	/// The conflicts seen: (first, second) per reused sequence number.
	pub fn conflicts(&self) -> &[(TxId, TxId)] {
		&self.conflicts
	}

	/// What `sender` spent in transfers not yet anchored.
	pub fn spent(&self, sender: &[u8; 32]) -> u128 {
		self.spent.get(sender).copied().unwrap_or(0)
	}

	/// Transactions confirmed by weight and not anchored yet: what an epoch's batch is cut
	/// from (the cut decides which by their stamps and numbers). Conflicting ones are among
	/// them, flagged: the cut settles their number once, as void.
	pub fn unanchored(&self) -> Vec<Candidate<'_>> {
		self.unanchored
			.iter()
			.filter_map(|id| {
				let vertex = self.vertices.get(id)?;
				Some(Candidate {
					id: *id,
					tx: &vertex.tx,
					conflicting: vertex.status == Status::Conflicting,
				})
			})
			.collect()
	}

	/// Marks transactions anchored (final); a transfer stops counting as spent, since the
	/// chain's locked balances now reflect it (or it was void). An id the graph does not hold
	/// yet is remembered and marked when it arrives. Returns how many held vertices it marked.
	pub fn mark_anchored<'a>(&mut self, ids: impl IntoIterator<Item = &'a TxId>) -> usize {
		let mut marked = 0;
		for id in ids {
			let Some(vertex) = self.vertices.get_mut(id) else {
				self.anchored_absent.insert(*id);
				continue;
			};
			if vertex.status == Status::Anchored {
				continue;
			}
			let was_spent = vertex.status != Status::Conflicting;
			vertex.status = Status::Anchored;
			self.unanchored.remove(id);
			marked += 1;
			if let (true, Payload::Transfer { amount, .. }) =
				(was_spent, &vertex.tx.essence.payload)
			{
				let spent = self.spent.entry(vertex.tx.essence.sender).or_default();
				*spent = spent.saturating_sub(*amount);
			}
		}
		marked
	}

	/// Whether `id` was marked anchored before the graph held it (it will be anchored on
	/// arrival).
	pub fn is_marked_anchored(&self, id: &TxId) -> bool {
		self.status(id) == Some(Status::Anchored) || self.anchored_absent.contains(id)
	}

	/// Drops the orphans that arrived before the orphan time limit at `now_ms`; returns how
	/// many. Costs what expires: orphans are queued by arrival (one held again after its
	/// parent came keeps its arrival time and waits behind newer ones, so it may outstay the
	/// limit until they expire, at most twice the limit).
	pub fn expire_orphans(&mut self, now_ms: u64) -> usize {
		let earliest = now_ms.saturating_sub(self.config.orphan_ttl_ms);
		let mut expired = 0;
		while let Some((at, id)) = self.orphan_queue.front().copied() {
			if at >= earliest {
				break;
			}
			self.orphan_queue.pop_front();
			let Entry::Occupied(entry) = self.orphans.entry(id) else { continue };
			if entry.get().1 != at {
				continue;
			}
			let (_, _, need) = entry.remove();
			if let Entry::Occupied(mut waiting) = self.waiting.entry(need) {
				waiting.get_mut().retain(|orphan| *orphan != id);
				if waiting.get().is_empty() {
					waiting.remove();
				}
			}
			expired += 1;
		}
		expired
	}

	/// The newest tip that is not conflicting; the root if there is none.
	fn newest_tip(&self) -> TxId {
		self.tips
			.iter()
			.rev()
			.map(|(_, id)| *id)
			.find(|id| self.status(id) != Some(Status::Conflicting))
			.unwrap_or(self.root)
	}

	fn known(&self, id: &TxId) -> bool {
		*id == self.root || self.vertices.contains_key(id)
	}

	fn hold(&mut self, id: TxId, tx: DagTx, need: Missing, now_ms: u64) -> Result<(), Refused> {
		if self.orphans.len() >= self.config.max_orphans {
			return Err(Refused::TooManyOrphans);
		}
		self.orphans.insert(id, (tx, now_ms, need));
		self.orphan_queue.push_back((now_ms, id));
		self.waiting.entry(need).or_default().push(id);
		Ok(())
	}

	/// Adds a vertex whose parents are known; returns the vertices it confirmed.
	fn add_vertex(&mut self, id: TxId, tx: DagTx, now_ms: u64) -> Vec<TxId> {
		let sender = tx.essence.sender;
		let seq = tx.essence.seq;
		if let Payload::Transfer { amount, .. } = tx.essence.payload {
			let spent = self.spent.entry(sender).or_default();
			*spent = spent.saturating_add(amount);
		}
		self.by_seq.insert((sender, seq), id);
		let next = self.next_seq.entry(sender).or_default();
		*next = (*next).max(seq + 1);
		let confirmed = self.link(id, tx, Status::Pending, now_ms);
		self.anchor_on_arrival(id, confirmed)
	}

	/// Marks a vertex that just arrived anchored if an anchor holds it already (it must never
	/// be cut again); returns `confirmed` without it.
	fn anchor_on_arrival(&mut self, id: TxId, mut confirmed: Vec<TxId>) -> Vec<TxId> {
		if self.anchored_absent.remove(&id) {
			self.mark_anchored([&id]);
			confirmed.retain(|c| *c != id);
		}
		confirmed
	}

	/// Puts a vertex in the graph under its parents and adds its weight to its ancestors.
	fn link(&mut self, id: TxId, tx: DagTx, status: Status, now_ms: u64) -> Vec<TxId> {
		let parents = tx.essence.parents;
		for parent in dedup(parents) {
			match self.vertices.get_mut(&parent) {
				Some(vertex) => {
					vertex.children.push(id);
					self.tips.remove(&(vertex.received_ms, parent));
				},
				None => {
					self.tips.remove(&(0, parent));
				},
			}
		}
		self.vertices.insert(
			id,
			Vertex { tx, children: Vec::new(), weight: 1, status, received_ms: now_ms },
		);
		self.tips.insert((now_ms, id));
		self.add_weight(parents)
	}

	/// Adds one to the weight of every unconfirmed ancestor reachable from `parents`.
	fn add_weight(&mut self, parents: [TxId; 2]) -> Vec<TxId> {
		let threshold = self.config.confirmation_weight;
		let mut confirmed = Vec::new();
		let mut seen: HashSet<TxId> = HashSet::new();
		let mut queue: VecDeque<TxId> = dedup(parents).collect();
		while let Some(id) = queue.pop_front() {
			if !seen.insert(id) {
				continue;
			}
			let Some(vertex) = self.vertices.get_mut(&id) else { continue };
			if vertex.weight >= threshold {
				continue;
			}
			vertex.weight += 1;
			if vertex.weight >= threshold {
				match vertex.status {
					Status::Pending => {
						vertex.status = Status::Confirmed;
						self.unanchored.insert(id);
						confirmed.push(id);
					},
					// Void, but its number must still be settled (once) for the sender's later
					// transactions to be.
					Status::Conflicting => {
						self.unanchored.insert(id);
					},
					Status::Confirmed | Status::Anchored => {},
				}
			}
			queue.extend(dedup(vertex.tx.essence.parents));
		}
		confirmed
	}

	/// Keeps a second transaction with a taken sequence number as a conflicting vertex (its
	/// parents are known) and marks the first conflicting too: neither payload takes effect,
	/// so the first one's transfer no longer counts as spent. Returns what it confirmed.
	fn add_conflict(&mut self, id: TxId, tx: DagTx, existing: TxId, now_ms: u64) -> Vec<TxId> {
		self.conflicts.push((existing, id));
		if let Some(vertex) = self.vertices.get_mut(&existing) {
			// An anchored transaction is final: only the newcomer is void. A confirmed one
			// stays among what the cut takes, as a conflict.
			if vertex.status != Status::Conflicting && vertex.status != Status::Anchored {
				vertex.status = Status::Conflicting;
				if let Payload::Transfer { amount, .. } = vertex.tx.essence.payload {
					let spent = self.spent.entry(vertex.tx.essence.sender).or_default();
					*spent = spent.saturating_sub(amount);
				}
			}
		}
		let confirmed = self.link(id, tx, Status::Conflicting, now_ms);
		self.anchor_on_arrival(id, confirmed)
	}

	/// Inserts the orphans that the vertices in `added` released, transitively (a loop over
	/// `added` as it grows, not recursion: orphan chains can be long).
	fn release(&mut self, added: &mut Vec<TxId>, confirmed: &mut Vec<TxId>) {
		let mut index = 0;
		while index < added.len() {
			let id = added[index];
			index += 1;
			let Some(tx) = self.vertices.get(&id).map(|v| v.tx.essence.clone()) else { continue };
			for need in [Missing::Parent(id), Missing::Seq(tx.sender, tx.seq)] {
				let Entry::Occupied(entry) = self.waiting.entry(need) else { continue };
				for orphan in entry.remove() {
					let Some((orphan_tx, received, _)) = self.orphans.remove(&orphan) else {
						continue;
					};
					// It may lack something else still, or have become a conflict meanwhile:
					// it goes through the graph rules again.
					match self.admit(orphan, orphan_tx, received) {
						Ok(Admission::Added(done))
						| Ok(Admission::Conflicting { confirmed: done, .. }) => {
							added.push(orphan);
							confirmed.extend(done);
						},
						_ => {},
					}
				}
			}
		}
	}
}

/// The root of the DAG of `genesis`: BLAKE2b-256("itc/dag/root/v1" ‖ genesis hash).
pub fn root_id(genesis: &[u8; 32]) -> TxId {
	sp_crypto_hashing::blake2_256(&[&b"itc/dag/root/v1"[..], genesis].concat())
}

/// The distinct ids of a parent pair.
fn dedup(parents: [TxId; 2]) -> impl Iterator<Item = TxId> {
	let second = (parents[1] != parents[0]).then_some(parents[1]);
	std::iter::once(parents[0]).chain(second)
}

#[cfg(test)]
mod tests;
