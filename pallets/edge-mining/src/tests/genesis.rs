//! Genesis: the pools are held and the era length set.

use crate::{mock::*, *};
use itc_primitives::emission::ERAS;
use sp_runtime::BuildStorage;

#[test]
fn genesis_holds_both_pools_but_the_existential_deposit() {
	new_test_ext(|| {
		assert_eq!(mining_held(), MINING_AMOUNT);
		assert_eq!(free(MINING_POOL), ED);
		assert_eq!(
			Emission::<Test>::get(Pool::Mining),
			PoolState { initial: MINING_AMOUNT, paid: 0 }
		);
		assert_eq!(
			Emission::<Test>::get(Pool::NodeIncentives),
			PoolState { initial: NODE_AMOUNT, paid: 0 }
		);
		assert_eq!(EraLength::<Test>::get(), ERA_MS);
	});
}

#[test]
fn the_pallet_emits_exactly_the_pool_over_twenty_years() {
	new_test_ext(|| {
		for pool in [Pool::Mining, Pool::NodeIncentives] {
			let sum: u64 = (0..ERAS).map(|era| EdgeMining::era_budget(pool, era)).sum();
			assert_eq!(sum, Emission::<Test>::get(pool).initial);
			assert_eq!(EdgeMining::era_budget(pool, ERAS), 0);
		}
	});
}

#[test]
fn eras_count_wall_clock_time() {
	new_test_ext(|| {
		assert_eq!(EdgeMining::current_era(), 0);
		set_time(ERA_MS - 1);
		assert_eq!(EdgeMining::current_era(), 0);
		set_time(ERA_MS);
		assert_eq!(EdgeMining::current_era(), 1);
		set_time(1_000 * ERA_MS + 5);
		assert_eq!(EdgeMining::current_era(), 1_000);
		assert_eq!(EdgeMining::slots_per_era(), 10);
	});
}

#[test]
fn an_unset_era_length_is_a_day() {
	let storage = RuntimeGenesisConfig {
		edge_mining: crate::GenesisConfig::<Test>::default(),
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(EraLength::<Test>::get(), itc_primitives::time::DAY_MS);
		// No balance on the pool accounts: nothing held, nothing to emit.
		assert_eq!(Emission::<Test>::get(Pool::Mining), PoolState::default());
		EdgeMining::do_try_state().unwrap();
	});
}
