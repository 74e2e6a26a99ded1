//! Length caps in front of three methods `sc_service` mounts whose parameter upstream decodes in
//! time that grows with the square of its length.
//!
//! - `bitswap_v1_get` (safe: every listener serves it) decodes its CID with `multibase`: three
//!   requests of a million characters each kept the RPC workers of a 2-core node busy for
//!   minutes (docs/SECURITY.md, "The node's RPC"). The longest CID the method accepts (base2 of
//!   a CIDv1 with a 32-byte digest, 47 bytes) is 377 characters, so 1,024 bytes of parameters
//!   is room enough.
//! - `system_addReservedPeer` and `system_removeReservedPeer` (unsafe: localhost only by
//!   default) decode base58 peer ids and multiaddrs inside the single task that answers every
//!   `system_*` call. A peer id is at most 61 characters and a multiaddr with one is well under
//!   a kilobyte; anything longer is refused as a malformed peer, with upstream's own error.
//!
//! The cap is on the raw JSON of the parameters, before anything is decoded, whatever their
//! shape (by position or by name). Under it, upstream's own callback answers, unchanged. The
//! server `sc_service::spawn_tasks` starts cannot be changed after the fact, so the node serves
//! a module of its own ([`crate::service`]) with these methods wrapped here.

use futures::future::BoxFuture;
use jsonrpsee::{
	core::RegisterMethodError,
	types::{ErrorObject, ErrorObjectOwned, Id, Params},
	ConnectionId, Extensions, MethodCallback, MethodResponse, RpcModule,
};
use sc_rpc::DenyUnsafe;
use std::sync::Arc;

/// The most bytes of parameters `bitswap_v1_get` decodes.
pub const MAX_CID_PARAMS: usize = 1_024;
/// The most bytes of parameters `system_removeReservedPeer` decodes.
pub const MAX_PEER_ID_PARAMS: usize = 256;
/// The most bytes of parameters `system_addReservedPeer` decodes.
pub const MAX_MULTIADDR_PARAMS: usize = 2_048;

/// Upstream's code for a malformed peer argument (`sc_rpc_api::system::error`: base 2000 + 2).
const MALFORMED_PEER_CODE: i32 = 2_002;
/// The bitswap specification's code for invalid parameters.
const INVALID_PARAMS_CODE: i32 = -32_602;

/// Who may be refused by a cap.
#[derive(Clone, Copy)]
enum Scope {
	/// Anyone: the method is safe.
	Everyone,
	/// Callers allowed unsafe methods; others still get upstream's own refusal.
	UnsafeCallers,
}

/// Wraps the three methods of `module` (the module `sc_service::gen_rpc_module` builds).
pub fn guard(module: &mut RpcModule<()>) -> Result<(), RegisterMethodError> {
	cap(module, "bitswap_v1_get", MAX_CID_PARAMS, Scope::Everyone, || {
		let message = format!("Invalid CID: at most {MAX_CID_PARAMS} bytes of parameters");
		ErrorObject::owned(
			INVALID_PARAMS_CODE,
			message,
			Some(serde_json::json!({ "variant": "InvalidCid" })),
		)
	})?;
	cap(module, "system_removeReservedPeer", MAX_PEER_ID_PARAMS, Scope::UnsafeCallers, || {
		malformed_peer(MAX_PEER_ID_PARAMS)
	})?;
	cap(module, "system_addReservedPeer", MAX_MULTIADDR_PARAMS, Scope::UnsafeCallers, || {
		malformed_peer(MAX_MULTIADDR_PARAMS)
	})
}

/// Upstream's malformed-peer error, saying what the cap is.
fn malformed_peer(cap: usize) -> ErrorObjectOwned {
	let message = format!("peer argument longer than {cap} bytes of parameters");
	ErrorObject::owned(MALFORMED_PEER_CODE, message, None::<()>)
}

/// Replaces method `name` of `module` by one that answers `refusal()` to parameters longer
/// than `max_bytes` (for a caller in `scope`) and calls the original otherwise.
fn cap(
	module: &mut RpcModule<()>,
	name: &'static str,
	max_bytes: usize,
	scope: Scope,
	refusal: fn() -> ErrorObjectOwned,
) -> Result<(), RegisterMethodError> {
	let refuses = move |len: usize, extensions: &Extensions| {
		len > max_bytes
			&& match scope {
				Scope::Everyone => true,
				Scope::UnsafeCallers => {
					!matches!(extensions.get::<DenyUnsafe>(), Some(DenyUnsafe::Yes))
				},
			}
	};
	let wrapped = match module.remove_method(name) {
		Some(MethodCallback::Sync(inner)) => MethodCallback::Sync(Arc::new(
			move |id: Id<'_>, params: Params<'_>, max_response: usize, extensions: Extensions| {
				if refuses(params.len_bytes(), &extensions) {
					MethodResponse::error(id, refusal()).with_extensions(extensions)
				} else {
					inner(id, params, max_response, extensions)
				}
			},
		)),
		Some(MethodCallback::Async(inner)) => MethodCallback::Async(Arc::new(
			move |id: Id<'static>,
			      params: Params<'static>,
			      connection: ConnectionId,
			      max_response: usize,
			      extensions: Extensions|
			      -> BoxFuture<'static, MethodResponse> {
				if refuses(params.len_bytes(), &extensions) {
					let response = MethodResponse::error(id, refusal()).with_extensions(extensions);
					Box::pin(std::future::ready(response))
				} else {
					inner(id, params, connection, max_response, extensions)
				}
			},
		)),
		Some(other) => {
			// A subscription: nothing to cap; put it back as it was.
			module.verify_and_insert(name, other)?;
			return Err(RegisterMethodError::MethodNotFound(name.into()));
		},
		None => return Err(RegisterMethodError::MethodNotFound(name.into())),
	};
	module.verify_and_insert(name, wrapped).map(drop)
}

#[cfg(test)]
mod tests {
	use super::*;
	use jsonrpsee::types::ErrorObjectOwned;

	/// A module with the three methods, answering "upstream" and counting their calls.
	fn upstream(calls: Arc<std::sync::atomic::AtomicUsize>) -> RpcModule<()> {
		let mut module = RpcModule::new(());
		for name in ["bitswap_v1_get", "system_removeReservedPeer"] {
			let calls = calls.clone();
			module
				.register_method(name, move |_, _, _| {
					calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
					"upstream"
				})
				.expect("a fresh name");
		}
		let calls = calls.clone();
		module
			.register_async_method("system_addReservedPeer", move |_, _, _| {
				let calls = calls.clone();
				async move {
					calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
					"upstream"
				}
			})
			.expect("a fresh name");
		module
	}

	async fn call(
		module: &RpcModule<()>,
		method: &str,
		param: String,
	) -> Result<String, ErrorObjectOwned> {
		module.call(method, [param]).await.map_err(|e| match e {
			jsonrpsee::MethodsError::JsonRpc(e) => e,
			other => panic!("{other}"),
		})
	}

	#[tokio::test]
	async fn long_parameters_are_refused_before_upstream_sees_them() {
		let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
		let mut module = upstream(calls.clone());
		module.extensions_mut().insert(DenyUnsafe::No);
		guard(&mut module).expect("the three methods are there");

		let cid = format!("z{}", "2".repeat(1_000_000));
		let refused = call(&module, "bitswap_v1_get", cid).await.unwrap_err();
		assert_eq!(refused.code(), INVALID_PARAMS_CODE);
		assert!(refused.data().is_some_and(|d| d.get().contains("InvalidCid")));
		for method in ["system_removeReservedPeer", "system_addReservedPeer"] {
			let refused = call(&module, method, "2".repeat(1_000_000)).await.unwrap_err();
			assert_eq!(refused.code(), MALFORMED_PEER_CODE, "{method}");
		}
		assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 0);

		for method in ["bitswap_v1_get", "system_removeReservedPeer", "system_addReservedPeer"] {
			assert_eq!(call(&module, method, "short".into()).await.unwrap(), "upstream");
		}
		assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
	}

	#[tokio::test]
	async fn a_caller_denied_unsafe_methods_gets_upstreams_answer() {
		let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
		let mut module = upstream(calls.clone());
		module.extensions_mut().insert(DenyUnsafe::Yes);
		guard(&mut module).expect("the three methods are there");
		// Upstream checks the policy before it decodes anything; the stand-in just answers.
		let answer = call(&module, "system_removeReservedPeer", "2".repeat(10_000)).await;
		assert_eq!(answer.unwrap(), "upstream");
		let cid = format!("z{}", "2".repeat(10_000));
		assert!(call(&module, "bitswap_v1_get", cid).await.is_err(), "safe: capped for all");
	}

	#[test]
	fn a_module_without_the_methods_is_an_error() {
		let mut module = RpcModule::new(());
		assert!(matches!(guard(&mut module), Err(RegisterMethodError::MethodNotFound(_))));
	}
}
