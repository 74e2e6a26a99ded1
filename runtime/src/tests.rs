//! Tests of the runtime's token model, run against the real genesis presets.

use crate::{
	accounts, genesis_config_presets as presets, AccountId, Balances, BuildStorage, ChainClock,
	Runtime, RuntimeGenesisConfig, RuntimeOrigin, System, Timestamp, Vesting,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Hooks,
	},
};
use itc_primitives::{
	time::{MONTH_MS, SLOT_DURATION},
	token::{bucket, share, ITC, TOTAL_SUPPLY},
	Balance, Moment,
};
use sp_keyring::Sr25519Keyring;

/// What a signed transaction's extensions (nonce, era, fee payment, weight checks, …) weigh on
/// top of its call and the extrinsic base weight. They weigh the same for every call without an
/// `authorize` of its own, so a remark stands for any; capacity figures count them, as a
/// transaction pays them.
fn signed_extensions_weight() -> frame_support::weights::Weight {
	use frame_system::offchain::CreateAuthorizedTransaction;
	use sp_runtime::traits::TransactionExtension;
	// The same extensions the runtime builds for its own transactions; their weight does not
	// depend on their values.
	let extension =
		<Runtime as CreateAuthorizedTransaction<crate::RuntimeCall>>::create_extension();
	extension.weight(&crate::RuntimeCall::System(frame_system::Call::remark { remark: vec![] }))
}

/// Merges a preset patch into the default genesis config, as the node does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
			for (k, v) in p {
				merge(b.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(b, p) => *b = p,
	}
}

/// The storage of the chain built from `patch`.
fn chain(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

/// Produces block `n` with timestamp `now`, as Aura and the timestamp inherent would.
fn block(n: u32, now: Moment) {
	System::set_block_number(n);
	ChainClock::on_initialize(n);
	// Aura checks that the timestamp falls in the slot the block's digest announced.
	pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(now / SLOT_DURATION));
	assert_ok!(Timestamp::set(RuntimeOrigin::none(), now));
	Timestamp::on_finalize(n);
}

fn transferable(who: &AccountId) -> Balance {
	Balances::reducible_balance(who, Preservation::Expendable, Fortitude::Polite)
}

const LAUNCH: Moment = 1_800_000_000_000 / SLOT_DURATION * SLOT_DURATION;

#[test]
fn every_preset_allocates_exactly_the_total_supply() {
	for patch in [presets::development(), presets::local_testnet(), presets::itc_testnet()] {
		chain(patch).execute_with(|| {
			assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
			assert_eq!(TOTAL_SUPPLY, 800_000_000 * ITC);
			assert_eq!(Balances::total_balance(&accounts::mining_pool()), 200_000_000 * ITC);
			assert_eq!(Balances::total_balance(&accounts::community_fund()), 160_000_000 * ITC);
			assert_eq!(Balances::total_balance(&accounts::node_incentives()), 80_000_000 * ITC);
		});
	}
}

#[test]
fn development_buckets_match_the_token_model() {
	chain(presets::development()).execute_with(|| {
		let team = Sr25519Keyring::Ferdie.to_account_id();
		assert_eq!(Balances::total_balance(&team), bucket(share::TEAM));
		assert_eq!(bucket(share::TEAM), 160_000_000 * ITC);
		let circulation: Balance = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
			Sr25519Keyring::Eve,
			Sr25519Keyring::AliceStash,
			Sr25519Keyring::BobStash,
			Sr25519Keyring::CharlieStash,
		]
		.iter()
		.map(|k| Balances::total_balance(&k.to_account_id()))
		.sum();
		assert_eq!(circulation, 200_000_000 * ITC);
		assert_eq!(
			Balances::total_balance(&Sr25519Keyring::Alice.to_account_id()),
			25_000_000 * ITC
		);
	});
}

#[test]
fn public_testnet_has_no_development_keys() {
	let json = serde_json::to_string(&presets::itc_testnet()).unwrap();
	// Keys and accounts appear in genesis JSON as SS58 strings.
	for dev in Sr25519Keyring::iter() {
		let sr = dev.to_account_id().to_string();
		assert!(!json.contains(&sr), "{dev:?}'s sr25519 key in the public testnet");
	}
	for dev in sp_keyring::Ed25519Keyring::iter() {
		let ed = AccountId::from(dev.public().0).to_string();
		assert!(!json.contains(&ed), "{dev:?}'s ed25519 key in the public testnet");
	}
	chain(presets::itc_testnet()).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(presets::testnet_council()));
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 3);
	});
}

#[test]
fn team_tokens_unlock_33_33_34_at_months_12_24_36() {
	chain(presets::development()).execute_with(|| {
		let team = Sr25519Keyring::Ferdie.to_account_id();
		let anyone = RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
		let total = bucket(share::TEAM);
		block(1, LAUNCH);
		assert_eq!(transferable(&team), 0);

		// The last slot before month 12: nothing transferable, nothing to vest.
		block(2, LAUNCH + 12 * MONTH_MS - SLOT_DURATION);
		assert_noop!(
			Vesting::vest_other(anyone.clone(), team.clone().into()),
			pallet_token_vesting::Error::<Runtime>::NoMilestoneReached
		);
		assert_noop!(
			<Balances as Mutate<_>>::transfer(
				&team,
				&accounts::mining_pool(),
				ITC,
				Preservation::Expendable
			),
			sp_runtime::TokenError::Frozen
		);

		// Month 12: exactly 33 %.
		block(3, LAUNCH + 12 * MONTH_MS);
		assert_ok!(Vesting::vest_other(anyone.clone(), team.clone().into()));
		assert_eq!(transferable(&team), total / 100 * 33);

		// Month 24: 66 %.
		block(4, LAUNCH + 24 * MONTH_MS);
		assert_ok!(Vesting::vest_other(anyone.clone(), team.clone().into()));
		assert_eq!(transferable(&team), total / 100 * 66);

		// Month 36: everything.
		block(5, LAUNCH + 36 * MONTH_MS);
		assert_ok!(Vesting::vest_other(anyone, team.clone().into()));
		assert_eq!(transferable(&team), total);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}

/// Money committed to the data market leaves the payer through the vesting freeze, never
/// around it (docs/SECURITY.md, "Committed money").
#[test]
fn unvested_tokens_cannot_be_committed_to_the_market() {
	chain(presets::development()).execute_with(|| {
		let team = Sr25519Keyring::Ferdie.to_account_id();
		let bounty = |reward: Balance| {
			crate::DataMarket::post_bounty(
				RuntimeOrigin::signed(team.clone()),
				b"bafkreirequest".to_vec().try_into().unwrap(),
				reward,
				1,
				100,
			)
		};
		block(1, LAUNCH);
		assert_noop!(bounty(ITC), pallet_data_market::Error::<Runtime>::InsufficientBalance);

		block(2, LAUNCH + 12 * MONTH_MS);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(team.clone())));
		let vested = bucket(share::TEAM) / 100 * 33;
		assert_noop!(
			bounty(vested + ITC),
			pallet_data_market::Error::<Runtime>::InsufficientBalance
		);
		// What vested can be committed, less the existential deposit of the market's pot,
		// which this first commit creates: not a planck more.
		let deposit = <Balances as Inspect<_>>::minimum_balance();
		assert_noop!(
			bounty(vested - deposit + 1),
			pallet_data_market::Error::<Runtime>::InsufficientBalance
		);
		assert_ok!(bounty(vested - deposit));
		assert_eq!(transferable(&team), 0);
		assert_eq!(Balances::total_balance(&team), bucket(share::TEAM) - vested);
	});
}

#[test]
fn missed_slots_do_not_delay_the_team_milestones() {
	chain(presets::development()).execute_with(|| {
		let team = Sr25519Keyring::Ferdie.to_account_id();
		block(1, LAUNCH);
		// Only one more block is produced in a whole year: by block numbers at 3 s it would
		// be month 0; by the wall clock it is month 12.
		block(2, LAUNCH + 12 * MONTH_MS);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(team.clone())));
		assert_eq!(transferable(&team), bucket(share::TEAM) / 100 * 33);
	});
}

#[test]
fn a_full_registration_batch_fits_in_a_block() {
	use frame_support::dispatch::DispatchClass;
	use pallet_devices::WeightInfo as _;
	type Batch = <Runtime as pallet_devices::Config>::MaxBatch;
	type Weights = <Runtime as pallet_devices::Config>::WeightInfo;

	let limits = crate::configs::RuntimeBlockWeights::get();
	let normal = limits.get(DispatchClass::Normal);
	let max_extrinsic = normal.max_extrinsic.expect("normal extrinsics are limited");
	let max_total = normal.max_total.expect("normal class is limited");
	let batch = Batch::get();
	let extensions = signed_extensions_weight();
	let call = Weights::register(batch).saturating_add(normal.base_extrinsic);
	assert!(call.all_lte(max_extrinsic), "a full batch ({batch}) exceeds an extrinsic's limit");

	let transaction = call.saturating_add(extensions);
	let calls = max_total.ref_time() / transaction.ref_time();
	for n in [1, 10, batch] {
		let one =
			Weights::register(n).saturating_add(normal.base_extrinsic).saturating_add(extensions);
		let per_block = max_total.ref_time() / one.ref_time();
		println!(
			"register({n}): {:.1} µs with base and extensions → {per_block} per block, {} devices",
			one.ref_time() as f64 / 1_000_000.0,
			per_block * u64::from(n),
		);
	}
	let per_device = Weights::register(batch).saturating_sub(Weights::register(batch - 1));
	println!(
		"register({batch}): {} µs with base and extensions ({} µs) of {} µs per block → {calls} \
		 full batches, {} devices per block ({} µs per extra device)",
		transaction.ref_time() / 1_000_000,
		extensions.ref_time() / 1_000_000,
		max_total.ref_time() / 1_000_000,
		calls * u64::from(batch),
		per_device.ref_time() as f64 / 1_000_000.0,
	);
	assert!(calls >= 1);
}

/// The data market's hook acts on at most `MaxDeadlinesPerBlock` deadlines per block; at the
/// generated weights that must leave most of a block to transactions.
#[test]
fn a_full_deadline_queue_takes_a_small_part_of_a_block() {
	use frame_support::dispatch::DispatchClass;
	use pallet_data_market::WeightInfo as _;
	type Queue = <Runtime as pallet_data_market::Config>::MaxDeadlinesPerBlock;
	type Weights = <Runtime as pallet_data_market::Config>::WeightInfo;

	let limits = crate::configs::RuntimeBlockWeights::get();
	let block = limits.max_block;
	let hook = Weights::on_initialize(Queue::get());
	println!(
		"on_initialize({}): {} µs of a {} µs block; a dispute: {} µs",
		Queue::get(),
		hook.ref_time() / 1_000_000,
		block.ref_time() / 1_000_000,
		Weights::dispute_won_by_buyer().max(Weights::dispute_won_by_seller()).ref_time()
			/ 1_000_000,
	);
	assert!(hook.ref_time() * 10 <= block.ref_time(), "a full queue takes over 10 % of a block");
	let normal = limits.get(DispatchClass::Normal).max_extrinsic.expect("limited");
	assert!(Weights::dispute_won_by_buyer().all_lte(normal));
}

/// Edge mining holds both pools at genesis (all but the existential deposit), so what they
/// pay is tracked exactly; their total balances stay the buckets of the token model.
#[test]
fn genesis_holds_the_mining_and_node_incentive_pools() {
	use frame_support::traits::fungible::InspectHold;
	use pallet_edge_mining::HoldReason;
	let ed = crate::configs::ExistentialDeposit::get();
	for (patch, era_ms) in [
		(presets::development(), presets::DEV_ERA_MS),
		(presets::itc_testnet(), itc_primitives::time::DAY_MS),
	] {
		chain(patch).execute_with(|| {
			for (reason, account, share) in [
				(HoldReason::MiningPool, accounts::mining_pool(), share::MINING_POOL),
				(HoldReason::NodeIncentives, accounts::node_incentives(), share::NODE_INCENTIVES),
			] {
				assert_eq!(Balances::balance_on_hold(&reason.into(), &account), bucket(share) - ed);
				assert_eq!(Balances::free_balance(&account), ed);
			}
			assert_eq!(pallet_edge_mining::EraLength::<Runtime>::get(), era_ms);
			crate::EdgeMining::do_try_state().unwrap();
		});
	}
}

/// Starts block 1 in the launch slot, as its Aura author's digest announces it, and runs the
/// edge-mining hook that pays the author.
fn authored_block_1() {
	use codec::Encode;
	let slot = sp_consensus_aura::Slot::from(LAUNCH / SLOT_DURATION);
	let digest = sp_runtime::Digest {
		logs: vec![sp_runtime::DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			slot.encode(),
		)],
	};
	System::initialize(&1, &Default::default(), &digest);
	crate::EdgeMining::on_initialize(1);
}

/// The Aura author of a block is paid its share of the era's node-incentive budget.
#[test]
fn the_aura_author_is_paid_from_node_incentives() {
	chain(presets::development()).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let before = Balances::free_balance(&alice);
		authored_block_1();
		let reward = crate::EdgeMining::author_reward(0);
		// 80M − ED over 7,305 eras, falling: era 0 is about 21,900 ITC, over 10 dev blocks.
		assert_eq!(reward / ITC, 2_190);
		assert_eq!(Balances::free_balance(&alice), before + reward);
		crate::EdgeMining::do_try_state().unwrap();
	});
}

/// What a block's transactions pay reaches a validator: the next block's Aura author, through
/// the real fee adapter; nothing is minted or burned.
#[test]
fn transaction_fees_are_paid_to_the_next_block_author() {
	use frame_support::dispatch::{GetDispatchInfo, PostDispatchInfo};
	use pallet_transaction_payment::OnChargeTransaction;
	type Charge = <Runtime as pallet_transaction_payment::Config>::OnChargeTransaction;
	chain(presets::development()).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let pool = accounts::node_incentives();
		let ed = <Balances as Inspect<AccountId>>::minimum_balance();
		let call: crate::RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
		let info = call.get_dispatch_info();
		let fee = crate::TransactionPayment::compute_fee(100, &info, 0);
		assert!(fee > 0);
		let paid =
			<Charge as OnChargeTransaction<Runtime>>::withdraw_fee(&bob, &call, &info, fee, 0)
				.unwrap();
		<Charge as OnChargeTransaction<Runtime>>::correct_and_deposit_fee(
			&bob,
			&info,
			&PostDispatchInfo::default(),
			fee,
			0,
			paid,
		)
		.unwrap();
		assert_eq!(Balances::free_balance(&pool), ed + fee);
		let before = Balances::free_balance(&alice);
		authored_block_1();
		let reward = crate::EdgeMining::author_reward(0);
		assert_eq!(Balances::free_balance(&alice), before + reward + fee);
		assert_eq!(Balances::free_balance(&pool), ed);
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
		crate::EdgeMining::do_try_state().unwrap();
	});
}
/// Reports are extrinsics with benchmarked weights, so a flood at an era's end is cut by the
/// block limits; the payout sweep is bounded per block, and an era takes no more reports
/// than the sweep pays in half an era.
#[test]
fn a_flood_of_reports_stays_within_block_weight() {
	use frame_support::dispatch::DispatchClass;
	use pallet_edge_mining::WeightInfo as _;
	type Weights = <Runtime as pallet_edge_mining::Config>::WeightInfo;
	type MaxPayouts = <Runtime as pallet_edge_mining::Config>::MaxPayoutsPerBlock;

	let limits = crate::configs::RuntimeBlockWeights::get();
	let normal = limits.get(DispatchClass::Normal);
	let report = Weights::submit_report()
		.saturating_add(normal.base_extrinsic)
		.saturating_add(signed_extensions_weight());
	let per_block = normal.max_total.expect("limited").ref_time() / report.ref_time();
	let hook = Weights::reward_author().saturating_add(Weights::pay_rewards(MaxPayouts::get()));
	println!(
		"submit_report with base and extensions ({:.1} µs): {:.1} µs → {per_block} reports per \
		 block; on_initialize with {} payouts: {} µs of a {} µs block",
		signed_extensions_weight().ref_time() as f64 / 1_000_000.0,
		report.ref_time() as f64 / 1_000_000.0,
		MaxPayouts::get(),
		hook.ref_time() / 1_000_000,
		limits.max_block.ref_time() / 1_000_000,
	);
	assert!(per_block >= 100, "fewer than 100 reports fit in a block");
	assert!(hook.ref_time() * 10 <= limits.max_block.ref_time(), "the sweep takes over 10 %");
	assert!(hook.proof_size() * 10 <= limits.max_block.proof_size());

	chain(presets::itc_testnet()).execute_with(|| {
		// A day: 28,800 slots × 128 payouts / 2.
		assert_eq!(crate::EdgeMining::era_capacity(), 1_843_200);
	});
}

/// The heaviest proposal — the one that anchors, with the most validators, settlement entries,
/// record devices and senders — fits in one normal extrinsic, and a full validator set's proposals fit
/// in a block. The epoch hooks take a small part of a block.
#[test]
fn a_worst_case_anchor_fits_in_a_block() {
	use frame_support::dispatch::DispatchClass;
	use itc_primitives::anchor::{MAX_BATCH_SENDERS, MAX_RECORD_DEVICES, MAX_SETTLEMENT_ENTRIES};
	use pallet_dag_anchor::WeightInfo as _;
	type Weights = <Runtime as pallet_dag_anchor::Config>::WeightInfo;
	type MaxValidators = <Runtime as pallet_dag_anchor::Config>::MaxValidators;

	let limits = crate::configs::RuntimeBlockWeights::get();
	let normal = limits.get(DispatchClass::Normal);
	let v = MaxValidators::get();
	let anchoring = Weights::propose_anchoring(
		v,
		MAX_SETTLEMENT_ENTRIES,
		MAX_RECORD_DEVICES,
		MAX_BATCH_SENDERS,
	)
	.saturating_add(Weights::authorize_propose())
	.saturating_add(normal.base_extrinsic);
	let counting = Weights::propose_counting()
		.saturating_add(Weights::authorize_propose())
		.saturating_add(normal.base_extrinsic);
	let hooks = Weights::on_initialize_timeout(v).saturating_add(Weights::on_initialize_open());
	println!(
		"propose: {} µs counting, {} µs anchoring ({v} validators, {MAX_SETTLEMENT_ENTRIES} \
		 accounts, {MAX_RECORD_DEVICES} devices, {MAX_BATCH_SENDERS} senders); epoch hooks {} µs; of a {} µs block",
		counting.ref_time() / 1_000_000,
		anchoring.ref_time() / 1_000_000,
		hooks.ref_time() / 1_000_000,
		limits.max_block.ref_time() / 1_000_000,
	);
	assert!(anchoring.all_lte(normal.max_extrinsic.expect("limited")));
	let all = counting.saturating_mul(u64::from(v - 1)).saturating_add(anchoring);
	assert!(all.all_lte(normal.max_total.expect("limited")), "a full set's proposals overflow");
	assert!(hooks.ref_time() * 20 <= limits.max_block.ref_time(), "the hooks take over 5 %");
}

/// Development chains anchor every 12 s, the public testnet every 5 minutes.
#[test]
fn presets_set_the_anchor_epoch() {
	for (patch, epoch_ms) in [
		(presets::development(), presets::DEV_EPOCH_MS),
		(presets::local_testnet(), presets::DEV_EPOCH_MS),
		(presets::itc_testnet(), pallet_dag_anchor::DEFAULT_EPOCH_LENGTH_MS),
	] {
		chain(patch).execute_with(|| {
			assert_eq!(pallet_dag_anchor::EpochLength::<Runtime>::get(), epoch_ms);
			crate::DagAnchor::do_try_state().unwrap();
		});
	}
}

#[test]
fn nobody_can_burn_their_balance() {
	chain(presets::development()).execute_with(|| {
		use sp_runtime::traits::Dispatchable;
		block(1, LAUNCH);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let burn = crate::RuntimeCall::Balances(pallet_balances::Call::burn {
			value: ITC,
			keep_alive: true,
		});
		let result = burn.clone().dispatch(RuntimeOrigin::signed(alice.clone()));
		assert_eq!(
			result.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		// Nor through a batch.
		let batch =
			crate::RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![burn] });
		assert!(batch.dispatch(RuntimeOrigin::signed(alice)).is_err());
		assert_eq!(Balances::total_issuance(), TOTAL_SUPPLY);
	});
}
