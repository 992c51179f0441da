"""The network side of mdi:downloadopendata.

Every request goes through QGIS's network manager (``QgsBlockingNetworkRequest``), so the
proxy, SSL and authentication settings of the user's QGIS apply; each has a timeout, is
retried on a dropped connection, a time-out or a server error (5xx), reports its progress
and stops when the user cancels. Answers are cached on disk in the QGIS profile
(``<profile>/mdi/opendata_cache``): an OData table under its id and its ``Modified`` date,
so a revised table is fetched again; REFRESH bypasses the cache. Without a connection the
cache is used when it has the table; otherwise the error names the host and the cached
years.

Base URLs: an environment variable wins over the QGIS setting, which wins over the default
(README, "Open data"): ``MDI_CBS_ODATA_URL`` / ``MDI/opendata/cbs_odata_url``,
``MDI_CBS_DATADERDEN_URL`` / ``MDI/opendata/cbs_dataderden_url``, ``MDI_PDOK_URL`` /
``MDI/opendata/pdok_url``. Timeout (s) and retries: ``MDI/opendata/timeout``,
``MDI/opendata/retries``.
"""

import hashlib
import json
import os
import time
from urllib.parse import quote, urlencode, urlsplit

from qgis.core import (QgsApplication, QgsBlockingNetworkRequest, QgsFeatureRequest,
                       QgsSettings, QgsVectorLayer)
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..core.odata import PAGE_LIMIT, OpenDataError, page, parse_document
from ..i18n import tr
from .progress import check_cancel

SETTINGS_PREFIX = "MDI/opendata/"
#: {catalog: (setting, environment variable, default)}
BASE_URLS = {
    "cbs": ("cbs_odata_url", "MDI_CBS_ODATA_URL", "https://opendata.cbs.nl/ODataApi/odata"),
    "dataderden": ("cbs_dataderden_url", "MDI_CBS_DATADERDEN_URL",
                   "https://dataderden.cbs.nl/ODataApi/odata"),
    "pdok": ("pdok_url", "MDI_PDOK_URL", "https://service.pdok.nl"),
}
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
#: Pages of one query at most (a server that repeats its last page must not loop forever).
MAX_PAGES = 500
_USER_AGENT = b"MDI voor QGIS (mdi:downloadopendata)"


def _setting(name, default):
    value = QgsSettings().value(SETTINGS_PREFIX + name, default)
    return default if value in (None, "") else value


def base_url(catalog):
    """The base URL of ``catalog`` (cbs, dataderden, pdok), without a trailing slash."""
    setting, variable, default = BASE_URLS[catalog]
    return (os.environ.get(variable) or str(_setting(setting, default))).strip().rstrip("/")


def profile_folder(*parts):
    """A path in the plugin's folder of the QGIS profile (``<profile>/mdi``)."""
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "mdi", *parts)


def tables_file():
    """The user's extra tables (README, "Open data"): ``<profile>/mdi/open_data_tables.json``."""
    return profile_folder("open_data_tables.json")


def _hash(text):
    """A short name for a base URL in the cache (answers of a mirror are kept apart)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _safe(text):
    """A file name part: letters, digits, - and _ only (':' of a Modified date is not
    allowed in Windows file names)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in str(text))[:80] or "_"


class OpenDataClient:
    """Fetches and caches the answers of one run. ``cached_years``: {table id: year}, to
    name the years a cache could serve when the network is gone."""

    def __init__(self, feedback, refresh=False, cached_years=None):
        self.feedback = feedback
        self.refresh = refresh
        self.timeout = float(_setting("timeout", DEFAULT_TIMEOUT))
        self.retries = int(_setting("retries", DEFAULT_RETRIES))
        self.cache = profile_folder("opendata_cache")
        self.cached_years = dict(cached_years or {})
        self.requests = 0

    # -- one request ----------------------------------------------------------------------

    def get(self, url, what):
        """The body (bytes) of ``url``; OpenDataError after the retries, naming ``what``."""
        reason = ""
        for attempt in range(self.retries + 1):
            check_cancel(self.feedback)
            if attempt:
                time.sleep(min(2.0 ** (attempt - 1), 10.0))   # back off before a retry
            self.feedback.setProgressText(tr("Fetching {what}").format(what=what))
            self.feedback.pushDebugInfo(url)
            body, reason, retry = self._request(url)
            self.requests += 1
            check_cancel(self.feedback)
            if body is not None:
                return body
            if not retry:
                break
        host = urlsplit(url).netloc or url
        raise OpenDataError("No usable answer from {host} for {what}: {reason}. Check the "
                            "network or proxy settings and the address (README, 'Open "
                            "data').{cached}", host=host, what=what, reason=reason,
                            cached=self._cached_text())

    def _request(self, url):
        """(body or None, reason, worth retrying)."""
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"Accept", b"application/json")
        request.setRawHeader(b"User-Agent", _USER_AGENT)
        if hasattr(request, "setTransferTimeout"):          # Qt >= 5.15
            request.setTransferTimeout(int(self.timeout * 1000))
        blocking = QgsBlockingNetworkRequest()
        blocking.downloadProgress.connect(self._progress)
        code = blocking.get(request, True, self.feedback)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        status = int(status) if status not in (None, "") else 0
        if code == QgsBlockingNetworkRequest.ErrorCode.NoError and 200 <= status < 300:
            return bytes(reply.content()), "", False
        if status:
            phrase = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute)
            return None, "HTTP {} {}".format(status, phrase or "").strip(), \
                status >= 500 or status == 429
        # Qt ends a request that passed its transfer timeout as "operation canceled"
        if code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError or (
                reply.error() == QNetworkReply.NetworkError.OperationCanceledError and
                not self.feedback.isCanceled()):
            return None, "no answer within {:g} s".format(self.timeout), True
        return None, reply.errorString() or blocking.errorMessage() or "no connection", True

    def _progress(self, received, total):
        if total and total > 0:
            self.feedback.setProgress(min(100.0, 100.0 * received / total))

    def _cached_text(self):
        years = sorted({y for t, y in self.cached_years.items() if self._has_data(t)})
        if not years:
            return " " + tr("No cached years.")
        return " " + tr("Cached years: {years} (run without REFRESH to use them).").format(
            years=", ".join(str(y) for y in years))

    # -- cache ------------------------------------------------------------------------------

    def _has_data(self, table_id):
        """True when the cache holds rows of KWB table ``table_id`` (any revision) from
        the current CBS address."""
        root = os.path.join(self.cache, "odata", _safe(table_id), _hash(base_url("cbs")))
        return any(name.startswith("TypedDataSet_") for _, _, names in os.walk(root)
                   for name in names)

    def read_cache(self, path):
        if self.refresh or not os.path.isfile(path):
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None          # a damaged cache file is fetched again

    @staticmethod
    def write_cache(path, data):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = path + ".part"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, path)        # whole files only, on Windows too

    # -- OData --------------------------------------------------------------------------------

    def table(self, catalog, table_id):
        """An ODataTable: its TableInfos record (fetched; from the cache when offline)."""
        base = base_url(catalog)
        folder = os.path.join(self.cache, "odata", _safe(table_id), _hash(base))
        url = "{}/{}/TableInfos?$format=json".format(base, table_id)
        try:
            rows = self.rows(url, "{} TableInfos".format(table_id))
        except OpenDataError:
            cached = None if self.refresh else self._latest(folder)
            if cached is None:
                raise
            self.feedback.pushWarning(tr("No connection: {table} is read from the cache "
                                         "(Modified {modified}).").format(
                                             table=table_id, modified=cached[1]))
            return ODataTable(self, base, table_id, cached[0], os.path.join(folder,
                                                                            _safe(cached[1])))
        info = rows[0] if rows else {}
        modified = str(info.get("Modified") or "unknown")
        path = os.path.join(folder, _safe(modified))
        self.write_cache(os.path.join(path, "TableInfos.json"), info)
        return ODataTable(self, base, table_id, info, path)

    def _latest(self, folder):
        """(TableInfos, Modified) of the newest cached revision of a table, or None."""
        found = []
        for name in os.listdir(folder) if os.path.isdir(folder) else ():
            info = self.read_cache(os.path.join(folder, name, "TableInfos.json"))
            if isinstance(info, dict):
                found.append((str(info.get("Modified") or ""), info))
        if not found:
            return None
        modified, info = max(found, key=lambda item: item[0])
        return info, modified

    def rows(self, url, what):
        """All rows of an OData query: the next links followed, and blocks of PAGE_LIMIT
        rows asked for with $skip when a server pages without a next link."""
        rows, next_url, pages, skip = [], url, 0, 0
        while next_url:
            pages += 1
            if pages > MAX_PAGES:
                raise OpenDataError("{what}: more than {pages} pages; the server keeps "
                                    "sending a next page.", what=what, pages=MAX_PAGES)
            document = parse_document(self.get(next_url, what), what)
            block, link = page(document, what)
            rows.extend(block)
            if link:
                next_url = link
            elif len(block) == PAGE_LIMIT and "$top=" in url:
                skip += PAGE_LIMIT
                next_url = "{}&$skip={}".format(url, skip)
            else:
                next_url = None
        return rows

    def boundaries(self, url, layer, page_size, gemeenten, code_property, year):
        """Path of a GeoJSON file with the features of WFS layer ``layer`` (all pages; per
        gemeente when ``gemeenten`` are given), cached in the profile."""
        key = hashlib.sha1(json.dumps([url, layer, gemeenten]).encode("utf-8")).hexdigest()
        path = os.path.join(self.cache, "pdok", "{}_{}_{}.geojson".format(
            year, _safe(layer), key[:12]))
        if self.read_cache(path) is not None:
            return path
        features = []
        for gemeente in gemeenten or [None]:
            start = 0
            while True:
                params = {"service": "WFS", "version": "2.0.0", "request": "GetFeature",
                          "typeNames": layer, "outputFormat": "json",
                          "srsName": "EPSG:28992", "count": page_size, "startIndex": start}
                if gemeente:
                    params["FILTER"] = _equal_filter(code_property, gemeente)
                what = "PDOK {} {}{}".format(layer, year, " " + gemeente if gemeente else "")
                document = parse_document(self.get("{}?{}".format(url, urlencode(
                    params, quote_via=quote)), what), what)
                block = document.get("features")
                if not isinstance(block, list):
                    raise OpenDataError("{what}: the answer has no 'features': it is not "
                                        "GeoJSON.", what=what)
                features.extend(block)
                start += len(block)
                # a server may cap a page below `count` (PDOK: 1000): ask until an empty
                # page, or until numberMatched (WFS 2.0) says that was all
                matched = document.get("numberMatched")
                if not block or (isinstance(matched, int) and start >= matched) or \
                        start >= page_size * MAX_PAGES:
                    break
        self.write_cache(path, {"type": "FeatureCollection", "features": features})
        return path


def _equal_filter(property_name, value):
    return ('<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>'
            '<fes:ValueReference>{}</fes:ValueReference><fes:Literal>{}</fes:Literal>'
            '</fes:PropertyIsEqualTo></fes:Filter>').format(property_name, value)


class ODataTable:
    """One table of one catalog: its TableInfos and ``fetch`` for core.opendata."""

    def __init__(self, client, base, table_id, info, folder):
        self.client, self.base, self.id, self.info, self.folder = \
            client, base, table_id, info, folder

    def fetch(self, entity, where=None, select=None):
        """All rows of ``entity`` (cached under the table's Modified date)."""
        params = [("$format", "json")]
        if where:
            params.append(("$filter", where))
        if select:
            params.append(("$select", ",".join(select)))
        if entity == "TypedDataSet":
            params.append(("$top", str(PAGE_LIMIT)))
        query = urlencode(params, quote_via=quote, safe="$,'()")
        path = os.path.join(self.folder, "{}_{}.json".format(
            _safe(entity), hashlib.sha1(query.encode("utf-8")).hexdigest()[:16]))
        cached = self.client.read_cache(path)
        if isinstance(cached, list):
            return cached
        rows = self.client.rows("{}/{}/{}?{}".format(
            self.base, self.id, entity, query), "{} {}".format(self.id, entity))
        self.client.write_cache(path, rows)
        return rows


def read_boundaries(path, code_properties, prefix):
    """{area code: QgsGeometry (multi-polygon)} of a PDOK GeoJSON file: features marked
    water=JA and features without a code of ``prefix`` are left out."""
    from ..core.codes import normalise_code
    layer = QgsVectorLayer(path, "pdok", "ogr")
    if not layer.isValid():
        raise OpenDataError("The PDOK boundaries in {path} cannot be read.", path=path)
    names = layer.fields().names()
    code_field = next((n for n in code_properties if n in names), None)
    geometries = {}
    for feature in layer.getFeatures(QgsFeatureRequest()):
        if code_field is None:
            break
        if "water" in names and str(feature["water"]).strip().upper() == "JA":
            continue
        code = normalise_code(feature[code_field] if isinstance(feature[code_field], str)
                              else None, prefix)
        geometry = feature.geometry()
        if code and geometry is not None and not geometry.isEmpty():
            geometry.convertToMultiType()
            geometries[code] = geometry
    if code_field is None:
        raise OpenDataError("The PDOK boundaries have no code field ({fields}); found: "
                            "{found}.", fields=", ".join(code_properties),
                            found=", ".join(names))
    return geometries
