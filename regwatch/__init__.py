"""regwatch: the CLI and the pipeline that chains crawl → normalize → release → publish."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = REPO_ROOT / "data" / "demo"
