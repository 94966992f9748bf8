"""The build's one addition to pyproject.toml: the classifier model goes into the wheel.

``models/`` at the top of the repository is the model's source of truth (``scripts/train_classifier.py`` writes
it); a wheel carries a copy as ``cpam_reader/models/``, which ``letter.classify`` reads when installed.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildWithModels(build_py):
    """``build_py`` that also copies ``models/*.json`` into the built package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "cpam_reader" / "models"
        self.mkpath(str(target))
        for model in sorted(MODELS.glob("*.json")):
            self.copy_file(str(model), str(target / model.name))


setup(cmdclass={"build_py": BuildWithModels})
