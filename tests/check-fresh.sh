#!/bin/sh
# make check-fresh: the README's two commands, exactly as written, on a machine that
# never saw this project.  Builds a minimal Debian 12 root with debootstrap
# (--variant=minbase bookworm, from the archive this machine's apt uses), clones
# HEAD into it, mounts what a build needs (/proc, /sys, a /dev and /dev/pts of its own), runs the two commands
# of the README's first code block there one after the other with a clean
# environment (no locale, no variables of this shell), then unmounts and removes the
# root.  ../shared is not there, as on a new user's machine: the tests that read it
# skip visibly.  Needs root (chroot, mount), as CI has.
# Environment: FRESH_DIR (default build/fresh), FRESH_MIRROR (default: the first
# bookworm archive in /etc/apt), FRESH_KEEP=1 keeps the root for a look afterwards.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${FRESH_DIR:-$top/build/fresh}
root=$dir/root
log=$dir/log
now() { date +%s; }
say() { echo "check-fresh: $*"; }

[ "$(id -u)" = 0 ] || { say "needs root (debootstrap, chroot and mount); run it as root or under sudo" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 || { say "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
command -v git >/dev/null 2>&1 || { say "needs git to clone HEAD" >&2; exit 1; }

# The archive: what this machine's apt is configured with (deb822 or one-line form).
mirror=${FRESH_MIRROR:-}
if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
        /^URIs:/ {u = $2} /^Suites:/ {for (i = 2; i <= NF; i++) if ($i == "bookworm") {print u; exit}}')
fi
if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}')
fi
[ -n "$mirror" ] || { say "no bookworm archive in /etc/apt; name one with FRESH_MIRROR=URL" >&2; exit 1; }

cleanup() {
    for m in dev/pts dev sys proc; do
        if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m"; fi
    done
    # --one-file-system: never into a mount that is still there
    [ "${FRESH_KEEP:-0}" = 1 ] || rm -rf --one-file-system "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup
mkdir -p "$dir"
: > "$log"

t=$(now)
say "debootstrap --variant=minbase bookworm (log: $log)"
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >> "$log" 2>&1; then
    tail -20 "$log" >&2; say "debootstrap failed" >&2; exit 1
fi
t_root=$(( $(now) - t ))

# The machine's apt settings (which archive, how its Release files are checked) and
# name resolution, as on any machine of this workplace.
if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/"
    rm -f "$root/etc/apt/sources.list"
fi
cp /etc/apt/apt.conf.d/* "$root/etc/apt/apt.conf.d/" 2>/dev/null || :
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || :

# A clean clone of HEAD, where a user would put it.
git clone --quiet --no-hardlinks "$top" "$root/root/engagestat"
head=$(git -C "$top" rev-parse --short HEAD)
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
# A /dev of the root's own (a tmpfs with the usual character devices), not the
# host's: nothing done inside can touch the host's devices.
mount -t tmpfs -o mode=755,size=16m fresh-dev "$root/dev"
for d in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    mknod -m 666 "$root/dev/${d%%:*}" c "$(echo "$d" | cut -d: -f2)" "${d##*:}"
done
mkdir -m 1777 "$root/dev/shm"
# terminals (the progress-bar test runs under script(1)): a devpts instance of its own
mkdir "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 fresh-pts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"

# The README's commands: the first two lines of its first ```sh block.
cmds=$(awk '/^```sh$/ {f = 1; next} /^```/ {if (f) exit} f' "$top/README.md" | head -2)
[ "$(printf '%s\n' "$cmds" | wc -l)" = 2 ] || { say "README.md does not open with two commands in a sh block" >&2; exit 1; }
status=0
n=0
npass=0
times=""
printf '%s\n' "$cmds" > "$dir/commands"
while IFS= read -r cmd; do
    n=$((n + 1))
    say "[$head] command $n: $cmd"
    t=$(now)
    if chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        /bin/sh -c "cd /root/engagestat && $cmd" < /dev/null > "$dir/command$n.log" 2>&1; then
        r=passed; npass=$((npass + 1))
    else
        r="FAILED (exit $?)"; status=1
        tail -40 "$dir/command$n.log"
    fi
    times="$times
  command $n: $r in $(( $(now) - t )) s (log: $dir/command$n.log)"
done < "$dir/commands"
# What the second command's suites said, for the record.
grep -E '^(suites|cli):|^ +(tests|asserts) +[0-9]|^  [a-z]+: (passed|FAILED)' "$dir/command2.log" 2>/dev/null || :
echo "check-fresh: new Debian 12 root in $t_root s$times"
echo "check-fresh: $npass passed, $((n - npass)) failed"
exit $status
