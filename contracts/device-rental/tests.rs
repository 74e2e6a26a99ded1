//! Each message and each error, against the chain extension's stand-in.

use crate::device_rental::{DeviceRental, Error, Offer, HOUR_MS};
use ink::{
	env::test::{self, DefaultAccounts},
	primitives::AccountId,
};
use itc_env::{testing::MockChain, DeviceCode, DeviceStatus, ItcEnvironment, Role};

type Env = ItcEnvironment;

const PRICE: u128 = 1_000;
const CODE: DeviceCode = DeviceCode([7; 15]);
const START: u64 = 1_700_000_000_000;

fn contract_account() -> AccountId {
	AccountId::from([0xcc; 32])
}

/// Alice owns an active device `CODE`; the contract is deployed and holds nothing.
fn setup() -> (DeviceRental, DefaultAccounts<Env>) {
	let accounts = test::default_accounts::<Env>();
	MockChain::register();
	MockChain::add_device(CODE, accounts.alice, 1);
	test::set_callee::<Env>(contract_account());
	test::set_account_balance::<Env>(contract_account(), 0);
	test::set_account_balance::<Env>(accounts.bob, 1_000_000);
	test::set_block_timestamp::<Env>(START);
	test::set_caller::<Env>(accounts.alice);
	(DeviceRental::new(), accounts)
}

fn at(time: u64) {
	test::set_block_timestamp::<Env>(time);
}

fn balance(who: AccountId) -> u128 {
	test::get_account_balance::<Env>(who).unwrap_or(0)
}

/// `who` calls `rent(CODE, hours)` paying `payment`.
fn rent_as(
	contract: &mut DeviceRental,
	who: AccountId,
	hours: u32,
	payment: u128,
) -> Result<(), Error> {
	test::set_caller::<Env>(who);
	test::transfer_in::<Env>(payment);
	contract.rent(CODE, hours).map(|_| ())
}

#[ink::test]
fn the_owner_offers_an_active_device() {
	let (mut contract, accounts) = setup();
	assert_eq!(contract.offer(CODE, PRICE, 24), Ok(()));
	let offer = Offer { owner: accounts.alice, price_per_hour: PRICE, max_hours: 24 };
	assert_eq!(contract.offer_of(CODE), Some(offer));
	assert_eq!(test::recorded_events().count(), 1);
	// Offering again changes the terms.
	assert_eq!(contract.offer(CODE, 2 * PRICE, 2), Ok(()));
	assert_eq!(contract.offer_of(CODE).map(|o| o.max_hours), Some(2));
}

#[ink::test]
fn offers_need_a_price_and_a_duration() {
	let (mut contract, _) = setup();
	assert_eq!(contract.offer(CODE, 0, 24), Err(Error::InvalidTerms));
	assert_eq!(contract.offer(CODE, PRICE, 0), Err(Error::InvalidTerms));
	assert_eq!(contract.offer_of(CODE), None);
}

#[ink::test]
fn only_the_owner_on_chain_can_offer() {
	let (mut contract, accounts) = setup();
	test::set_caller::<Env>(accounts.bob);
	assert_eq!(contract.offer(CODE, PRICE, 24), Err(Error::NotDeviceOwner));
	assert_eq!(contract.offer(DeviceCode([9; 15]), PRICE, 24), Err(Error::NotDeviceOwner));
	assert_eq!(contract.offer_of(CODE), None);
}

#[ink::test]
fn a_device_that_is_not_active_cannot_be_offered() {
	let (mut contract, _) = setup();
	MockChain::set_status(CODE, DeviceStatus::Suspended { by: Role::Owner });
	assert_eq!(contract.offer(CODE, PRICE, 24), Err(Error::DeviceNotActive));
	MockChain::set_status(CODE, DeviceStatus::Active);
	MockChain::set_approved(1, false);
	assert_eq!(contract.offer(CODE, PRICE, 24), Err(Error::DeviceNotActive));
}

#[ink::test]
fn the_offerer_withdraws() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	test::set_caller::<Env>(accounts.bob);
	assert_eq!(contract.withdraw(CODE), Err(Error::NotOfferer));
	test::set_caller::<Env>(accounts.alice);
	assert_eq!(contract.withdraw(CODE), Ok(()));
	assert_eq!(contract.offer_of(CODE), None);
	assert_eq!(contract.withdraw(CODE), Err(Error::NoOffer));
}

#[ink::test]
fn a_renter_pays_and_may_use_the_device_for_the_window() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	assert_eq!(rent_as(&mut contract, accounts.bob, 3, 3 * PRICE), Ok(()));
	let rental = contract.rental_of(CODE).unwrap();
	assert_eq!(
		(rental.renter, rental.start, rental.end),
		(accounts.bob, START, START + 3 * HOUR_MS)
	);
	assert_eq!(balance(contract_account()), 3 * PRICE);
	assert_eq!(contract.current_user(CODE), Some(accounts.bob));
	assert!(contract.may_use(CODE, accounts.bob));
	assert!(!contract.may_use(CODE, accounts.alice));
	at(START + 3 * HOUR_MS);
	assert_eq!(contract.current_user(CODE), None);
	assert!(!contract.may_use(CODE, accounts.bob));
}

#[ink::test]
fn renting_needs_an_offer_and_valid_hours_and_the_exact_price() {
	let (mut contract, accounts) = setup();
	assert_eq!(rent_as(&mut contract, accounts.bob, 1, PRICE), Err(Error::NoOffer));
	test::set_caller::<Env>(accounts.alice);
	contract.offer(CODE, PRICE, 4).unwrap();
	assert_eq!(rent_as(&mut contract, accounts.bob, 0, 0), Err(Error::InvalidHours));
	assert_eq!(rent_as(&mut contract, accounts.bob, 5, 5 * PRICE), Err(Error::InvalidHours));
	assert_eq!(rent_as(&mut contract, accounts.bob, 2, PRICE), Err(Error::WrongPayment));
	assert_eq!(rent_as(&mut contract, accounts.bob, 2, 3 * PRICE), Err(Error::WrongPayment));
	assert_eq!(contract.rental_of(CODE), None);
}

#[ink::test]
fn a_rented_device_cannot_be_rented_again_until_the_window_ends() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 4).unwrap();
	rent_as(&mut contract, accounts.bob, 2, 2 * PRICE).unwrap();
	at(START + 2 * HOUR_MS - 1);
	assert_eq!(rent_as(&mut contract, accounts.charlie, 1, PRICE), Err(Error::AlreadyRented));
	// Once it is over, the next rental closes the previous one (the owner is paid).
	let alice_before = balance(accounts.alice);
	at(START + 2 * HOUR_MS);
	test::set_account_balance::<Env>(accounts.charlie, 1_000_000);
	assert_eq!(rent_as(&mut contract, accounts.charlie, 1, PRICE), Ok(()));
	assert_eq!(balance(accounts.alice), alice_before + 2 * PRICE);
	assert_eq!(contract.current_user(CODE), Some(accounts.charlie));
}

#[ink::test]
fn a_suspended_device_cannot_be_rented() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 4).unwrap();
	MockChain::set_status(CODE, DeviceStatus::Suspended { by: Role::Governance });
	assert_eq!(rent_as(&mut contract, accounts.bob, 1, PRICE), Err(Error::DeviceNotActive));
	assert_eq!(contract.rental_of(CODE), None);
}

#[ink::test]
fn a_device_sold_after_offering_cannot_be_rented() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 4).unwrap();
	MockChain::set_owner(CODE, accounts.django);
	assert_eq!(rent_as(&mut contract, accounts.bob, 1, PRICE), Err(Error::NotDeviceOwner));
}

#[ink::test]
fn an_early_return_pays_the_hours_started_and_refunds_the_rest() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	rent_as(&mut contract, accounts.bob, 5, 5 * PRICE).unwrap();
	let (alice, bob) = (balance(accounts.alice), balance(accounts.bob));
	// Two hours and a minute in: three hours started.
	at(START + 2 * HOUR_MS + 60_000);
	test::set_caller::<Env>(accounts.bob);
	assert_eq!(contract.return_device(CODE), Ok((3 * PRICE, 2 * PRICE)));
	assert_eq!(balance(accounts.alice), alice + 3 * PRICE);
	assert_eq!(balance(accounts.bob), bob + 2 * PRICE);
	assert_eq!(balance(contract_account()), 0);
	assert_eq!(contract.rental_of(CODE), None);
	assert_eq!(contract.current_user(CODE), None);
}

#[ink::test]
fn a_return_right_away_still_pays_one_hour() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	rent_as(&mut contract, accounts.bob, 2, 2 * PRICE).unwrap();
	assert_eq!(contract.return_device(CODE), Ok((PRICE, PRICE)));
}

#[ink::test]
fn anyone_closes_a_rental_once_its_window_is_over() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	rent_as(&mut contract, accounts.bob, 2, 2 * PRICE).unwrap();
	test::set_caller::<Env>(accounts.eve);
	assert_eq!(contract.return_device(CODE), Err(Error::NotRenter));
	at(START + 10 * HOUR_MS);
	assert_eq!(contract.return_device(CODE), Ok((2 * PRICE, 0)));
	assert_eq!(contract.return_device(CODE), Err(Error::NotRented));
}

#[ink::test]
fn every_decision_asked_the_chain() {
	let (mut contract, accounts) = setup();
	contract.offer(CODE, PRICE, 24).unwrap();
	let after_offer = MockChain::calls();
	assert_eq!(after_offer, 2, "owner and activity checked on offer");
	rent_as(&mut contract, accounts.bob, 1, PRICE).unwrap();
	assert_eq!(MockChain::calls(), after_offer + 2, "and again on rent");
}
