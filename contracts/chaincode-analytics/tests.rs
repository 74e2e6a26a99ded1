//! Each message and each error, against the chain extension's stand-in.

use crate::{
	chaincode_analytics::{signed_message, Aggregate, ChaincodeAnalytics, Error},
	sketch,
};
use ink::{
	env::test::{self, DefaultAccounts},
	primitives::AccountId,
};
use itc_env::{
	testing::MockChain, DeviceCode, DeviceSignature, DeviceStatus, ItcEnvironment, Role,
};

type Env = ItcEnvironment;

const REWARD: u128 = 500;
const DAY_MS: u64 = 86_400_000;
const START: u64 = 1_700_000_000_000;
const DEVICE_A: DeviceCode = DeviceCode([1; 15]);
const DEVICE_B: DeviceCode = DeviceCode([2; 15]);

fn contract_account() -> AccountId {
	AccountId::from([0xcd; 32])
}

fn balance(who: AccountId) -> u128 {
	test::get_account_balance::<Env>(who).unwrap_or(0)
}

/// Bob owns `DEVICE_A`, Charlie `DEVICE_B`; Alice is the analyst.
fn setup() -> (ChaincodeAnalytics, DefaultAccounts<Env>) {
	let accounts = test::default_accounts::<Env>();
	MockChain::register();
	MockChain::add_device(DEVICE_A, accounts.bob, 1);
	MockChain::add_device(DEVICE_B, accounts.charlie, 2);
	test::set_callee::<Env>(contract_account());
	test::set_account_balance::<Env>(contract_account(), 0);
	test::set_account_balance::<Env>(accounts.alice, 1_000_000);
	test::set_account_balance::<Env>(accounts.bob, 0);
	test::set_account_balance::<Env>(accounts.charlie, 0);
	test::set_block_timestamp::<Env>(START);
	test::set_caller::<Env>(accounts.alice);
	(ChaincodeAnalytics::new(), accounts)
}

/// Alice funds a query of 2 counters, up to `max` contributions, open a day.
fn fund(contract: &mut ChaincodeAnalytics, max: u32) -> u32 {
	test::set_caller::<Env>(test::default_accounts::<Env>().alice);
	test::transfer_in::<Env>(REWARD * u128::from(max));
	contract.fund(b"bafy-spec".to_vec(), 2, REWARD, max, DAY_MS).expect("a valid query")
}

/// A device's aggregate over `items`, with counters `[events, sum]`.
fn aggregate_of(items: core::ops::Range<u32>) -> Aggregate {
	let (mut registers, mut bloom) = sketch::empty();
	for item in items.clone() {
		sketch::insert(&mut registers, &mut bloom, &item.to_le_bytes());
	}
	Aggregate { counters: vec![items.len() as u64, items.map(u64::from).sum()], registers, bloom }
}

/// `owner` contributes `aggregate` for `code`, signed by the device.
fn contribute(
	contract: &mut ChaincodeAnalytics,
	id: u32,
	owner: AccountId,
	code: DeviceCode,
	aggregate: Aggregate,
) -> Result<(), Error> {
	test::set_caller::<Env>(owner);
	let signature = MockChain::sign(code, &signed_message(id, &aggregate));
	contract.contribute(id, code, aggregate, signature)
}

#[ink::test]
fn an_analyst_funds_a_query() {
	let (mut contract, accounts) = setup();
	assert_eq!(fund(&mut contract, 4), 0);
	assert_eq!(fund(&mut contract, 1), 1);
	let query = contract.query(0).unwrap();
	assert_eq!((query.analyst, query.reward, query.max_contributions), (accounts.alice, REWARD, 4));
	assert_eq!(query.deadline, START + DAY_MS);
	assert_eq!(balance(contract_account()), 5 * REWARD);
	let empty = contract.aggregate(0).unwrap();
	assert_eq!(empty.counters, vec![0, 0]);
	assert_eq!(contract.distinct_estimate(0), Some(0));
}

#[ink::test]
fn queries_need_sensible_terms() {
	let (mut contract, _) = setup();
	let spec = || b"spec".to_vec();
	assert_eq!(contract.fund(spec(), 2, 0, 1, DAY_MS), Err(Error::InvalidQuery));
	assert_eq!(contract.fund(spec(), 2, REWARD, 0, DAY_MS), Err(Error::InvalidQuery));
	assert_eq!(contract.fund(spec(), 2, REWARD, 1, 0), Err(Error::InvalidQuery));
	assert_eq!(contract.fund(spec(), 9, REWARD, 1, DAY_MS), Err(Error::InvalidQuery));
	assert_eq!(contract.fund(vec![0; 129], 2, REWARD, 1, DAY_MS), Err(Error::InvalidQuery));
	test::transfer_in::<Env>(REWARD);
	assert_eq!(contract.fund(spec(), 2, REWARD, 2, DAY_MS), Err(Error::WrongEscrow));
	assert_eq!(contract.query(0), None);
}

#[ink::test]
fn two_contributors_are_merged_and_paid() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	assert_eq!(contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..600)), Ok(()));
	assert_eq!(
		contribute(&mut contract, id, accounts.charlie, DEVICE_B, aggregate_of(400..1_000)),
		Ok(())
	);
	assert_eq!((balance(accounts.bob), balance(accounts.charlie)), (REWARD, REWARD));
	assert_eq!(balance(contract_account()), REWARD);
	let merged = contract.aggregate(id).unwrap();
	let union = aggregate_of(0..1_000);
	assert_eq!(
		merged.counters,
		vec![1_200, (0..600u64).sum::<u64>() + (400..1_000u64).sum::<u64>()]
	);
	assert_eq!((merged.registers, merged.bloom), (union.registers, union.bloom));
	let distinct = contract.distinct_estimate(id).unwrap();
	assert!((800..=1_200).contains(&distinct), "estimate {distinct}");
	assert_eq!(contract.might_contain(id, 17u32.to_le_bytes().to_vec()), Some(true));
	assert_eq!(contract.query(id).unwrap().contributions, 2);
	assert!(
		contract.has_contributed(id, DEVICE_A)
			&& !contract.has_contributed(id, DeviceCode([3; 15]))
	);
}

#[ink::test]
fn contributions_go_to_existing_open_queries() {
	let (mut contract, accounts) = setup();
	assert_eq!(
		contribute(&mut contract, 5, accounts.bob, DEVICE_A, aggregate_of(0..5)),
		Err(Error::NoQuery)
	);
	let id = fund(&mut contract, 1);
	test::set_block_timestamp::<Env>(START + DAY_MS);
	assert_eq!(
		contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5)),
		Err(Error::QueryClosed)
	);
	test::set_block_timestamp::<Env>(START);
	contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5)).unwrap();
	// Full: the one contribution it paid for came.
	let late = contribute(&mut contract, id, accounts.charlie, DEVICE_B, aggregate_of(0..5));
	assert_eq!(late, Err(Error::QueryClosed));
}

#[ink::test]
fn a_device_contributes_once() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5)).unwrap();
	let again = contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5));
	assert_eq!(again, Err(Error::AlreadyContributed));
	assert_eq!(balance(accounts.bob), REWARD);
}

#[ink::test]
fn malformed_aggregates_are_refused() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	let mut wrong_counters = aggregate_of(0..5);
	wrong_counters.counters.push(1);
	let mut short_registers = aggregate_of(0..5);
	short_registers.registers.pop();
	let mut long_bloom = aggregate_of(0..5);
	long_bloom.bloom.push(0);
	let mut impossible_rank = aggregate_of(0..5);
	impossible_rank.registers[0] = sketch::MAX_RANK + 1;
	for bad in [wrong_counters, short_registers, long_bloom, impossible_rank] {
		assert_eq!(
			contribute(&mut contract, id, accounts.bob, DEVICE_A, bad),
			Err(Error::BadAggregate)
		);
	}
}

#[ink::test]
fn only_the_owner_of_an_active_device_contributes() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	let by_stranger = contribute(&mut contract, id, accounts.eve, DEVICE_A, aggregate_of(0..5));
	assert_eq!(by_stranger, Err(Error::NotDeviceOwner));
	MockChain::set_status(DEVICE_A, DeviceStatus::Suspended { by: Role::Manufacturer });
	let suspended = contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5));
	assert_eq!(suspended, Err(Error::DeviceNotActive));
	assert_eq!(contract.query(id).unwrap().contributions, 0);
}

#[ink::test]
fn the_device_must_sign_this_contribution() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	test::set_caller::<Env>(accounts.bob);
	// Signed for another query, for other data, by another device, or not at all.
	let data = aggregate_of(0..5);
	let other_query = MockChain::sign(DEVICE_A, &signed_message(id + 1, &data));
	let other_data = MockChain::sign(DEVICE_A, &signed_message(id, &aggregate_of(0..6)));
	let other_device = MockChain::sign(DEVICE_B, &signed_message(id, &data));
	for signature in [other_query, other_data, other_device, DeviceSignature::Sr25519([0; 64])] {
		assert_eq!(
			contract.contribute(id, DEVICE_A, data.clone(), signature),
			Err(Error::BadSignature)
		);
	}
	assert_eq!(balance(accounts.bob), 0);
}

#[ink::test]
fn the_analyst_closes_after_the_deadline_and_gets_the_rest_back() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 3);
	contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5)).unwrap();
	test::set_caller::<Env>(accounts.alice);
	assert_eq!(contract.close(id), Err(Error::StillOpen));
	test::set_caller::<Env>(accounts.bob);
	test::set_block_timestamp::<Env>(START + DAY_MS);
	assert_eq!(contract.close(id), Err(Error::NotAnalyst));
	test::set_caller::<Env>(accounts.alice);
	let before = balance(accounts.alice);
	assert_eq!(contract.close(id), Ok(2 * REWARD));
	assert_eq!(balance(accounts.alice), before + 2 * REWARD);
	assert_eq!(balance(contract_account()), 0);
	assert_eq!(contract.close(id), Err(Error::QueryClosed));
	assert_eq!(contract.close(9), Err(Error::NoQuery));
	// The merged result stays readable.
	assert_eq!(contract.aggregate(id).unwrap().counters[0], 5);
}

#[ink::test]
fn a_full_query_closes_before_its_deadline() {
	let (mut contract, accounts) = setup();
	let id = fund(&mut contract, 1);
	contribute(&mut contract, id, accounts.bob, DEVICE_A, aggregate_of(0..5)).unwrap();
	test::set_caller::<Env>(accounts.alice);
	assert_eq!(contract.close(id), Ok(0));
}
