//! Governance: class weights.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use itc_primitives::device::DeviceClass;
use sp_runtime::DispatchError;

fn model(name: &[u8]) -> BoundedVec<u8, MaxModelLength> {
	name.to_vec().try_into().unwrap()
}

#[test]
fn governance_weights_a_class() {
	new_test_ext(|| {
		let (sensor, gateway) = (device_of_model(1, b"TH-100"), device_of_model(2, b"GW-9"));
		assert_ok!(EdgeMining::set_class_weight(
			RuntimeOrigin::root(),
			1,
			model(b"GW-9"),
			Some(250)
		));
		let class = DeviceClass::new(1, b"GW-9");
		assert_eq!(ClassWeights::<Test>::get(class), Some(250));
		assert_eq!(events(), [Event::ClassWeightSet { class, weight: Some(250) }]);
		assert_eq!(EdgeMining::class_weight(&gateway.code), Some(250));
		assert_eq!(EdgeMining::class_weight(&sensor.code), Some(100));

		set_era(1);
		report_all(&[&sensor, &gateway]);
		assert_eq!(Reports::<Test>::get(0, sensor.code).unwrap().score, 1_000);
		assert_eq!(Reports::<Test>::get(0, gateway.code).unwrap().score, 2_500);
	});
}

#[test]
fn clearing_a_weight_restores_the_baseline() {
	new_test_ext(|| {
		let d = device_of_model(1, b"GW-9");
		assert_ok!(EdgeMining::set_class_weight(RuntimeOrigin::root(), 1, model(b"GW-9"), Some(0)));
		assert_eq!(EdgeMining::class_weight(&d.code), Some(0));
		assert_ok!(EdgeMining::set_class_weight(RuntimeOrigin::root(), 1, model(b"GW-9"), None));
		assert_eq!(EdgeMining::class_weight(&d.code), Some(100));
		assert_eq!(ClassWeights::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_weight_above_the_maximum_is_rejected() {
	new_test_ext(|| {
		assert_noop!(
			EdgeMining::set_class_weight(RuntimeOrigin::root(), 1, model(b"GW-9"), Some(501)),
			Error::<Test>::WeightTooHigh
		);
		assert_ok!(EdgeMining::set_class_weight(
			RuntimeOrigin::root(),
			1,
			model(b"GW-9"),
			Some(500)
		));
	});
}

#[test]
fn only_governance_sets_weights() {
	new_test_ext(|| {
		for origin in [RuntimeOrigin::signed(OWNER), RuntimeOrigin::none()] {
			assert_noop!(
				EdgeMining::set_class_weight(origin, 1, model(b"GW-9"), Some(200)),
				DispatchError::BadOrigin
			);
		}
	});
}
