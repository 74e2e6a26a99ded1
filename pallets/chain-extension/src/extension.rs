//! The [`ChainExtension`] pallet-contracts calls: charge, read, answer, write.

use crate::{Config, Function, InputError, Query};
use core::marker::PhantomData;
use frame_support::traits::Get;
use pallet_contracts::chain_extension::{
	ChainExtension, Environment, Ext, InitState, Result, RetVal,
};
use sp_runtime::DispatchError;

/// The extension's id: `0`, reserved for chain-specific extensions.
pub const EXTENSION_ID: u16 = 0;
/// Status of `verify_device_signature` when the message is longer than
/// [`Config::MaxMessageLen`].
pub const STATUS_MESSAGE_TOO_LONG: u32 = 1;

/// The chain extension, for `pallet_contracts::Config::ChainExtension`.
pub struct Extension<T>(PhantomData<T>);

impl<T> Default for Extension<T> {
	fn default() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config + pallet_contracts::Config> ChainExtension<T> for Extension<T> {
	fn call<E: Ext<T = T>>(&mut self, env: Environment<E, InitState>) -> Result<RetVal> {
		if env.ext_id() != EXTENSION_ID {
			return Err(pallet_contracts::Error::<T>::NoChainExtension.into());
		}
		let function = Function::from_id(env.func_id())
			.ok_or(DispatchError::Other("itc chain extension: unknown function id"))?;
		let mut env = env.buf_in_buf_out();
		let max_message = <T as Config>::MaxMessageLen::get();
		let len = env.in_len();
		if len > function.max_input_len(max_message) {
			// Fixed-size inputs can only be too long if malformed; a message can be too long.
			return match function {
				Function::VerifyDeviceSignature => {
					env.charge_weight(function.weight::<<T as Config>::WeightInfo>(0))?;
					Ok(RetVal::Converging(STATUS_MESSAGE_TOO_LONG))
				},
				_ => Err(pallet_contracts::Error::<T>::DecodingFailed.into()),
			};
		}
		env.charge_weight(function.weight::<<T as Config>::WeightInfo>(len))?;
		let input = env.read(len)?;
		let query = match Query::decode(function, &input, max_message) {
			Ok(query) => query,
			Err(InputError::MessageTooLong) => {
				return Ok(RetVal::Converging(STATUS_MESSAGE_TOO_LONG))
			},
			Err(InputError::Malformed) => {
				return Err(pallet_contracts::Error::<T>::DecodingFailed.into())
			},
		};
		let answer = query.answer::<T>(env.ext().address());
		env.write(&answer, false, None)?;
		Ok(RetVal::Converging(0))
	}
}
