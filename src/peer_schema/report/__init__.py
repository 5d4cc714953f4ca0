"""One report for every input and every check: findings with a severity, a stable code, a
plain-language message, where the problem is, and a summary."""

from .findings import Finding, Report, Severity

__all__ = ["Finding", "Report", "Severity"]
