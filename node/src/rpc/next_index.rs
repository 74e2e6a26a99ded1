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
	core::{RegisterMethodError, RpcResult},
	types::{
		error::{INVALID_PARAMS_CODE, INVALID_PARAMS_MSG},
		ErrorObject, ErrorObjectOwned, Params,
	},
	RpcModule,
};

/// The longest account string decoded: an SS58 address of a 32-byte account with a two-byte
/// network prefix is 50 characters; a little room for nothing else.
pub const MAX_ACCOUNT_CHARS: usize = 64;

/// The method's name, and the alias Polkadot.js also calls.
const METHOD: &str = "system_accountNextIndex";
const ALIAS: &str = "account_nextIndex";

/// An invalid-params error as upstream's methods make it: the standard message, the detail in
/// `data`.
fn invalid(detail: String) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, INVALID_PARAMS_MSG, Some(detail))
}

/// The account given as text, refused if it is too long to be an address, then decoded as
/// upstream decodes it.
pub fn parse_account<AccountId: serde::de::DeserializeOwned>(
	text: String,
) -> Result<AccountId, ErrorObjectOwned> {
	if text.chars().count() > MAX_ACCOUNT_CHARS {
		return Err(invalid(format!(
			"account: at most {MAX_ACCOUNT_CHARS} characters (an SS58 address)"
		)));
	}
	serde_json::from_value(serde_json::Value::String(text))
		.map_err(|e| invalid(format!("account: {e}")))
}

/// The account parameter as text, by position (extra ones ignored) or by name, as upstream's
/// method takes it.
fn account_text(params: &Params<'_>) -> Result<String, ErrorObjectOwned> {
	#[derive(serde::Deserialize)]
	struct Named {
		account: String,
	}
	if params.is_object() {
		params.parse::<Named>().map(|named| named.account)
	} else {
		params.sequence().next()
	}
}

/// Replaces upstream's `system_accountNextIndex` and its alias in `module` by the same method
/// behind [`parse_account`]; `nonce` is upstream's implementation. Fails if `module` lacks
/// either (an upstream rename would otherwise go unguarded).
pub fn guard<Ctx, AccountId, Nonce, F, Fut>(
	module: &mut RpcModule<Ctx>,
	nonce: F,
) -> Result<(), RegisterMethodError>
where
	Ctx: Send + Sync + 'static,
	AccountId: serde::de::DeserializeOwned + Send + 'static,
	Nonce: serde::Serialize + Clone + Send + 'static,
	F: Fn(std::sync::Arc<Ctx>, AccountId) -> Fut + Clone + Send + Sync + 'static,
	Fut: std::future::Future<Output = RpcResult<Nonce>> + Send + 'static,
{
	for name in [METHOD, ALIAS] {
		module
			.remove_method(name)
			.ok_or_else(|| RegisterMethodError::MethodNotFound(name.into()))?;
	}
	module.register_async_method(METHOD, move |params, ctx, _| {
		let nonce = nonce.clone();
		async move {
			let text = account_text(&params)?;
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
		assert_eq!((err.code(), err.message()), (INVALID_PARAMS_CODE, INVALID_PARAMS_MSG));
		assert!(err.data().unwrap().get().contains("at most 64"), "{err:?}");
		// Upstream's decoder takes minutes for a million base58 characters.
		assert!(started.elapsed() < std::time::Duration::from_secs(1));
	}

	#[test]
	fn a_bad_address_is_an_invalid_params_error() {
		let err = parse_account::<AccountId32>("5Grw".to_string()).unwrap_err();
		assert_eq!(err.code(), INVALID_PARAMS_CODE);
	}

	fn guarded() -> RpcModule<()> {
		let mut module = RpcModule::new(());
		module.register_method(METHOD, |_, _, _| 0u32).unwrap();
		module.register_alias(ALIAS, METHOD).unwrap();
		guard(&mut module, |_, account: AccountId32| async move {
			let bytes: &[u8; 32] = account.as_ref();
			Ok(u32::from(bytes[0]))
		})
		.unwrap();
		module
	}

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

	#[tokio::test]
	async fn the_guard_replaces_the_method_and_its_alias() {
		let module = guarded();
		let first: u32 = module.call(METHOD, [ALICE]).await.unwrap();
		assert_eq!(first, 0xd4);
		let aliased: u32 = module.call(ALIAS, [ALICE]).await.unwrap();
		assert_eq!(aliased, 0xd4);
		let long = "x".repeat(100_000);
		assert!(module.call::<_, u32>(ALIAS, [long]).await.is_err());
	}

	#[tokio::test]
	async fn params_by_name_or_with_extras_are_taken_as_upstream_takes_them() {
		let module = guarded();
		let mut named = jsonrpsee::core::params::ObjectParams::new();
		named.insert("account", ALICE).unwrap();
		let by_name: u32 = module.call(METHOD, named).await.unwrap();
		assert_eq!(by_name, 0xd4);
		let extra: u32 = module.call(METHOD, (ALICE, 7)).await.unwrap();
		assert_eq!(extra, 0xd4);
	}

	#[test]
	fn a_module_without_the_method_is_an_error() {
		let mut module = RpcModule::new(());
		let nonce = |_, _: AccountId32| async move { Ok(0u32) };
		assert!(matches!(guard(&mut module, nonce), Err(RegisterMethodError::MethodNotFound(_))));
	}
}
