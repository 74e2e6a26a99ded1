//! Verification and evaluation: taking a device's signed work report and scoring it.

use crate::*;
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use itc_primitives::{
	device::{DeviceCode, DeviceRegistry, DeviceSignature, ManufacturerId, ManufacturerStake},
	mining::{report_payload, EraIndex, MarketEvidence, WorkEvidence, WorkReport},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_submit_report(
		submitter: T::AccountId,
		device: DeviceCode,
		report: WorkReport,
		signature: &DeviceSignature,
	) -> DispatchResult {
		let era = report.era;
		ensure!(era.checked_add(1) == Some(Self::current_era()), Error::<T>::WrongEra);
		ensure!(report.uptime_ppm <= scoring::FULL_UPTIME_PPM, Error::<T>::UptimeOutOfRange);
		let weight = Self::class_weight(&device).ok_or(Error::<T>::UnknownDevice)?;
		ensure!(T::Devices::is_active(&device), Error::<T>::DeviceNotActive);
		ensure!(!Reports::<T>::contains_key(era, device), Error::<T>::AlreadyReported);
		let mut summary = Eras::<T>::get(era);
		ensure!(summary.reports < Self::era_capacity(), Error::<T>::EraFull);

		let payload = report_payload(&Self::genesis_hash(), &device, &report);
		ensure!(
			T::Devices::verify_signature(&device, &payload, signature),
			Error::<T>::BadSignature
		);

		let anchored = T::Evidence::anchored_records(&device, era);
		let market_fees = T::Market::settled_fees(&device, era);
		let claimed = scoring::score(scoring::claim_points(&report, anchored), weight);
		let room = Self::claim_room(&device, era);
		let score = claimed.min(room.allowance);
		ensure!(score > 0 || !market_fees.is_zero(), Error::<T>::NothingToReward);

		if let Some(manufacturer) = room.manufacturer.filter(|_| score > 0) {
			ManufacturerClaims::<T>::insert(
				manufacturer,
				(era, room.used.saturating_add(u64::from(score))),
			);
		}
		Reporters::<T>::insert(era, summary.reports, device);
		Reports::<T>::insert(
			era,
			device,
			ScoredReport {
				score,
				uptime_ppm: report.uptime_ppm,
				records: report.records,
				anchored,
				coverage_cell: report.coverage_cell,
				market_fees,
			},
		);
		summary.reports += 1;
		summary.total_score = summary.total_score.saturating_add(u64::from(score));
		summary.total_fees.saturating_accrue(market_fees);
		Eras::<T>::insert(era, summary);
		let capped = claimed > score;
		Self::deposit_event(Event::Reported {
			era,
			device,
			score,
			anchored,
			market_fees,
			capped,
			submitter,
		});
		Ok(())
	}

	/// The most claim score `device` can have in `era`: its share of its manufacturer's stake
	/// ([`scoring::allowance`] of the stake per device), and no more than what the whole stake
	/// still backs after the manufacturer's other devices' reports on `era`
	/// ([`ManufacturerClaims`]).
	pub(crate) fn claim_room(device: &DeviceCode, era: EraIndex) -> ClaimRoom {
		let Some(manufacturer) = T::Devices::manufacturer(device) else {
			return ClaimRoom::default();
		};
		let stake = T::Stake::stake(manufacturer);
		let per_point: u128 = T::StakePerClaimPoint::get().saturated_into();
		let deposit: u128 = stake.deposit.saturated_into();
		let per_device = deposit / u128::from(stake.devices.max(1));
		let whole = scoring::era_allowance(deposit, per_point);
		let used = match ManufacturerClaims::<T>::get(manufacturer) {
			Some((claimed_era, used)) if claimed_era == era => used,
			_ => 0,
		};
		let left = u32::try_from(whole.saturating_sub(used)).unwrap_or(u32::MAX);
		ClaimRoom {
			manufacturer: Some(manufacturer),
			allowance: scoring::allowance(per_device, per_point).min(left),
			used,
		}
	}

	/// The most reports an era takes: half of what the payout sweep can pay in one era's
	/// slots, so the sweep keeps up even when many slots are missed.
	pub fn era_capacity() -> u32 {
		let per_era =
			Self::slots_per_era().saturating_mul(u64::from(T::MaxPayoutsPerBlock::get())) / 2;
		per_era.saturated_into()
	}

	/// The hash of block 0, which every device signature is bound to.
	pub(crate) fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}
}

/// How much claim score a device may be given in an era.
#[derive(Default)]
pub(crate) struct ClaimRoom {
	/// The device's manufacturer; `None` for an unknown device.
	manufacturer: Option<ManufacturerId>,
	/// The most claim score the device may be given.
	allowance: u32,
	/// The claim score the manufacturer's devices have been given in the era so far.
	used: u64,
}
