#!/usr/bin/env bash
# Installs code-server (VS Code's server and its Node extension host) for the code-server test levels, offline:
# only the npm registry and Debian packages are used, nothing from GitHub or Microsoft. Idempotent: a marker file
# per version skips the work once it succeeded; an unfinished install is wiped and redone.
#   test/lib/install-code-server.sh [DIR]     (default: <project>/.cache/code-server)
# Needs Node 20 and npm (4.100.3 is the last code-server whose engines.node is 20), python3, make and g++ for the
# native modules, and root or sudo for the Debian packages below when they are missing.
set -euo pipefail

VERSION=${CODE_SERVER_VERSION:-4.100.3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=$(realpath -m "${1:-$ROOT/.cache/code-server}")
MARKER="$DIR/.installed-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  echo "code-server $VERSION already installed in $DIR"
  exit 0
fi

# Headers for the native modules (kerberos needs gssapi, native-keymap xkbfile/x11, keytar libsecret) and ripgrep,
# whose npm package would otherwise download its binary from GitHub.
APT_PACKAGES=(libkrb5-dev libxkbfile-dev libx11-dev libsecret-1-dev pkg-config ripgrep)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
  echo "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp downloads Node's headers from nodejs.org unless told where they are: use the ones installed with Node.
NODEDIR=$(npm config get nodedir)
if [ -z "$NODEDIR" ] || [ "$NODEDIR" = undefined ] || [ "$NODEDIR" = null ]; then
  NODE_PREFIX=$(node -p "require('path').resolve(process.execPath, '..', '..')")
  if [ -f "$NODE_PREFIX/include/node/node_api.h" ]; then export npm_config_nodedir="$NODE_PREFIX"; fi
fi
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
# A package.json of its own, so npm installs here and not into the project above.
echo '{ "name": "kube-concepts-code-server", "private": true }' > package.json

# code-server's postinstall would let @vscode/ripgrep download from GitHub: skip all scripts, then do its steps by hand.
npm install --ignore-scripts --no-package-lock "code-server@$VERSION"
npm rebuild argon2   # its prebuilt binary comes from GitHub; offline, node-pre-gyp falls back to building from source

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts   # exact versions from its npm-shrinkwrap.json
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # present, so ripgrep's postinstall skips the download
npm_config_yes=true npm rebuild   # native modules; node-pty runs `npx node-gyp`, which must not prompt
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev)   # the built-in extensions' own dependencies

"$BIN" --config "$DIR/config.yaml" --version >/dev/null   # its own config file, not ~/.config/code-server
touch "$MARKER"
echo "code-server $VERSION installed: $BIN"
