//! A per-peer rate limit: at most `per_window` units per peer in each window of `window_ms`.
//! What peers ask of this node (wants, batch files) is bounded by it, so no peer can make the
//! node do unbounded work.

use sc_network::PeerId;
use std::collections::HashMap;

/// Units each peer spent in its current window.
pub struct PerPeer {
	per_window: u32,
	window_ms: u64,
	spent: HashMap<PeerId, (u64, u32)>,
}

impl PerPeer {
	/// At most `per_window` units per peer per `window_ms`.
	pub fn new(per_window: u32, window_ms: u64) -> Self {
		Self { per_window, window_ms, spent: HashMap::new() }
	}

	/// How many of `wanted` units `peer` may have at `now_ms` (taken from its allowance).
	pub fn take(&mut self, peer: PeerId, wanted: u32, now_ms: u64) -> u32 {
		let (start, used) = self.spent.entry(peer).or_insert((now_ms, 0));
		if now_ms.saturating_sub(*start) >= self.window_ms {
			*start = now_ms;
			*used = 0;
		}
		let granted = wanted.min(self.per_window.saturating_sub(*used));
		*used += granted;
		granted
	}

	/// Forgets `peer` (it disconnected).
	pub fn forget(&mut self, peer: &PeerId) {
		self.spent.remove(peer);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_peer_gets_its_allowance_per_window() {
		let (a, b) = (PeerId::random(), PeerId::random());
		let mut limit = PerPeer::new(10, 1_000);
		assert_eq!(limit.take(a, 6, 0), 6);
		assert_eq!(limit.take(a, 6, 500), 4, "only what is left of the window");
		assert_eq!(limit.take(a, 1, 999), 0);
		assert_eq!(limit.take(b, 10, 999), 10, "another peer has its own");
		assert_eq!(limit.take(a, 6, 1_000), 6, "a new window");
		limit.forget(&a);
		assert_eq!(limit.take(a, 20, 1_001), 10);
	}
}
