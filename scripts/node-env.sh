# Sourced (not run) by the scripts, from the repository's root: when
# scripts/setup.sh had to install Node.js under .tools/node (the machine's
# was older than 20, as Debian 12's 18 is), put it first on PATH so that
# node, npm's scripts and the tools in node_modules run on it.
_dss_node_bin="$PWD/.tools/node/node_modules/node/bin"
if [ -x "$_dss_node_bin/node" ]; then
  case ":$PATH:" in
    *":$_dss_node_bin:"*) ;;
    *) PATH="$_dss_node_bin:$PATH"; export PATH ;;
  esac
fi
unset _dss_node_bin
