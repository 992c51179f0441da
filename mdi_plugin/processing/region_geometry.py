"""Geometry for aggregating units to regions: point-in-region lookup and dissolving.

* RegionPolygons reads a polygon layer once and finds, through a QgsSpatialIndex and
  prepared GEOS geometries, the region that contains a point.
* locate_units() puts each unit's point-on-surface (transformed to the regions' CRS) in
  a region; units without (or with empty) geometry and points outside every region stay
  unmatched, with a reason.
* dissolve() unions the geometries of the units of each group (QgsGeometry.unaryUnion).

Invalid polygons (self-intersections, as real boundary files have) do not stop the run:
QGIS's validity check is skipped (its abort, raised inside a Python ``for`` loop over a
feature iterator, crashes QGIS 3.22) and invalid polygons are repaired with makeValid()
where it matters: region polygons always, unit polygons when their point on surface or
their union fails. Features are read with ``nextFeature`` loops.
"""

from qgis.core import (QgsCoordinateTransform, QgsCsException, QgsFeatureRequest,
                       QgsGeometry, QgsRectangle, QgsSpatialIndex)

from ..core.aggregate import region_key
from .feature_io import iterate_features
from .progress import tick

_CHECK_EVERY = 500

#: Reasons why a unit is in no region (keys of UNMATCHED_REASONS in the algorithm).
NO_GEOMETRY = "no_geometry"
OUTSIDE = "outside"
TRANSFORM_FAILED = "transform_failed"


def _has_geometry(geometry):
    return geometry is not None and not geometry.isNull() and not geometry.isEmpty()


def _repaired(geometry):
    """A valid version of a geometry (makeValid), or None when that fails."""
    fixed = geometry.makeValid()
    return fixed if _has_geometry(fixed) else None


class RegionPolygons:
    """The polygons of a region layer, their region keys and a spatial index.

    Several polygons may share one region key (they form one region); polygons without a
    key are no region. ``regions`` lists the distinct keys in layer order, ``attributes``
    the attributes of the first polygon of each region.
    """

    def __init__(self, source, id_field, feedback=None):
        id_index = source.fields().lookupField(id_field)
        self.crs = source.sourceCrs()
        self.regions = []
        self.attributes = []
        self.polygons_of = []          # polygon rows of each region
        self.region_of_polygon = []
        self.geometries = []
        self.without_key = 0
        self.without_geometry = []     # region keys whose polygons have no geometry
        self.repaired = []             # region keys with an invalid polygon, repaired
        self._index = QgsSpatialIndex()
        self._engines = {}
        position = {}
        total = max(source.featureCount(), 1)
        for count, feature in enumerate(iterate_features(source)):
            tick(feedback, count, total, _CHECK_EVERY)
            key = region_key(feature.attributes()[id_index])
            if key is None:
                self.without_key += 1
                continue
            if key not in position:
                position[key] = len(self.regions)
                self.regions.append(key)
                self.attributes.append(feature.attributes())
                self.polygons_of.append([])
            geometry = feature.geometry()
            if not _has_geometry(geometry):
                continue
            if not geometry.isGeosValid():
                geometry = _repaired(geometry)
                if geometry is None:
                    continue
                if key not in self.repaired:
                    self.repaired.append(key)
            row = len(self.geometries)
            self.geometries.append(QgsGeometry(geometry))
            self.region_of_polygon.append(position[key])
            self.polygons_of[position[key]].append(row)
            self._index.addFeature(row, geometry.boundingBox())
        self.without_geometry = [k for k, rows in zip(self.regions, self.polygons_of)
                                 if not rows]

    def _engine(self, row):
        engine = self._engines.get(row)
        if engine is None:
            engine = QgsGeometry.createGeometryEngine(self.geometries[row].constGet())
            engine.prepareGeometry()
            self._engines[row] = engine
        return engine

    def locate(self, point):
        """Region indices (into ``regions``) whose polygons contain the point geometry."""
        xy = point.asPoint()
        candidates = sorted(self._index.intersects(QgsRectangle(xy.x(), xy.y(),
                                                                xy.x(), xy.y())))
        found = []
        for row in candidates:
            region = self.region_of_polygon[row]
            if region not in found and self._engine(row).intersects(point.constGet()):
                found.append(region)
        return sorted(found)

    def geometry(self, region):
        """The geometry of one region: its polygon, or the union of its polygons."""
        rows = self.polygons_of[region]
        if not rows:
            return None
        if len(rows) == 1:
            geometry = QgsGeometry(self.geometries[rows[0]])
        else:
            geometry = QgsGeometry.unaryUnion([self.geometries[r] for r in rows])
        geometry.convertToMultiType()
        return geometry


def locate_units(source, regions, transform_context, feedback=None):
    """Put each unit of ``source`` in a region of ``regions`` (a RegionPolygons).

    Returns ({feature id: region index or -1}, {feature id: reason} for the -1 units,
    number of units inside more than one region, which go to the first one).
    """
    transform = QgsCoordinateTransform(source.sourceCrs(), regions.crs, transform_context)
    needs_transform = source.sourceCrs() != regions.crs
    request = QgsFeatureRequest()
    request.setNoAttributes()
    region_of = {}
    reasons = {}
    ambiguous = 0
    total = max(source.featureCount(), 1)
    for count, feature in enumerate(iterate_features(source, request)):
        tick(feedback, count, total, _CHECK_EVERY)
        fid = feature.id()
        region_of[fid] = -1
        geometry = feature.geometry()
        if not _has_geometry(geometry):
            reasons[fid] = NO_GEOMETRY
            continue
        point = geometry.pointOnSurface()
        if not _has_geometry(point):                  # e.g. an invalid polygon: repair
            fixed = _repaired(geometry)
            point = fixed.pointOnSurface() if fixed is not None else None
        if not _has_geometry(point):
            reasons[fid] = NO_GEOMETRY
            continue
        if needs_transform:
            try:
                point.transform(transform)
            except QgsCsException:
                reasons[fid] = TRANSFORM_FAILED
                continue
        found = regions.locate(point)
        if not found:
            reasons[fid] = OUTSIDE
            continue
        ambiguous += len(found) > 1
        region_of[fid] = found[0]
    return region_of, reasons, ambiguous


def dissolve(source, group_of, n_groups, feedback=None):
    """Union of the unit geometries of each group ({feature id: group, -1 = none}).

    Returns a list with one multi-geometry (or None: no unit with geometry) per group.
    """
    request = QgsFeatureRequest()
    request.setNoAttributes()
    parts = [[] for _ in range(n_groups)]
    total = max(source.featureCount(), 1)
    for count, feature in enumerate(iterate_features(source, request)):
        tick(feedback, count, total, _CHECK_EVERY, end=50.0)
        group = group_of.get(feature.id(), -1)
        geometry = feature.geometry()
        if group >= 0 and _has_geometry(geometry):
            parts[group].append(QgsGeometry(geometry))
    out = []
    for group, geometries in enumerate(parts):
        tick(feedback, group, n_groups, every=1, start=50.0)
        if not geometries:
            out.append(None)
            continue
        union = geometries[0] if len(geometries) == 1 else \
            QgsGeometry.unaryUnion(geometries)
        if not _has_geometry(union):   # GEOS failed (invalid parts): union repaired parts
            fixed = [g for g in (_repaired(g) for g in geometries) if g is not None]
            union = QgsGeometry.unaryUnion(fixed) if fixed else union
        if not _has_geometry(union):   # still nothing: keep the parts as they are
            union = QgsGeometry.collectGeometry(geometries)
        union.convertToMultiType()
        out.append(union)
    return out
