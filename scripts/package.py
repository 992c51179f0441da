#!/usr/bin/env python3
"""Build the installable plugin zip: dist/mdi-<version>.zip with top folder ``mdi/``.

Only runtime files go in (metadata.txt, __init__.py, LICENSE, README.md, mdi_plugin/,
resources/, ui/, i18n/*.qm); tests, benchmarks, scripts and dev files stay out. The
version comes from metadata.txt, the one place it is kept.

    python3 scripts/package.py [--out dist]
"""

import argparse
import configparser
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_FOLDER = "mdi"
TOP_FILES = ("metadata.txt", "__init__.py", "LICENSE", "README.md")
TOP_DIRS = ("mdi_plugin", "resources", "ui", "i18n")
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis"}
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts", ".gpkg-wal", ".gpkg-shm", ".gpkg-journal", ".pro")


def plugin_version(root=ROOT):
    """The version in metadata.txt."""
    parser = configparser.ConfigParser(interpolation=None)
    with open(os.path.join(root, "metadata.txt"), encoding="utf-8") as handle:
        parser.read_file(handle)
    return parser["general"]["version"].strip()


def runtime_files(root=ROOT):
    """Relative paths of every file that belongs in the zip."""
    files = [name for name in TOP_FILES if os.path.isfile(os.path.join(root, name))]
    for top in TOP_DIRS:
        for folder, dirs, names in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
            for name in sorted(names):
                if not name.endswith(SKIP_SUFFIXES):
                    files.append(os.path.relpath(os.path.join(folder, name), root))
    return files


def build_zip(out_dir, root=ROOT):
    """Write the zip and return its path."""
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, "{}-{}.zip".format(PLUGIN_FOLDER, plugin_version(root)))
    partial = target + ".part"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in runtime_files(root):
            archive.write(os.path.join(root, relative),
                          "{}/{}".format(PLUGIN_FOLDER, relative.replace(os.sep, "/")))
    os.replace(partial, target)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "dist"))
    args = parser.parse_args(argv)
    print(build_zip(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
