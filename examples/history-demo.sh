#!/bin/sh
# `dutylist history` on a throw-away repository replaying the example versions:
# examples/jinghong-2023, then examples/jinghong-2024, then catalogs/jinghong.
# Usage: sh examples/history-demo.sh [DUTYLIST] [ARGS...]  (default: the 勐龙镇 questions)
set -eu
dutylist=${1:-dutylist}
[ $# -gt 0 ] && shift
case $dutylist in */*) dutylist=$(cd "$(dirname "$dutylist")" && pwd)/$(basename "$dutylist") ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(mktemp -d "${TMPDIR:-/tmp}/dutylist-history.XXXXXX")
trap 'rm -rf "$repo"' EXIT
export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.org
export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.org
git -C "$repo" init -q -b main
step() {  # step FOLDER DATE MESSAGE
    rm -rf "$repo/catalogs/jinghong"
    mkdir -p "$repo/catalogs"
    cp -R "$here/$1" "$repo/catalogs/jinghong"
    git -C "$repo" add -A
    GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 git -C "$repo" commit -q -m "$3"
}
step examples/jinghong-2023 2023-06-02T10:00:00+08:00 "2023年赋权事项清单"
step examples/jinghong-2024 2024-08-19T09:30:00+08:00 "2024年8月动态调整"
step catalogs/jinghong 2024-09-19T09:30:00+08:00 "现行清单"
cd "$repo"
if [ $# -gt 0 ]; then
    "$dutylist" history "$@"
else
    "$dutylist" history --unit 勐龙镇 --since 2024-01-01 --lang zh
    "$dutylist" history JH-WL-004 --lang zh
    "$dutylist" history JH-WL-004 --format json
fi
