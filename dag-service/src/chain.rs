//! What the service asks the chain, as a small trait: the runtime calls of the DAG pallets and
//! the off-chain database the anchor worker reads. [`ClientChain`] answers through a client;
//! tests answer from memory.

use crate::Error;
use pallet_dag_accounts::{runtime_api::DagAccountsApi, SenderState};
use pallet_dag_anchor::{runtime_api::DagAnchorApi, Anchor, AnchorStatus};
use sc_client_api::Backend;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::offchain::OffchainStorage;
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	AccountId32, SaturatedConversion,
};
use std::{marker::PhantomData, sync::Arc};

/// A DAG sender's state: what it has locked and is unlocking, whether it is an active device.
pub type Sender = SenderState<u128>;

/// The chain, as the DAG service reads it.
pub trait DagChain<B: BlockT>: Send + Sync + 'static {
	/// The finalized block.
	fn finalized(&self) -> B::Hash;
	/// The hash of block `number` of the finalized chain, if the node has it.
	fn hash(&self, number: NumberFor<B>) -> Result<Option<B::Hash>, Error>;
	/// `account`'s DAG state at `at`; `None` if it is not a device's account.
	fn sender(&self, at: B::Hash, account: [u8; 32]) -> Result<Option<Sender>, Error>;
	/// `account`'s first DAG sequence number not settled at `at`.
	fn next_seq(&self, at: B::Hash, account: [u8; 32]) -> Result<u64, Error>;
	/// What of `account`'s DAG funds at `at` stays held through block `until`: locked plus
	/// the unlock requests that cannot be withdrawn by then.
	fn held_through(
		&self,
		at: B::Hash,
		account: [u8; 32],
		until: NumberFor<B>,
	) -> Result<u128, Error>;
	/// The anchor pallet's status at `at`.
	fn status(&self, at: B::Hash) -> Result<AnchorStatus<NumberFor<B>>, Error>;
	/// `epoch`'s anchor at `at`, if it was anchored.
	fn anchor(&self, at: B::Hash, epoch: u32) -> Result<Option<Anchor<NumberFor<B>>>, Error>;
	/// Leaves `epoch`'s encoded summary where the anchor pallet's off-chain worker reads it.
	fn leave_summary(&self, epoch: u32, summary: &[u8]) -> Result<(), Error>;
}

/// The chain through a client and its backend (the off-chain database).
pub struct ClientChain<B, C, BE> {
	client: Arc<C>,
	backend: Arc<BE>,
	_block: PhantomData<B>,
}

impl<B, C, BE> ClientChain<B, C, BE> {
	/// Reads through `client`; writes summaries into `backend`'s off-chain database.
	pub fn new(client: Arc<C>, backend: Arc<BE>) -> Self {
		Self { client, backend, _block: PhantomData }
	}
}

impl<B, C, BE> DagChain<B> for ClientChain<B, C, BE>
where
	B: BlockT,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: DagAccountsApi<B, AccountId32, u128> + DagAnchorApi<B, NumberFor<B>>,
	BE: Backend<B> + 'static,
{
	fn finalized(&self) -> B::Hash {
		self.client.info().finalized_hash
	}

	fn hash(&self, number: NumberFor<B>) -> Result<Option<B::Hash>, Error> {
		Ok(self.client.hash(number)?)
	}

	fn sender(&self, at: B::Hash, account: [u8; 32]) -> Result<Option<Sender>, Error> {
		Ok(self.client.runtime_api().sender(at, AccountId32::from(account))?)
	}

	fn next_seq(&self, at: B::Hash, account: [u8; 32]) -> Result<u64, Error> {
		Ok(self.client.runtime_api().next_seq(at, AccountId32::from(account))?)
	}

	fn held_through(
		&self,
		at: B::Hash,
		account: [u8; 32],
		until: NumberFor<B>,
	) -> Result<u128, Error> {
		let until: u32 = until.saturated_into();
		Ok(self.client.runtime_api().held_through(at, AccountId32::from(account), until)?)
	}

	fn status(&self, at: B::Hash) -> Result<AnchorStatus<NumberFor<B>>, Error> {
		Ok(self.client.runtime_api().status(at)?)
	}

	fn anchor(&self, at: B::Hash, epoch: u32) -> Result<Option<Anchor<NumberFor<B>>>, Error> {
		Ok(self.client.runtime_api().anchor(at, epoch)?)
	}

	fn leave_summary(&self, epoch: u32, summary: &[u8]) -> Result<(), Error> {
		let mut offchain = self.backend.offchain_storage().ok_or(Error::NoOffchainDb)?;
		// Persistent off-chain storage, which the worker's `StorageValueRef::persistent` reads.
		offchain.set(sc_offchain::STORAGE_PREFIX, &pallet_dag_anchor::summary_key(epoch), summary);
		Ok(())
	}
}
