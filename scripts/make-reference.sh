#!/usr/bin/env bash
# Regenerates docs/reference/ (one Markdown page per command, with its --help) from the command
# definitions; CommandDocsTest fails while the committed pages differ from what this writes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -ntp -q -o test-compile 2>/dev/null || mvn -B -ntp -q test-compile
rm -rf docs/reference
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.pinkeeper.cli.CommandDocs reference docs/reference
echo "make-reference: wrote $(ls docs/reference | wc -l) pages in docs/reference" >&2
