#!/usr/bin/env bash
# The nightly feed job for cron: build every feed, log what changes, publish.
#
#   0 2 * * *  /srv/shop-feeds/examples/ci/nightly.sh /srv/shop-feeds >> /var/log/omnifeed.log 2>&1
#
# Argument: the workspace folder (default: the current one). OMNIFEED: the command (default omnifeed).
# Exit codes: 0 published (error-level issues, if any, left their items out: see out/omnifeed-report.json);
# 2 nothing was published (config, catalog, destination or lock; the message says which);
# 3 a safety guard refused to publish (nothing was published: look at `omnifeed diff`, and if the change is
# real, run `omnifeed publish --force "reason"`); 70 a bug in omnifeed.
set -uo pipefail
cd "${1:-.}" || exit 2
omnifeed=${OMNIFEED:-omnifeed}

# exit 1 is a build with problems: the feeds were written without the invalid items, so the night goes on
$omnifeed build --wait 600
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "nightly: the build failed (exit $status): nothing was published" >&2
  exit "$status"
fi

$omnifeed diff || exit $?

$omnifeed publish --wait 600
status=$?
case $status in
  0) echo "nightly: published" ;;
  3) echo "nightly: a safety guard refused to publish (see above); if the change is real: omnifeed publish --force \"reason\"" >&2 ;;
  *) echo "nightly: the publish failed (exit $status)" >&2 ;;
esac
exit "$status"
