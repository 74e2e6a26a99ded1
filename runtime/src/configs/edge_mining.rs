//! `pallet_edge_mining`: device rewards from the mining pool by the 20-year curve, block
//! author rewards from the node-incentive pool.

use crate::{accounts, AccountId, Aura, Balance, Devices, Runtime, RuntimeHoldReason};
use frame_support::{parameter_types, traits::FindAuthor};
use itc_primitives::{time::MILLISECS_PER_BLOCK, token::ITC, Moment};
use sp_runtime::{ConsensusEngineId, Perbill};

parameter_types! {
	pub MiningPool: AccountId = accounts::mining_pool();
	pub NodeIncentivePool: AccountId = accounts::node_incentives();
	pub const BlockTime: Moment = MILLISECS_PER_BLOCK;
	/// Devices paid per block: with a day's 28,800 slots an era takes 1,843,200 reports.
	pub const MaxPayoutsPerBlock: u32 = 128;
	/// A class can be weighted up to 10× the baseline.
	pub const MaxClassWeight: u16 = 1_000;
	/// As `pallet_devices`' longest model name.
	pub const MaxModelLength: u32 = 32;
	/// 0.001 ITC of a manufacturer's stake per device backs one claim point: 2 ITC per device
	/// back a device's full 2,000 points, so the 1,000 ITC application deposit backs 500
	/// devices' full claims (docs/EDGE_MINING.md, "Stake").
	pub const StakePerClaimPoint: Balance = ITC / 1_000;
	/// Market fees take at most half an era's budget.
	pub const MarketShare: Perbill = Perbill::from_percent(50);
	/// A sale earns back at most 75 % of its fee: selling to oneself loses a quarter of it.
	pub const FeeRebate: Perbill = Perbill::from_percent(75);
}

/// The edge-mining era now: anchored records and settled sales count for it.
pub struct MiningEra;
impl frame_support::traits::Get<itc_primitives::mining::EraIndex> for MiningEra {
	fn get() -> itc_primitives::mining::EraIndex {
		crate::EdgeMining::current_era()
	}
}

/// The account of the block's Aura author: the 32 bytes of its sr25519 Aura key. A validator
/// receives its rewards and the fees on the account of its Aura key, a hot key on the node
/// (see docs/EDGE_MINING.md): so only until validators are elected, when they will go to the
/// elected validator's own account. Operators should move them off regularly meanwhile.
pub struct AuraAuthorAccount;

impl FindAuthor<AccountId> for AuraAuthorAccount {
	fn find_author<'a, I>(digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (ConsensusEngineId, &'a [u8])>,
	{
		let index = <Aura as FindAuthor<u32>>::find_author(digests)?;
		let authority = pallet_aura::Authorities::<Runtime>::get().get(index as usize)?.clone();
		Some(AccountId::from(sp_core::sr25519::Public::from(authority)))
	}
}

impl pallet_edge_mining::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = Devices;
	// Records count as far as finalized DAG anchors hold them.
	type Evidence = crate::DagAnchor;
	type Market = crate::DataMarket;
	type Stake = crate::Manufacturers;
	type Clock = crate::ChainClock;
	type FindAuthor = AuraAuthorAccount;
	type MiningPool = MiningPool;
	type NodeIncentivePool = NodeIncentivePool;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type BlockTime = BlockTime;
	type MaxPayoutsPerBlock = MaxPayoutsPerBlock;
	type MaxClassWeight = MaxClassWeight;
	type MaxModelLength = MaxModelLength;
	type StakePerClaimPoint = StakePerClaimPoint;
	type MarketShare = MarketShare;
	type FeeRebate = FeeRebate;
	type WeightInfo = pallet_edge_mining::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Moves the chain clock and names the first Aura authority as the block's author.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_edge_mining::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn set_elapsed_ms(ms: Moment) {
		pallet_chain_clock::GenesisMoment::<Runtime>::put(1);
		pallet_timestamp::Now::<Runtime>::put(1 + ms);
	}

	fn set_block_author() -> AccountId {
		use codec::Encode;
		let slot = sp_consensus_aura::Slot::from(0u64);
		frame_system::Pallet::<Runtime>::deposit_log(sp_runtime::DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			slot.encode(),
		));
		let digest = frame_system::Pallet::<Runtime>::digest();
		let pre_runtime = digest.logs().iter().filter_map(|item| item.as_pre_runtime());
		AuraAuthorAccount::find_author(pre_runtime).expect("the genesis has an Aura authority")
	}
}
