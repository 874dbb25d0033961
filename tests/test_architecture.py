"""The layers hold: core, content, services, presentation (.importlinter, DESIGN.md). lint-imports
runs here, inside the README's test command, and fails the suite when an import points upwards."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_imports_follow_the_layers():
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=settings.BASE_DIR, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
