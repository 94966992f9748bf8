#!/usr/bin/env bash
# Set up cpam-reader on a Debian machine and run it: what the README's two commands call.
#   bash scripts/bootstrap.sh demo    install, then read the bundled sample letters (fixtures/letters)
#   bash scripts/bootstrap.sh test    install, then run the whole test suite
# Installs only what is missing: Tesseract with its French data (apt), a virtual environment in .venv, the package.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}

apt_packages=()
command -v tesseract >/dev/null 2>&1 || apt_packages+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx fra || apt_packages+=(tesseract-ocr-fra)
tesseract --list-langs 2>/dev/null | grep -qx osd || apt_packages+=(tesseract-ocr-osd)  # orientation detection
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || apt_packages+=(python3-venv)
if [[ $mode == test ]]; then
  # The applicant page's browser test: Playwright's driver (its node needs libatomic) drives Debian's chromium,
  # with fonts to render the page; the scale-out tests start a real redis-server.
  [[ -x /usr/bin/chromium ]] || apt_packages+=(chromium)
  # The letter families written apart (scripts/heldout_letters.py, negative_docs.py) draw with these fonts.
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || apt_packages+=(fonts-dejavu-core)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ]] || apt_packages+=(fonts-dejavu-extra)  # italics
  [[ -d /usr/share/fonts/truetype/liberation2 ]] || apt_packages+=(fonts-liberation2)
  [[ -d /usr/share/fonts/truetype/freefont ]] || apt_packages+=(fonts-freefont-ttf)
  ldconfig -p | grep -q libatomic.so.1 || apt_packages+=(libatomic1)
  command -v redis-server >/dev/null 2>&1 || apt_packages+=(redis-server)
fi
if ((${#apt_packages[@]})); then
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  echo "installing with apt: ${apt_packages[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

export OMP_THREAD_LIMIT=1
case $mode in
  demo) exec .venv/bin/cpam-reader scan fixtures/letters --format table ;;
  test) shift || true; exec .venv/bin/python -m pytest "$@" ;;
  install) ;;
  *) echo "usage: bash scripts/bootstrap.sh [demo|test|install]" >&2; exit 2 ;;
esac
