# Mount and unmount the kernel file systems a chroot needs (sourced).

chroot_mount() {
    local root="$1" fs
    for fs in proc sys dev dev/pts; do
        mkdir -p "$root/$fs"
        mountpoint -q "$root/$fs" && continue
        case "$fs" in
            proc) mount -t proc proc "$root/proc" ;;
            sys) mount -t sysfs sysfs "$root/sys" ;;
            dev) mount --bind /dev "$root/dev" ;;
            dev/pts) mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 ;;
        esac
    done
}

# chroot_umount ROOT: unmount everything below ROOT, deepest first; never fails.
chroot_umount() {
    local root target
    root="$(readlink -f "$1" 2>/dev/null || true)"
    [ -n "$root" ] && [ -d "$root" ] || return 0
    awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts \
        | sort -r | while read -r target; do
            umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
        done
    return 0
}
