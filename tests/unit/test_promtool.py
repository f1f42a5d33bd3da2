"""promtool (from Debian's prometheus package, installed by scripts/test.sh) checks the deploy files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PROMTOOL = shutil.which("promtool")
RULE_TESTS = ROOT / "tests" / "promtool" / "alerts.test.yml"


def promtool(*args: str) -> subprocess.CompletedProcess:
    assert PROMTOOL, "promtool is missing: ./scripts/test.sh installs Debian's prometheus package"
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_prometheus_config_and_rules_are_valid():
    config = promtool("check", "config", "deploy/prometheus/prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr
    rules = promtool("check", "rules", "deploy/prometheus/alerts.yml")
    assert rules.returncode == 0, rules.stdout + rules.stderr


def test_alert_rule_unit_tests_pass():
    result = promtool("test", "rules", str(RULE_TESTS.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_every_alert_has_a_firing_and_a_quiet_case():
    alerts = {r["alert"] for g in yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text())["groups"] for r in g["rules"]}
    fired, quiet = set(), set()
    for case in yaml.safe_load(RULE_TESTS.read_text())["tests"]:
        for check in case.get("alert_rule_test", []):
            (fired if check.get("exp_alerts") else quiet).add(check["alertname"])
    assert alerts == fired == quiet
