"""Compiles the browser edition's Python to bytecode, once, at build time (hrdtrain.site_build).

Runs inside the site's own Pyodide (under Node.js: precompile.mjs), so the bytecode is exactly
what Python in the page loads (same version, same magic number): without it, Python in the page
compiles every module it imports from source at every page load (about 900 modules before the
first quiz; seconds on a slow laptop).

Each job is one zip (the standard library, a wheel) read from /in and written to /out:
- "only": each module's .py is replaced by its .pyc (the layout Pyodide's own tool makes):
  smaller and faster to unpack; tracebacks in these modules show no source lines;
- "beside": the .py stays and its .pyc goes into __pycache__/ (the course's own package: its
  sources are read at run time, and its tracebacks keep their lines).
The .pyc are "unchecked hash-based" (PEP 552): valid whatever the files' dates after unpacking.
Entries keep their order and dates; new entries get a fixed date, so the output depends only on
the input. A module that does not compile is left as source.

A job may also name folders of the zip to leave out (their files; the folders stay, empty).

JOBS (environment, JSON): [[input name, output name, mode, where the zip's files are at run time,
folders to leave out]].
"""

import csv
import importlib.util
import io
import json
import os
import sys
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
TAG = sys.implementation.cache_tag


def bytecode(source: bytes, filename: str) -> bytes | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning for an invalid escape in a test file
            code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def cached_name(name: str) -> str:
    folder, _, base = name.rpartition("/")
    return f"{folder + '/' if folder else ''}__pycache__/{base[:-3]}.{TAG}.pyc"


def new_record(text: str, renamed: dict[str, str], added: list[str], left_out: set[str]) -> str:
    rows = [r for r in csv.reader(io.StringIO(text)) if not (r and r[0] in left_out)]
    out = [[renamed[r[0]], "", ""] if r and r[0] in renamed else r for r in rows]
    out += [[name, "", ""] for name in added]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(out)
    return buffer.getvalue()


def rewrite(source_zip: str, target_zip: str, mode: str, run_prefix: str, leave_out: list[str]) -> int:
    compiled: dict[str, bytes] = {}
    with zipfile.ZipFile(source_zip) as zin:
        infos = [i for i in zin.infolist() if not i.filename.startswith(tuple(leave_out))]
        left_out = {i.filename for i in zin.infolist()} - {i.filename for i in infos}
        data = {info.filename: zin.read(info) for info in infos}
    for info in infos:
        name = info.filename
        if name.endswith(".py") and not info.is_dir():
            pyc = bytecode(data[name], run_prefix + name)
            if pyc is not None:
                compiled[name] = pyc
    renamed = {name: name + "c" for name in compiled} if mode == "only" else {}
    added = [cached_name(name) for name in compiled] if mode == "beside" else []
    with zipfile.ZipFile(target_zip, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in infos:
            name = info.filename
            if name in compiled and mode == "only":
                entry = zipfile.ZipInfo(name + "c", date_time=info.date_time)
                entry.external_attr, entry.compress_type = info.external_attr, zipfile.ZIP_DEFLATED
                zout.writestr(entry, compiled[name])
                continue
            content = data[name]
            if name.endswith(".dist-info/RECORD"):
                content = new_record(content.decode("utf-8"), renamed, added, left_out).encode("utf-8")
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.external_attr, entry.compress_type = info.external_attr, zipfile.ZIP_DEFLATED
            zout.writestr(entry, content)
        for folder in leave_out:  # the folder itself stays: code may list it
            entry = zipfile.ZipInfo(folder.rstrip("/") + "/", date_time=FIXED_DATE)
            entry.external_attr = (0o40755 << 16) | 0x10
            zout.writestr(entry, b"")
        if mode == "beside":
            for name, pyc in compiled.items():
                entry = zipfile.ZipInfo(cached_name(name), date_time=FIXED_DATE)
                entry.external_attr, entry.compress_type = 0o644 << 16, zipfile.ZIP_DEFLATED
                zout.writestr(entry, pyc)
    return len(compiled)


def main() -> None:
    report = {}
    for name, out_name, mode, run_prefix, leave_out in json.loads(os.environ["JOBS"]):
        if mode not in ("only", "beside"):
            raise SystemExit(f"unknown mode {mode!r}")
        report[name] = rewrite(f"/in/{name}", f"/out/{out_name}", mode, run_prefix, leave_out)
    print("PRECOMPILED " + json.dumps(report))


main()
