//! `system_accountNextIndex` (alias `account_nextIndex`) with its account checked for length
//! before it is decoded.
//!
//! Upstream's method takes an `AccountId32`, whose deserializer base58-decodes the whole string
//! before it checks the length: the decoding costs time in the square of the length and runs on
//! the RPC server's worker threads. One 200,000-character request took 20 s on this machine,
//! and as many such requests as the node has cores left every other RPC call unanswered (found
//! by `tests/e2e/rpc-fuzz.test.mjs`; docs/SECURITY.md, "The node's RPC"). An SS58 address of a
//! 32-byte account is at most 50 characters, so anything longer is refused at once; the rest
//! is upstream's method, unchanged.

use jsonrpsee::{
	core::RpcResult,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
	RpcModule,
};

/// The longest account string decoded: an SS58 address of a 32-byte account with a two-byte
/// network prefix is 50 characters; a little room for nothing else.
pub const MAX_ACCOUNT_CHARS: usize = 64;

/// The method's name, and the alias Polkadot.js also calls.
const METHOD: &str = "system_accountNextIndex";
const ALIAS: &str = "account_nextIndex";

/// The account given as text, refused if it is too long to be an address, then decoded as
/// upstream decodes it.
pub fn parse_account<AccountId: serde::de::DeserializeOwned>(
	text: String,
) -> Result<AccountId, ErrorObjectOwned> {
	if text.chars().count() > MAX_ACCOUNT_CHARS {
		return Err(ErrorObject::owned(
			INVALID_PARAMS_CODE,
			format!("account: at most {MAX_ACCOUNT_CHARS} characters (an SS58 address)"),
			None::<()>,
		));
	}
	serde_json::from_value(serde_json::Value::String(text))
		.map_err(|e| ErrorObject::owned(INVALID_PARAMS_CODE, format!("account: {e}"), None::<()>))
}

/// Replaces upstream's `system_accountNextIndex` and its alias in `module` by the same method
/// behind [`parse_account`]; `nonce` is upstream's implementation.
pub fn guard<Ctx, AccountId, Nonce, F, Fut>(
	module: &mut RpcModule<Ctx>,
	nonce: F,
) -> Result<(), jsonrpsee::core::RegisterMethodError>
where
	Ctx: Send + Sync + 'static,
	AccountId: serde::de::DeserializeOwned + Send + 'static,
	Nonce: serde::Serialize + Clone + Send + 'static,
	F: Fn(std::sync::Arc<Ctx>, AccountId) -> Fut + Clone + Send + Sync + 'static,
	Fut: std::future::Future<Output = RpcResult<Nonce>> + Send + 'static,
{
	module.remove_method(METHOD);
	module.remove_method(ALIAS);
	module.register_async_method(METHOD, move |params, ctx, _| {
		let nonce = nonce.clone();
		async move {
			let text: String = params.one()?;
			nonce(ctx, parse_account(text)?).await
		}
	})?;
	module.register_alias(ALIAS, METHOD)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::crypto::AccountId32;

	#[test]
	fn an_address_is_decoded_as_upstream_decodes_it() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let parsed: AccountId32 = parse_account(alice.to_string()).unwrap();
		assert_eq!(parsed, serde_json::from_value(serde_json::json!(alice)).unwrap());
	}

	#[test]
	fn a_long_string_is_refused_before_decoding() {
		let started = std::time::Instant::now();
		let err = parse_account::<AccountId32>("x".repeat(1_000_000)).unwrap_err();
		assert_eq!(err.code(), INVALID_PARAMS_CODE);
		assert!(err.message().contains("at most 64"), "{}", err.message());
		// Upstream's decoder takes minutes for a million base58 characters.
		assert!(started.elapsed() < std::time::Duration::from_secs(1));
	}

	#[test]
	fn a_bad_address_is_an_invalid_params_error() {
		let err = parse_account::<AccountId32>("5Grw".to_string()).unwrap_err();
		assert_eq!(err.code(), INVALID_PARAMS_CODE);
	}

	#[tokio::test]
	async fn the_guard_replaces_the_method_and_its_alias() {
		let mut module = RpcModule::new(());
		module.register_method(METHOD, |_, _, _| 0u32).unwrap();
		module.register_alias(ALIAS, METHOD).unwrap();
		guard(&mut module, |_, account: AccountId32| async move {
			let bytes: &[u8; 32] = account.as_ref();
			Ok(u32::from(bytes[0]))
		})
		.unwrap();
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let first: u32 = module.call(METHOD, [alice]).await.unwrap();
		assert_eq!(first, 0xd4);
		let aliased: u32 = module.call(ALIAS, [alice]).await.unwrap();
		assert_eq!(aliased, 0xd4);
		let long = "x".repeat(100_000);
		assert!(module.call::<_, u32>(ALIAS, [long]).await.is_err());
	}
}
