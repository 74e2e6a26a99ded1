//! `pallet_grandpa`: BFT finality, safe while fewer than a third of the voters are faulty.

use crate::{Runtime, RuntimeEvent};
use frame_support::traits::{ConstU32, ConstU64};

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// No session pallet yet, so no key-ownership proofs and no equivocation reports.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}
