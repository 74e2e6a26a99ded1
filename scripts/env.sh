# Sourced by every script: where builds go and where the node binary is.
#
# The cargo target directory lives outside the checkout so that every clone on this machine
# (CI clones main afresh for each run) reuses one build instead of compiling for 45 minutes.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/itc-target}"
export ITC_NODE="${ITC_NODE:-$CARGO_TARGET_DIR/release/itc-node}"
export ITC_LOAD="${ITC_LOAD:-$CARGO_TARGET_DIR/release/itc-load}"
# Link against the system libssl rather than compiling OpenSSL from C (litep2p pulls it in).
export OPENSSL_NO_VENDOR=1
ITC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ITC_ROOT
# The ink! contracts build with their own toolchain into their own target directory
# (scripts/contracts.sh); the e2e tests deploy the artifacts from $ITC_CONTRACTS.
export ITC_CONTRACTS_TARGET="${ITC_CONTRACTS_TARGET:-$CARGO_TARGET_DIR/contracts}"
export ITC_CONTRACTS="${ITC_CONTRACTS:-$ITC_CONTRACTS_TARGET/artifacts}"
# Tools the project installs for itself (scripts/setup.sh): Node.js 20 when the system's is
# older. Put first on the PATH, once.
export ITC_TOOLS="${ITC_TOOLS:-$HOME/.cache/itc-tools}"
case ":$PATH:" in
*":$ITC_TOOLS/node/bin:"*) ;;
*) if [ -x "$ITC_TOOLS/node/bin/node" ]; then export PATH="$ITC_TOOLS/node/bin:$PATH"; fi ;;
esac
