//! Runtime API of the DAG micro-accounts pallet, read by the node's DAG service.

use crate::SenderState;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// What a DAG sender may spend.
	pub trait DagAccountsApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The sender's locked and unlocking amounts and whether it is an active device;
		/// `None` if the account is not a device's.
		fn sender(account: AccountId) -> Option<SenderState<Balance>>;
		/// The sender's first sequence number not settled by an anchor yet (0 if none was).
		fn next_seq(account: AccountId) -> u64;
		/// What of the account's DAG funds stays held through block `until`: locked plus the
		/// unlock requests that cannot be withdrawn by then (what a batch may settle against).
		fn held_through(account: AccountId, until: u32) -> Balance;
	}
}
