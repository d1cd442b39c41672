#!/usr/bin/env bash
# Builds the installable pinkeeper into target/dist/:
#   pinkeeper_VERSION_all.deb     the Debian package (dpkg -i, or apt install ./pinkeeper_…deb)
#   pinkeeper-VERSION.tar.gz      the same tree for other distributions (tar -xzf … -C /)
#   scripts/package.sh              builds the jar (mvn package, tests skipped), then packages it
#   scripts/package.sh --prebuilt   packages the jar already in target/ (what PackageIT does after mvn package)
#
# The package depends on Debian's Java runtime (default-jre-headless, 17 or later) rather than
# bringing its own jlink runtime: the JRE then gets its security updates through apt with the rest
# of the system, the package stays small (the jars only), and it is architecture independent.
#
# Tree:
#   /usr/bin/pinkeeper                           launcher: java with the development launcher's options, never Maven
#   /usr/share/pinkeeper/                        pinkeeper.jar, lib/*.jar, jvm.options, install-deps.sh, cds-classes.lst
#   /var/cache/pinkeeper/pinkeeper.jsa           class-data sharing archive, written by postinst (not shipped:
#                                                it is valid only for the exact JVM build that runs it)
#   /usr/share/man/man1/pinkeeper*.1.gz          one man page per command (picocli ManPageGenerator + asciidoctor)
#   /usr/share/bash-completion/completions/pinkeeper, /usr/share/zsh/vendor-completions/_pinkeeper
#   /lib/systemd/system/pinkeeper-renew.{service,timer}, pinkeeper-collector.service, pinkeeper-notify@.service
#                                                (none enabled; renew's OnFailure= starts the notify unit)
#   /etc/pinkeeper/pinkeeper.toml                the settings file, every line commented out (a conffile: an
#                                                admin's changes survive upgrades); /etc/pinkeeper/hooks/{pre,deploy,post}/
#   /var/lib/pinkeeper (0700, made by postinst; kept on purge: keys and pin history)
# Needs: a JDK 17, Maven, dpkg-deb, asciidoctor (scripts/install-deps.sh installs it); lintian if
# installed checks the .deb (not with --prebuilt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
prebuilt=false
case "${1:-}" in
  --prebuilt) prebuilt=true ;;
  "") ;;
  *) echo "usage: $0 [--prebuilt]" >&2; exit 2 ;;
esac
for tool in dpkg-deb asciidoctor gzip; do
  command -v "$tool" >/dev/null || { echo "package: $tool not found: run scripts/install-deps.sh" >&2; exit 2; }
done

if ! $prebuilt; then
  mvn -B -ntp -q -o package -DskipTests 2>/dev/null || mvn -B -ntp -q package -DskipTests
fi
for built in target/pinkeeper.jar target/lib target/test-classes target/test-classpath.txt; do
  [ -e "$built" ] || { echo "package: $built missing: run mvn package first (or without --prebuilt)" >&2; exit 2; }
done
version="$(java -jar target/pinkeeper.jar --version | sed -n 's/^pinkeeper //p')"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "package: target/pinkeeper.jar has no version ($version)" >&2; exit 2; }
# reproducible: every file dated at the last commit (or a fixed instant outside git)
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)}"

work="$root/target/package"
tree="$work/tree"
rm -rf "$work"
mkdir -p "$tree" "$root/target/dist"
docs_cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
install -d -m 755 "$tree"/{usr/bin,usr/share/pinkeeper/lib,usr/share/man/man1,usr/share/doc/pinkeeper} \
  "$tree"/{usr/share/bash-completion/completions,usr/share/zsh/vendor-completions,lib/systemd/system} \
  "$tree"/etc/pinkeeper/hooks/{pre,deploy,post}

install -m 755 packaging/pinkeeper "$tree/usr/bin/pinkeeper"
install -m 644 packaging/pinkeeper.toml "$tree/etc/pinkeeper/pinkeeper.toml"
install -m 644 target/pinkeeper.jar packaging/jvm.options scripts/cds-classes.lst "$tree/usr/share/pinkeeper/"
install -m 644 target/lib/*.jar "$tree/usr/share/pinkeeper/lib/"
# what pinkeeper rehearse runs as root to install pebble, nginx and curl when they are missing
install -m 755 scripts/install-deps.sh "$tree/usr/share/pinkeeper/install-deps.sh"
install -m 644 contrib/systemd/pinkeeper-renew.service contrib/systemd/pinkeeper-renew.timer \
  contrib/systemd/pinkeeper-collector.service contrib/systemd/pinkeeper-notify@.service "$tree/lib/systemd/system/"

# man pages (AsciiDoc from the command model, then roff) and the completions, in one JVM
java -cp "$docs_cp" dev.pinkeeper.cli.CommandDocs man "$work/man" \
  bash "$tree/usr/share/bash-completion/completions/pinkeeper" zsh "$tree/usr/share/zsh/vendor-completions/_pinkeeper"
asciidoctor -b manpage -a "mansource=pinkeeper $version" -a "manmanual=pinkeeper manual" -a revnumber="$version" \
  -D "$work/roff" "$work"/man/*.adoc
for page in "$work"/roff/*.1; do
  gzip -9n -c "$page" > "$tree/usr/share/man/man1/$(basename "$page").gz"
done
chmod 644 "$tree/usr/share/bash-completion/completions/pinkeeper" "$tree/usr/share/zsh/vendor-completions/_pinkeeper"

install -m 644 packaging/debian/copyright "$tree/usr/share/doc/pinkeeper/copyright"
printf 'pinkeeper (%s) unstable; urgency=medium\n\n  * Release %s: see the project history.\n\n -- the pinkeeper authors <pinkeeper@users.noreply.github.com>  %s\n' \
  "$version" "$version" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" | gzip -9n > "$tree/usr/share/doc/pinkeeper/changelog.gz"
chmod 644 "$tree/usr/share/doc/pinkeeper/changelog.gz"

# the tarball: the same tree (the state folder and the CDS archive are made on first use / by hand)
tarball="$root/target/dist/pinkeeper-$version.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$tree" -cf - etc usr lib \
  | gzip -n > "$tarball"

# the Debian package
install -d -m 755 "$tree/DEBIAN"
installed_size="$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" packaging/debian/control.in \
  > "$tree/DEBIAN/control"
install -m 755 packaging/debian/postinst packaging/debian/postrm packaging/debian/prerm "$tree/DEBIAN/"
install -m 644 packaging/debian/triggers packaging/debian/conffiles "$tree/DEBIAN/"
(cd "$tree" && find usr lib -type f ! -path 'DEBIAN/*' -print0 | sort -z | xargs -0 md5sum) > "$tree/DEBIAN/md5sums"
chmod 644 "$tree/DEBIAN/md5sums" "$tree/DEBIAN/control"
find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
# gzip, not xz: the jars are compressed already, xz saves 1.5% and takes fifteen times longer
deb="$root/target/dist/pinkeeper_${version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$tree" "$deb" >/dev/null

# lintian takes half a minute: for a release build, not for PackageIT's --prebuilt one
if ! $prebuilt && command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" >&2 || true
fi
echo "package: $(du -h "$deb" | cut -f1) $deb" >&2
echo "package: $(du -h "$tarball" | cut -f1) $tarball" >&2
