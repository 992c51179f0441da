"""Smaller things a new user saw (issue #15): progress that ends at 100, exportmap saying what
it renders, domain-profile charts titled with names, charts without the region layer, and
the README's Install section naming `make package`."""

from pathlib import Path

from qgis import processing
from qgis.core import QgsApplication

from mdi_test_helpers import LogFeedback

README = Path(__file__).resolve().parent.parent / "README.md"


class ProgressLog(LogFeedback):
    def __init__(self):
        super().__init__()
        self.progress = []

    def setProgress(self, progress):  # noqa: N802 - QGIS API
        self.progress.append(progress)
        super().setProgress(progress)


def test_compute_and_classify_progress_ends_at_100(mdi_provider, sample_gpkg, tmp_path):
    feedback = ProgressLog()
    result = processing.run("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(sample_gpkg),
        "OUTPUT": str(tmp_path / "mdi.gpkg")}, feedback=feedback)
    assert feedback.progress[-1] == 100
    feedback = ProgressLog()
    processing.run("mdi:classifyquartiles", {"INPUT": result["OUTPUT"],
                                             "OUTPUT": "memory:"}, feedback=feedback)
    assert feedback.progress[-1] == 100


def test_exportmap_reports_progress_through_its_steps(mdi_provider, gemeenten_mdi, tmp_path):
    feedback = ProgressLog()
    processing.run("mdi:exportmap", {"INPUT": gemeenten_mdi, "DPI": 40,
                                     "OUTPUT_PNG": str(tmp_path / "k.png"),
                                     "OUTPUT_PDF": str(tmp_path / "k.pdf")}, feedback=feedback)
    steps = sorted(set(feedback.progress))
    assert len([p for p in steps if 0 < p < 100]) >= 3 and steps[-1] == 100
    assert "Rendering PNG..." in feedback.infos and "Rendering PDF..." in feedback.infos


def test_domain_profile_charts_without_region_layer_and_named_by_corop(
        mdi_provider, tmp_path):
    definition = QgsApplication.processingRegistry().algorithmById(
        "mdi:domainprofile").parameterDefinition("OUTPUT_REGIONS")
    assert definition.flags() & definition.FlagOptional
    rows = ["gemeentecode;coropcode;" + ";".join(
        "mdi_" + d for d in ("inkomen", "werk", "gezondheid", "opleiding", "huisvesting",
                             "veiligheid", "woonomgeving"))]
    rows += ["GM{:04d};CR{};".format(k, 23 if k < 3 else 39) +
             ";".join(str(40 + k + i) for i in range(7)) for k in range(6)]
    table = tmp_path / "gemeenten.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = processing.run("mdi:domainprofile", {
        "INPUT": str(table), "REGION_FIELD": "coropcode",
        "OUTPUT_FOLDER": str(tmp_path / "grafieken"), "OUTPUT": "memory:"})
    assert result["N_CHARTS"] == 2 and not result["OUTPUT_REGIONS"]
    titles = {f["regio"]: f["regionaam"] for f in result["OUTPUT"].getFeatures()}
    assert titles == {"CR23": "Groot-Amsterdam", "CR39": "Zuid-Limburg"}


def test_readme_install_section_names_make_package():
    text = README.read_text(encoding="utf-8")
    install = text.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "make package" in install
