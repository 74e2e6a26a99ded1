//! The node's JSON-RPC: the server it starts itself ([`server`]), with length caps in front of
//! three of `sc_service`'s methods ([`upstream_guard`]), and methods beyond the ones
//! `sc_service` mounts: `system_accountNextIndex` (behind a length check, [`next_index`]),
//! `system_dryRun` and `payment_queryInfo`/`payment_queryFeeDetails`.

mod next_index;
pub mod server;
mod upstream_guard;

use std::sync::Arc;

use itc_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// The node's extra RPC methods.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;
	let mut system = System::new(client.clone(), pool).into_rpc();
	next_index::guard(&mut system, |system, account: AccountId| async move {
		SystemApiServer::<<Block as sp_runtime::traits::Block>::Hash, AccountId, Nonce>::nonce(
			&*system, account,
		)
		.await
	})?;
	module.merge(system)?;
	module.merge(TransactionPayment::new(client).into_rpc())?;
	Ok(module)
}
