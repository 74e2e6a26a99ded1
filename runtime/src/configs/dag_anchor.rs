//! `pallet_dag_anchor`: validators anchor DAG batches with two-thirds agreement.
//!
//! Validators sign their proposals with their Aura key (no session pallet, so no separate
//! anchor key to register); the payload's context string keeps those signatures apart from
//! block seals. Proposals are authorized transactions: the off-chain worker builds them with
//! [`frame_system::offchain::CreateAuthorizedTransaction`], and the `AuthorizeCall` extension
//! (first in the extension tuple) checks them.

#[cfg(feature = "runtime-benchmarks")]
use crate::AccountId;
use crate::{
	BlockNumber, DagAccounts, Devices, Runtime, RuntimeCall, TxExtension, UncheckedExtrinsic,
};
use frame_support::parameter_types;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

parameter_types! {
	/// A minute (20 blocks) for validators to cut, store and propose an epoch's batch.
	pub const EpochTimeout: BlockNumber = 20;
	/// Above ordinary transactions: an anchor settles everyone's DAG transfers.
	pub const ProposalPriority: u64 = u64::MAX / 2;
	pub const MaxValidators: u32 = 32;
}

/// The current validators: the Aura authorities.
pub struct AuraValidators;
impl frame_support::traits::Get<alloc::vec::Vec<AuraId>> for AuraValidators {
	fn get() -> alloc::vec::Vec<AuraId> {
		pallet_aura::Authorities::<Runtime>::get().into_inner()
	}
}

impl pallet_dag_anchor::Config for Runtime {
	type AuthorityId = AuraId;
	type Validators = AuraValidators;
	type MaxValidators = MaxValidators;
	type Clock = crate::ChainClock;
	type Time = crate::Timestamp;
	type Settlement = DagAccounts;
	type Devices = Devices;
	type CurrentEra = super::edge_mining::MiningEra;
	type EpochTimeout = EpochTimeout;
	type ProposalPriority = ProposalPriority;
	type WeightInfo = pallet_dag_anchor::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = UncheckedExtrinsic;
}

impl<C> frame_system::offchain::CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	/// The standard extensions of an unsigned, fee-less transaction: no sender, so no nonce
	/// or fee; the metadata hash check off.
	fn create_extension() -> TxExtension {
		(
			frame_system::AuthorizeCall::<Runtime>::new(),
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(0),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			frame_system::WeightReclaim::<Runtime>::new(),
		)
	}
}

/// Validators as Aura authorities, time by the chain clock, settlements between funded
/// micro-accounts of benchmark devices.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_dag_anchor::BenchmarkHelper<AccountId, AuraId> for BenchmarkHelper {
	fn set_validators(validators: alloc::vec::Vec<AuraId>) {
		let bounded: frame_support::BoundedVec<AuraId, _> =
			validators.try_into().expect("at most MaxAuthorities validators; qed");
		pallet_aura::Authorities::<Runtime>::put(bounded);
	}

	fn set_elapsed_ms(ms: itc_primitives::Moment) {
		pallet_chain_clock::GenesisMoment::<Runtime>::put(1);
		pallet_timestamp::Now::<Runtime>::put(1 + ms);
	}

	fn settlement(n: u32) -> alloc::vec::Vec<itc_primitives::anchor::NetChange<AccountId>> {
		use frame_support::traits::fungible::Mutate;
		use itc_primitives::device::DeviceRegistry;
		let funder: AccountId = frame_benchmarking::account("funder", 0, 0);
		let _ = crate::Balances::mint_into(&funder, 1_000_000 * crate::ITC);
		let mut changes = alloc::vec::Vec::new();
		for i in 0..n {
			let code = Devices::benchmark_active_device(&funder, 50_000 + i);
			let account = Devices::device_account(&code).expect("just registered; qed");
			DagAccounts::lock(
				frame_system::RawOrigin::Signed(funder.clone()).into(),
				account.clone(),
				crate::ITC,
			)
			.expect("the funder can pay; qed");
			let delta = if i == 0 { -i128::from(n - 1) * 1_000 } else { 1_000 };
			changes.push(itc_primitives::anchor::NetChange { account, delta });
		}
		changes
	}

	fn record_device(seed: u32) -> AccountId {
		use itc_primitives::device::DeviceRegistry;
		let owner: AccountId = frame_benchmarking::account("owner", 0, 0);
		let code = Devices::benchmark_active_device(&owner, 60_000 + seed);
		Devices::device_account(&code).expect("just registered; qed")
	}
}
