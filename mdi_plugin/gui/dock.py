"""The "MDI maps" dock ("MDI-kaarten"): pick a gemeente and a buurt layer, a field and a
class scheme, draw the zone overlay, highlight the highest scores and export the map.

All styling is done by mdi_plugin.styling; the dock only collects the choices, remembers
them in QgsSettings and reports what happened. Built from ui/mdi_dock.ui.
"""

import os

from qgis.core import QgsProcessingException, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QFileDialog

from ..compat import GEOMETRY_POLYGON
from ..core.errors import MdiError
from ..core.zones import read_zone_csv
from ..i18n import tr, tr_error
from ..paths import PLUGIN_ROOT
from ..styling.classes import CHANGE, FIXED, QUARTILES
from ..styling.layout import (DEFAULT_SOURCE, DEFAULT_TITLE, ExportError, export_map,
                              legend_order)
from ..styling.renderers import (CHANGE_PREFIX, PROP_STYLE, apply_choropleth, year_field_of,
                                 years_of)
from ..styling.topn import STYLE_TOP_N, gemeenten_in_layer, highlight_layer
from ..styling.zones import apply_zone_overlay, place_in_overlay_group, read_region_names
from .layer_choice import (STYLE_CLASSES, STYLE_ZONES, first_mdi_layer, is_score_field,
                           named_style, score_fields, year_field_candidates)

UI_FILE = os.path.join(PLUGIN_ROOT, "ui", "mdi_dock.ui")
FORM_CLASS, _BASE = uic.loadUiType(UI_FILE)

SCHEMES = (FIXED, QUARTILES, CHANGE)
SETTINGS_PREFIX = "MDI/dock/"
#: Custom property marking layers the dock made (so a new highlight replaces the old one).
PROP_MADE_BY_DOCK = "mdi/made_by_dock"
#: The algorithm behind the dock's "Data ophalen" button.
DOWNLOAD_ALGORITHM = "mdi:downloadopendata"


def polygon_layer_filter():
    """QgsMapLayerProxyModel filter for polygon layers (Qgis.LayerFilter from 3.34 on)."""
    from qgis.core import Qgis
    flags = getattr(Qgis, "LayerFilter", None)
    if flags is not None and hasattr(flags, "PolygonLayer"):
        return flags.PolygonLayer
    from qgis.core import QgsMapLayerProxyModel
    return QgsMapLayerProxyModel.Filter.PolygonLayer


class MdiDockWidget(QgsDockWidget, FORM_CLASS):
    """Dock widget of the MDI maps. ``iface`` may be None (tests, scripts)."""

    #: Emitted with a short message after every action (also shown in the dock).
    status = pyqtSignal(str)

    def __init__(self, iface=None, project=None, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("MdiDock")
        self.iface = iface
        self.project = project or QgsProject.instance()
        self._settings = QgsSettings()
        self._restoring = False
        #: the year field the user picked: None = not picked (recognised names), "" = none
        self._chosen_year_field = None
        for combo in (self.gemeenteLayerCombo, self.buurtLayerCombo, self.zoneLayerCombo):
            combo.setFilters(polygon_layer_filter())
            combo.setAllowEmptyLayer(True)
        # never whatever layer happens to be selected: the gemeente picker starts on a
        # layer holding MDI values ('mdi' first) or empty; buurten and zones start empty
        self.gemeenteLayerCombo.setLayer(first_mdi_layer(
            [node.layer() for node in self.project.layerTreeRoot().findLayers()]))
        self.buurtLayerCombo.setLayer(None)
        self.zoneLayerCombo.setLayer(None)
        self.zoneTableWidget.setFilter(tr("CSV files (*.csv)"))
        self.titleEdit.setPlaceholderText(tr(DEFAULT_TITLE))
        self.sourceEdit.setPlaceholderText(tr(DEFAULT_SOURCE))
        self.gemeenteLayerCombo.layerChanged.connect(self._layers_changed)
        self.buurtLayerCombo.layerChanged.connect(self._layers_changed)
        self.fieldCombo.currentTextChanged.connect(self._field_changed)
        self.yearFieldCombo.activated.connect(self._year_field_chosen)
        self.applyButton.clicked.connect(self.apply_classes)
        self.zonesButton.clicked.connect(self.draw_zones)
        self.topNButton.clicked.connect(self.highlight_highest)
        self.exportPngButton.clicked.connect(lambda: self._export_dialog("png"))
        self.exportPdfButton.clicked.connect(lambda: self._export_dialog("pdf"))
        self.dataButton.clicked.connect(self.open_download_dialog)
        self.restore_state()

    def open_download_dialog(self):
        """"Data ophalen": the dialog of mdi:downloadopendata (Processing's own dialog)."""
        from qgis import processing
        try:
            processing.execAlgorithmDialog(DOWNLOAD_ALGORITHM, {})
        except QgsProcessingException as err:       # e.g. the provider is not loaded
            self._report(str(err), ok=False)

    # -- state ----------------------------------------------------------------------------
    def _setting(self, key, default=None, kind=str):
        value = self._settings.value(SETTINGS_PREFIX + key, default)
        if value is None:
            return default
        try:
            return kind(value) if kind is not bool else value in (True, "true", "1", 1)
        except (TypeError, ValueError):
            return default

    def _set_layer(self, combo, key):
        layer_id = self._setting(key + "_id", "")
        layer = self.project.mapLayer(layer_id) if layer_id else None
        if layer is None:
            name = self._setting(key + "_name", "")
            matches = self.project.mapLayersByName(name) if name else []
            layer = next((m for m in matches if isinstance(m, QgsVectorLayer)), None)
        if layer is not None:
            combo.setLayer(layer)

    def restore_state(self):
        """Choices of the last session (QgsSettings), where the layers still exist."""
        self._restoring = True
        try:
            self._set_layer(self.gemeenteLayerCombo, "gemeente_layer")
            self._set_layer(self.buurtLayerCombo, "buurt_layer")
            self._set_layer(self.zoneLayerCombo, "zone_layer")
            self.schemeCombo.setCurrentIndex(
                max(0, min(len(SCHEMES) - 1, self._setting("scheme", 0, int))))
            self.topNSpin.setValue(self._setting("top_n", 10, int))
            self.dpiSpin.setValue(self._setting("dpi", 150, int))
            self.titleEdit.setText(self._setting("title", ""))
            self.subtitleEdit.setText(self._setting("subtitle", ""))
            self._chosen_year_field = self._setting("year_field", None)
            self.sourceEdit.setText(self._setting("source", ""))
            self.zoneLabelsCheck.setChecked(self._setting("zone_labels", True, bool))
            self.zoneTableWidget.setFilePath(self._setting("zone_table", ""))
            self._layers_changed()
            field = self._setting("field", "")
            if field and self.fieldCombo.findText(field) >= 0:
                self.fieldCombo.setCurrentText(field)
            year = self._setting("year", "")
            index = self.yearCombo.findData(int(year)) if str(year).isdigit() else -1
            if index >= 0:
                self.yearCombo.setCurrentIndex(index)
        finally:
            self._restoring = False

    def save_state(self):
        """Store the current choices in QgsSettings."""
        settings = self._settings
        for key, combo in (("gemeente_layer", self.gemeenteLayerCombo),
                           ("buurt_layer", self.buurtLayerCombo),
                           ("zone_layer", self.zoneLayerCombo)):
            layer = combo.currentLayer()
            settings.setValue(SETTINGS_PREFIX + key + "_id", layer.id() if layer else "")
            settings.setValue(SETTINGS_PREFIX + key + "_name", layer.name() if layer else "")
        settings.setValue(SETTINGS_PREFIX + "field", self.fieldCombo.currentText())
        settings.setValue(SETTINGS_PREFIX + "scheme", self.schemeCombo.currentIndex())
        year = self.current_year()
        settings.setValue(SETTINGS_PREFIX + "year", "" if year is None else year)
        settings.setValue(SETTINGS_PREFIX + "top_n", self.topNSpin.value())
        settings.setValue(SETTINGS_PREFIX + "dpi", self.dpiSpin.value())
        settings.setValue(SETTINGS_PREFIX + "title", self.titleEdit.text())
        settings.setValue(SETTINGS_PREFIX + "subtitle", self.subtitleEdit.text())
        if self._chosen_year_field is not None:
            settings.setValue(SETTINGS_PREFIX + "year_field", self._chosen_year_field)
        settings.setValue(SETTINGS_PREFIX + "source", self.sourceEdit.text())
        settings.setValue(SETTINGS_PREFIX + "zone_labels", self.zoneLabelsCheck.isChecked())
        settings.setValue(SETTINGS_PREFIX + "zone_table", self.zoneTableWidget.filePath())

    # -- choices --------------------------------------------------------------------------
    def choropleth_layers(self):
        """The chosen gemeente and buurt layers (those set, each once)."""
        layers = []
        for layer in (self.gemeenteLayerCombo.currentLayer(),
                      self.buurtLayerCombo.currentLayer()):
            if isinstance(layer, QgsVectorLayer) and layer not in layers:
                layers.append(layer)
        return layers

    def current_scheme(self):
        """FIXED, QUARTILES or CHANGE."""
        return SCHEMES[max(0, self.schemeCombo.currentIndex())]

    def current_year(self):
        """The chosen year, or None for layers without years."""
        value = self.yearCombo.currentData()
        return None if value in (None, "") else int(value)

    def set_scheme(self, scheme):
        """Choose FIXED, QUARTILES or CHANGE."""
        self.schemeCombo.setCurrentIndex(SCHEMES.index(scheme))

    def year_field_for(self, layer):
        """The year field of ``layer``: the one picked in the dock when the layer has it, else
        the recognised one (jaar, year, jaartal, peiljaar); None when the user picked
        "(no year field)" or the layer has none."""
        chosen = self._chosen_year_field
        if chosen == "":
            return None
        if chosen and layer.fields().indexOf(chosen) >= 0:
            return chosen
        return year_field_of(layer)

    def _years(self, layer):
        year_field = self.year_field_for(layer)
        return years_of(layer, year_field) if year_field else []

    def _year_field_chosen(self, _index):
        self._chosen_year_field = self.yearFieldCombo.currentData() or ""
        self._layers_changed()

    def _fill_year_fields(self, layers):
        self.yearFieldCombo.clear()
        self.yearFieldCombo.addItem(tr("(no year field)"), "")
        for name in year_field_candidates(layers):
            self.yearFieldCombo.addItem(name, name)
        current = self.year_field_for(layers[0]) if layers else None
        self.yearFieldCombo.setCurrentIndex(max(0, self.yearFieldCombo.findData(current or "")))

    def _layers_changed(self, *_args):
        field = self.fieldCombo.currentText()
        layers = self.choropleth_layers()
        self._fill_year_fields(layers)
        names = []
        for layer in layers:
            names += [n for n in score_fields(layer, self.year_field_for(layer))
                      if n not in names]
        self.fieldCombo.blockSignals(True)
        self.fieldCombo.clear()
        if names and not is_score_field(names[0]):
            self.fieldCombo.addItem("")      # no MDI values here: the user picks a field
        self.fieldCombo.addItems(names)
        if field in names:
            self.fieldCombo.setCurrentText(field)
        self.fieldCombo.blockSignals(False)
        self._field_changed(self.fieldCombo.currentText())
        years = []
        for layer in layers:
            years += [y for y in self._years(layer) if y not in years]
        year = self.current_year()
        self.yearCombo.clear()
        if not years:
            self.yearCombo.addItem(tr("(no year field)"), None)
        for value in sorted(years, reverse=True):
            self.yearCombo.addItem(str(value), value)
        if year in years:
            self.yearCombo.setCurrentIndex(self.yearCombo.findData(year))
        self.yearCombo.setEnabled(bool(years))
        self.gemeenteFilterCombo.clear()
        self.gemeenteFilterCombo.addItem(tr("(all gemeenten)"), "")
        buurten = self.buurtLayerCombo.currentLayer()
        if isinstance(buurten, QgsVectorLayer):
            for code, name in gemeenten_in_layer(buurten):
                self.gemeenteFilterCombo.addItem("{} {}".format(code, name).strip(), code)

    def _field_changed(self, field):
        if not self._restoring and field.lower().startswith(CHANGE_PREFIX):
            self.set_scheme(CHANGE)

    def _report(self, text, ok=True):
        self.statusLabel.setText(text)
        self.status.emit(text)
        if self.iface is not None:
            bar = self.iface.messageBar()
            (bar.pushSuccess if ok else bar.pushWarning)(tr("MDI maps"), text)

    def _refresh_legend(self, layer):
        if self.iface is not None:
            view = self.iface.layerTreeView()
            if view is not None:
                view.refreshLayerSymbology(layer.id())

    # -- actions --------------------------------------------------------------------------
    def apply_classes(self):
        """Style the chosen layers with the chosen field, scheme and year; returns
        {layer id: ClassScheme}."""
        field = self.fieldCombo.currentText()
        layers = self.choropleth_layers()
        if not layers or not field:
            self._report(tr("Choose a gemeente or buurt layer with a numeric field first."),
                         False)
            return {}
        scheme = self.current_scheme()
        year = self.current_year()
        done, skipped = {}, []
        for layer in layers:
            if layer.fields().indexOf(field) < 0:
                skipped.append(tr("{layer} has no field {field}").format(
                    layer=layer.name(), field=field))
                continue
            layer_year = year if year in self._years(layer) else None
            try:
                # in the layer's named style "MDI classes": the user's style stays
                with named_style(layer, tr(STYLE_CLASSES)):
                    done[layer.id()] = apply_choropleth(layer, field, scheme, layer_year,
                                                        self.year_field_for(layer))
            except (MdiError, ValueError) as err:
                skipped.append("{}: {}".format(layer.name(), tr_error(err)))
                continue
            self._refresh_legend(layer)
        self.save_state()
        names = {layer.id(): layer.name() for layer in layers}
        self.classesLabel.setText("\n\n".join(
            "{}:\n{}".format(names[layer_id], "\n".join(scheme.labels))
            for layer_id, scheme in done.items()))
        message = tr("Classes applied to {count} layer(s).").format(count=len(done))
        if skipped:
            message += " " + "; ".join(skipped)
        self._report(message, not skipped)
        return done

    def draw_zones(self):
        """Style the chosen region layer as zone overlay in its named style "MDI zones" (the
        user's style stays in the layer's style manager); the layer stays where it is."""
        layer = self.zoneLayerCombo.currentLayer()
        if not isinstance(layer, QgsVectorLayer):
            self._report(tr("Choose a region layer for the zone overlay first."), False)
            return None
        year = self.current_year()
        path = self.zoneTableWidget.filePath() or None
        try:
            table = read_zone_csv(path) if path else None
            with named_style(layer, tr(STYLE_ZONES)):
                found = apply_zone_overlay(
                    layer, table, labels=self.zoneLabelsCheck.isChecked(),
                    year=year if year in self._years(layer) else None,
                    year_field=self.year_field_for(layer),
                    names=read_region_names(path) if path else None)
        except (MdiError, ValueError, OSError) as err:
            self._report(tr_error(err), False)
            return None
        self._refresh_legend(layer)
        self.save_state()
        message = tr("Zone overlay drawn.")
        if found["unknown"]:
            message += " " + tr("No zone for: {values}.").format(
                values=", ".join(found["unknown"]))
        self._report(message, not found["unknown"])
        return found

    def highlight_highest(self):
        """Add (or replace) the layer outlining the N highest features of the buurt layer
        (the gemeente layer when no buurt layer is chosen); returns it."""
        layers = self.choropleth_layers()
        source = self.buurtLayerCombo.currentLayer() or (layers[0] if layers else None)
        field = self.fieldCombo.currentText()
        if source is None or not field:
            self._report(tr("Choose a buurt layer and a field first."), False)
            return None
        year = self.current_year()
        year = year if year in self._years(source) else None
        gemeente = self.gemeenteFilterCombo.currentData() or None
        try:
            layer = highlight_layer(source, field, self.topNSpin.value(), gemeente, year,
                                    self.year_field_for(source))
        except (MdiError, ValueError) as err:     # e.g. text that is no number in the field
            self._report(tr_error(err), False)
            return None
        for old in list(self.project.mapLayers().values()):
            if old.customProperty(PROP_MADE_BY_DOCK) and \
                    old.customProperty(PROP_STYLE) == STYLE_TOP_N:
                self.project.removeMapLayer(old.id())
        layer.setCustomProperty(PROP_MADE_BY_DOCK, True)
        self.project.addMapLayer(layer, False)
        place_in_overlay_group(self.project, [layer])
        self.save_state()
        self._report(tr("{count} feature(s) highlighted.").format(count=layer.featureCount()))
        return layer

    def map_layers(self):
        """Layers of the current map: the canvas's (top first), else the chosen ones."""
        if self.iface is not None and self.iface.mapCanvas() is not None:
            layers = [layer for layer in self.iface.mapCanvas().layers() if layer is not None]
            if layers:
                return layers
        chosen = [self.zoneLayerCombo.currentLayer()] + self.choropleth_layers()[::-1]
        return [layer for layer in chosen if layer is not None]

    def export(self, png=None, pdf=None):
        """Export the current map through the MDI layout; returns (layout, files) or None."""
        layers = self.map_layers()
        if not layers:
            self._report(tr("Nothing to export: the map has no layers."), False)
            return None
        extent = crs = None
        if self.iface is not None and self.iface.mapCanvas() is not None:
            canvas = self.iface.mapCanvas()
            if canvas.layers():
                extent = canvas.extent()
                crs = canvas.mapSettings().destinationCrs()
        polygons = [layer for layer in layers if isinstance(layer, QgsVectorLayer) and
                    layer.geometryType() == GEOMETRY_POLYGON]
        try:
            result = export_map(self.project, layers, png, pdf, self.dpiSpin.value(),
                                legend_order(polygons or layers), extent, crs,
                                self.titleEdit.text() or None,
                                self.subtitleEdit.text() or None,
                                self.sourceEdit.text() or None)
        except ExportError as err:
            self._report(tr_error(err), False)
            return None
        self.save_state()
        self._report(tr("Map exported: {files}").format(
            files=", ".join(result[1].values())))
        return result

    def _export_dialog(self, kind):
        last = self._setting("last_dir", os.path.expanduser("~"))
        caption = tr("Export map as PNG") if kind == "png" else tr("Export map as PDF")
        file_filter = tr("PNG image (*.png)") if kind == "png" else tr("PDF document (*.pdf)")
        path, _selected = QFileDialog.getSaveFileName(
            self, caption, os.path.join(last, "mdi_kaart." + kind), file_filter)
        if not path:
            return None
        if not path.lower().endswith("." + kind):
            path += "." + kind
        self._settings.setValue(SETTINGS_PREFIX + "last_dir", os.path.dirname(path))
        return self.export(**{kind: path})
