# The Debian packages the project needs (sourced by scripts/setup.sh and by
# scripts/matrix/build_chroot.sh, so the host and the matrix chroots install one list).
#
# mdi_apt_packages PGMAJOR: the package names, one per line. PGMAJOR is the
# PostgreSQL major version of the release (pg_default_major), never hard-coded:
# 15 on Debian 12, 17 on Debian 13, 18 on sid at the time of writing.
#  - qgis, python3-qgis, qgis-providers: QGIS, its Python bindings and data providers
#  - python3-gdal: osgeo.ogr (GeoPackage Arrow reader, test fixtures)
#  - python3-venv: ensurepip wheels for the .venv
#  - xvfb, xauth: QGIS desktop tests under a virtual screen
#  - postgresql-N, postgresql-N-postgis-3: tests/postgis start a throwaway cluster
#  - qttools5-dev-tools: lrelease for i18n/mdi_nl.ts -> .qm
#  - git, make, ca-certificates: the build itself
mdi_apt_packages() {
    local pg="$1"
    printf '%s\n' python3-qgis qgis-providers qgis python3-gdal python3-venv \
        xvfb xauth make git ca-certificates \
        "postgresql-$pg" "postgresql-$pg-postgis-3" qttools5-dev-tools
}

# mdi_qgis_packages: the subset that must come from bookworm-backports on Debian 12
# when the 3.40 LTR is chosen (their dependencies follow through apt's resolver).
mdi_qgis_packages() {
    printf '%s\n' python3-qgis qgis-providers qgis
}
